"""URLs of the registration pages: /registrations/<plan id>/…"""

from django.urls import path

from activities.views.registration import overview, unit

app_name = "registration"

urlpatterns = [
    # Every unit's progress and the list (masked where it must be); the organiser's tools.
    path("<int:pk>/", overview.overview, name="overview"),
    path("<int:pk>/reopen/", overview.reopen, name="reopen"),
    path("<int:pk>/export.xlsx", overview.export, name="export"),
    path("<int:pk>/appendix.pdf", overview.appendix_pdf, name="appendix_pdf"),
    path("<int:pk>/appendix.docx", overview.appendix_docx, name="appendix_docx"),
    # The member unit's own list.
    path("<int:pk>/unit/", unit.unit_page, name="unit"),
    path("<int:pk>/unit/add/", unit.registration_add, name="add"),
    path("<int:pk>/unit/<int:registration_id>/edit/", unit.registration_edit, name="edit"),
    path("<int:pk>/unit/<int:registration_id>/delete/", unit.registration_delete, name="delete"),
    path("<int:pk>/unit/import/", unit.registration_import, name="import"),
    path("<int:pk>/unit/template.xlsx", unit.import_template, name="import_template"),
]
