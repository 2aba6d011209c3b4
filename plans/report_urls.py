"""URLs of the report pages: review reports (sơ kết, tổng kết) of a plan and of a cluster."""

from django.urls import path

from plans.views import reports

app_name = "reports"

urlpatterns = [
    path("plans/<int:pk>/", reports.plan_report, name="plan"),
    path("plans/<int:pk>/report.pdf", reports.plan_report_pdf, name="plan_pdf"),
    path("plans/<int:pk>/report.docx", reports.plan_report_docx, name="plan_docx"),
    path("plans/<int:pk>/report.xlsx", reports.plan_report_xlsx, name="plan_xlsx"),
    path("clusters/<int:pk>/", reports.cluster_report, name="cluster"),
    path("clusters/<int:pk>/report.pdf", reports.cluster_report_pdf, name="cluster_pdf"),
    path("clusters/<int:pk>/report.docx", reports.cluster_report_docx, name="cluster_docx"),
    path("clusters/<int:pk>/report.xlsx", reports.cluster_report_xlsx, name="cluster_xlsx"),
]
