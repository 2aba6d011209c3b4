"""URLs of the registration pages: /registrations/<plan id>/…"""

from django.urls import path

from activities.views import registration as views

app_name = "registration"

urlpatterns = [
    # Every unit's progress and the list (masked where it must be); the organiser's tools.
    path("<int:pk>/", views.overview, name="overview"),
    path("<int:pk>/reopen/", views.reopen, name="reopen"),
    path("<int:pk>/export.xlsx", views.export, name="export"),
    path("<int:pk>/appendix.pdf", views.appendix_pdf, name="appendix_pdf"),
    path("<int:pk>/appendix.docx", views.appendix_docx, name="appendix_docx"),
    # The member unit's own list.
    path("<int:pk>/unit/", views.unit_page, name="unit"),
    path("<int:pk>/unit/add/", views.registration_add, name="add"),
    path("<int:pk>/unit/<int:registration_id>/edit/", views.registration_edit, name="edit"),
    path("<int:pk>/unit/<int:registration_id>/delete/", views.registration_delete, name="delete"),
    path("<int:pk>/unit/import/", views.registration_import, name="import"),
    path("<int:pk>/unit/template.xlsx", views.import_template, name="import_template"),
]
