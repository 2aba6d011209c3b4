"""The emulation year's pages: registrations, compact, criteria, scoring, review meetings, proposals."""

from django.urls import path, register_converter

from emulation.views import compact, meetings, proposals, registrations, reports, scoring

app_name = "emulation"


class IssuerKind:
    """Whose meeting a new one is: a cluster's or a body's."""

    regex = "cluster|organization"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class ReportFormat(IssuerKind):
    """The files a report comes in."""

    regex = "pdf|docx|xlsx"


register_converter(IssuerKind, "issuer_kind")
register_converter(ReportFormat, "report_format")

urlpatterns = [
    # Đăng ký thi đua
    path("registrations/", registrations.call_list, name="call_list"),
    path("registrations/new/", registrations.call_create, name="call_create"),
    path("registrations/<int:pk>/", registrations.call_detail, name="call_detail"),
    path("registrations/<int:pk>/reopen/", registrations.call_reopen, name="call_reopen"),
    path("registrations/<int:pk>/export.xlsx", registrations.call_export, name="call_export"),
    path("registrations/<int:pk>/start/", registrations.registration_start, name="registration_start"),
    path("registrations/unit/<int:pk>/", registrations.registration_detail, name="registration_detail"),
    path("registrations/unit/<int:pk>/paper.pdf", registrations.registration_pdf, name="registration_pdf"),
    path(
        "registrations/unit/<int:pk>/lines/<int:line_pk>/delete/",
        registrations.line_delete,
        name="registration_line_delete",
    ),
    # Giao ước thi đua
    path("registrations/<int:pk>/compact/", compact.compact_create, name="compact_create"),
    path("compacts/<int:pk>/", compact.compact_detail, name="compact_detail"),
    # Bảng tiêu chí, chấm điểm
    path("criteria/", scoring.table_list, name="criteria_tables"),
    path("criteria/new/", scoring.table_create, name="criteria_table_create"),
    path("criteria/<int:pk>/", scoring.table_detail, name="criteria_table"),
    path("criteria/<int:pk>/criteria/new/", scoring.criterion_add, name="criterion_add"),
    path("criteria/<int:pk>/criteria/<int:criterion_id>/", scoring.criterion_edit, name="criterion_edit"),
    path(
        "criteria/<int:pk>/criteria/<int:criterion_id>/delete/",
        scoring.criterion_delete,
        name="criterion_delete",
    ),
    path("criteria/<int:pk>/issue/", scoring.table_issue, name="criteria_table_issue"),
    path("criteria/<int:pk>/document/", scoring.table_document, name="criteria_table_document"),
    path("criteria/<int:pk>/new-version/", scoring.table_new_version, name="criteria_table_new_version"),
    path("criteria/<int:pk>/copy/", scoring.table_copy, name="criteria_table_copy"),
    path("criteria/<int:pk>/reviewers/", scoring.assign_reviewer, name="assign_reviewer"),
    path("criteria/<int:pk>/units/<int:unit_id>/", scoring.scorecard, name="scorecard"),
    path("criteria/<int:pk>/units/<int:unit_id>/submit/", scoring.scorecard_submit, name="scorecard_submit"),
    path("criteria/<int:pk>/evidence/<int:evidence_id>/", scoring.score_evidence, name="score_evidence"),
    path("criteria/<int:pk>/ranking/", scoring.ranking, name="ranking"),
    path("criteria/<int:pk>/log/", scoring.change_log, name="scoring_log"),
    # Review meetings (bình xét) and the proposal dossiers drawn from them.
    path("meetings/", meetings.meeting_list, name="meeting_list"),
    path("meetings/new/<issuer_kind:kind>/<int:pk>/", meetings.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/record/", meetings.meeting_record, name="meeting_record"),
    path("meetings/<int:pk>/close/", meetings.meeting_close, name="meeting_close"),
    path("meetings/<int:pk>/minutes/", meetings.meeting_minutes, name="meeting_minutes"),
    path("meetings/<int:pk>/propose/", proposals.proposal_create, name="proposal_create"),
    path("proposals/<int:pk>/", proposals.proposal_detail, name="proposal_detail"),
    path("proposals/<int:pk>/posting/", proposals.proposal_posting, name="proposal_posting"),
    path("proposals/<int:pk>/objections/", proposals.objection_add, name="objection_add"),
    path(
        "proposals/<int:pk>/objections/<int:objection_pk>/decide/",
        proposals.objection_decide,
        name="objection_decide",
    ),
    path("proposals/<int:pk>/document/", proposals.proposal_document, name="proposal_document"),
    path("proposals/<int:pk>/dossier.pdf", proposals.proposal_pdf, name="proposal_pdf"),
    path("proposals/<int:pk>/proposal.xlsx", proposals.proposal_xlsx, name="proposal_xlsx"),
    # The year's reports of a cluster and of a province's clusters (the page, then each format).
    path("reports/clusters/<int:pk>/", reports.cluster_report, name="cluster_report"),
    path(
        "reports/clusters/<int:pk>/report.<report_format:fmt>",
        reports.cluster_report,
        name="cluster_report_file",
    ),
    path("reports/provinces/<int:pk>/", reports.province_report, name="province_report"),
    path(
        "reports/provinces/<int:pk>/report.<report_format:fmt>",
        reports.province_report,
        name="province_report_file",
    ),
]
