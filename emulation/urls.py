"""The emulation year's pages: registrations, compact, criteria, scoring, review meetings, proposals."""

from django.urls import path, register_converter

from emulation.views import meetings, proposals

app_name = "emulation"


class IssuerKind:
    """Whose meeting a new one is: a cluster's or a body's."""

    regex = "cluster|organization"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(IssuerKind, "issuer_kind")

urlpatterns = [
    # Review meetings (bình xét) and the proposal dossiers drawn from them.
    path("meetings/", meetings.meeting_list, name="meeting_list"),
    path("meetings/new/<issuer_kind:kind>/<int:pk>/", meetings.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/record/", meetings.meeting_record, name="meeting_record"),
    path("meetings/<int:pk>/close/", meetings.meeting_close, name="meeting_close"),
    path("meetings/<int:pk>/propose/", proposals.proposal_create, name="proposal_create"),
    path("proposals/<int:pk>/", proposals.proposal_detail, name="proposal_detail"),
    path("proposals/<int:pk>/posting/", proposals.proposal_posting, name="proposal_posting"),
    path("proposals/<int:pk>/objections/", proposals.objection_add, name="objection_add"),
    path(
        "proposals/<int:pk>/objections/<int:objection_pk>/decide/",
        proposals.objection_decide,
        name="objection_decide",
    ),
    path("proposals/<int:pk>/proposal.xlsx", proposals.proposal_xlsx, name="proposal_xlsx"),
]
