"""URLs of the plans app: the printed document in its three forms."""

from django.urls import path

from plans import views

app_name = "plans"

urlpatterns = [
    path("<int:pk>/document/", views.document_preview, name="document"),
    path("<int:pk>/document.pdf", views.document_pdf, name="document_pdf"),
    path("<int:pk>/document.docx", views.document_docx, name="document_docx"),
]
