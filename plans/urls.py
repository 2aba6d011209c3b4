"""URLs of the plans app: the list, the plan page, editing, and the printed document."""

from django.urls import path

from plans.views import browse, document, editing

app_name = "plans"

urlpatterns = [
    path("", browse.plan_list, name="list"),
    path("export.xlsx", browse.plan_export, name="export"),
    path("<int:pk>/", browse.plan_detail, name="detail"),
    path("new/", editing.plan_create, name="create"),
    path("<int:pk>/edit/", editing.plan_edit, name="edit"),
    path("<int:pk>/copy/", editing.plan_copy, name="copy"),
    path("<int:pk>/copy-next-year/", editing.plan_copy_next_year, name="copy_next_year"),
    path("<int:pk>/document/", document.document_preview, name="document"),
    path("<int:pk>/document.pdf", document.document_pdf, name="document_pdf"),
    path("<int:pk>/document.docx", document.document_docx, name="document_docx"),
]
