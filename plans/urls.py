"""URLs of the plans app: the list, the plan page, editing, and the printed document."""

from django.urls import path

from plans.views import browse, document, editing, legal, registers, workflow

app_name = "plans"

urlpatterns = [
    path("", browse.plan_list, name="list"),
    path("export.xlsx", browse.plan_export, name="export"),
    path("<int:pk>/", browse.plan_detail, name="detail"),
    path("new/", editing.plan_create, name="create"),
    path("pick/", editing.pick, name="pick"),
    path("<int:pk>/edit/", editing.plan_edit, name="edit"),
    path("<int:pk>/edit/preview/", editing.plan_edit_preview, name="edit_preview"),
    path("<int:pk>/copy/", editing.plan_copy, name="copy"),
    path("<int:pk>/copy-next-year/", editing.plan_copy_next_year, name="copy_next_year"),
    path("<int:pk>/document/", document.document_preview, name="document"),
    path("<int:pk>/document.pdf", document.document_pdf, name="document_pdf"),
    path("<int:pk>/document.docx", document.document_docx, name="document_docx"),
    path("<int:pk>/submit/", workflow.plan_submit, name="submit"),
    path("<int:pk>/withdraw/", workflow.plan_withdraw, name="withdraw"),
    path("<int:pk>/consultation/", workflow.plan_consult, name="consult"),
    path("<int:pk>/consultation/answer/", workflow.plan_answer, name="answer"),
    path("<int:pk>/consultation/close/", workflow.plan_consultation_close, name="consultation_close"),
    path("<int:pk>/return/", workflow.plan_return, name="return"),
    path("<int:pk>/approve/", workflow.plan_approve, name="approve"),
    path("<int:pk>/issue/", workflow.plan_issue, name="issue"),
    path("<int:pk>/correct/", workflow.plan_correct, name="correct"),
    path("<int:pk>/history/", workflow.plan_history, name="history"),
    path("registers/", registers.register_list, name="registers"),
    path("registers/<int:pk>/", registers.register_detail, name="register"),
    path("notifications/", workflow.notification_list, name="notifications"),
    path("notifications/read/", workflow.notifications_read, name="notifications_read"),
    path("legal-texts/", legal.legal_text_list, name="legal_texts"),
    path("legal-texts/new/", legal.legal_text_edit, name="legal_text_create"),
    path("legal-texts/<int:pk>/", legal.legal_text_edit, name="legal_text_edit"),
]
