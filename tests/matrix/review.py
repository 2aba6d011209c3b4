"""Access-matrix rows of the review meetings and proposal dossiers (tests/test_access_matrix.py format).

"own": Cụm thi đua 2's meeting of 2024, when Tháp Mười heads the cluster: its drafter (through its
office) and approver run it; its clerk and the provincial overseer read it (403 on what runs it); the
member unit Lai Vung reads it only once it is closed (404 while it runs), and runs nothing.
"other": Hà Quảng's own meeting, in another province: a 404 for everyone but the superuser.
"""

import datetime

from django.utils import timezone

from emulation.models import (
    Award,
    Candidate,
    MeetingStatus,
    Objection,
    Proposal,
    ProposedEntry,
    ReviewMeeting,
)

ROLES = ("admin", "drafter", "approver", "clerk", "member_staff", "overseer")
RUNNERS = {"admin", "drafter", "approver"}


def meeting(world, side: str, *, closed: bool = False) -> ReviewMeeting:
    issuer = {"cluster": world.cluster} if side == "own" else {"organization": world.other}
    found = ReviewMeeting.objects.create(
        **issuer,
        year=2024,
        held_on=datetime.date(2024, 12, 20),
        chair_name="Nguyễn Văn A",
        secretary_name="Trần Thị B",
        created_by=world.users["admin"],
    )
    if closed:
        ReviewMeeting.objects.filter(pk=found.pk).update(
            status=MeetingStatus.CLOSED,
            ballots_issued=5,
            ballots_valid=5,
            rule_share=50,
            rule_basis="valid",
            closed_at=timezone.now(),
        )
    return found


def open_args(world, side: str) -> list[int]:
    return [meeting(world, side).pk]


def closed_args(world, side: str) -> list[int]:
    return [meeting(world, side, closed=True).pk]


def proposal(world, side: str) -> Proposal:
    held = meeting(world, side, closed=True)
    unit = world.own if side == "own" else world.other
    candidate = Candidate.objects.create(
        meeting=held, organization=unit, award=Award.objects.get(code="co-thi-dua-tinh"), votes=4, passed=True
    )
    found = Proposal.objects.create(
        meeting=held,
        authority_level="province_chair",
        authority="Chủ tịch UBND tỉnh",
        created_by=world.users["admin"],
    )
    entry = ProposedEntry.objects.create(
        proposal=found,
        candidate=candidate,
        order=1,
        name=unit.name,
        award_name="Cờ thi đua",
        votes=4,
        vote_share=80,
    )
    found.posting_starts = found.posting_ends = datetime.date(2024, 12, 21)
    found.save()
    Objection.objects.create(
        proposal=found,
        entry=entry,
        received_on=datetime.date(2024, 12, 21),
        content="…",
        recorded_by=world.users["admin"],
    )
    return found


def proposal_args(world, side: str) -> list[int]:
    return [proposal(world, side).pk]


def objection_args(world, side: str) -> list[int]:
    found = proposal(world, side)
    return [found.pk, found.objections.get().pk]


def create_args(world, side: str) -> list:
    return ["cluster", world.cluster.pk] if side == "own" else ["organization", world.other.pk]


def no_args(world, side: str) -> list:
    return []


def codes(allowed: set[str], ok: int, *, member_staff: int = 404) -> dict[str, int]:
    """`ok` for the roles allowed, 403 for the other roles that read the meeting."""
    found = {role: ok if role in allowed else 403 for role in ROLES}
    found["member_staff"] = ok if "member_staff" in allowed else member_staff
    return found


def only_admin(ok: int, *, others: int = 404) -> dict[str, int]:
    return {role: ok if role == "admin" else others for role in ROLES}


EVERYONE = dict.fromkeys(ROLES, 200)

ROWS = {
    "emulation:meeting_list": ("get", no_args, EVERYONE, EVERYONE),
    # Opening a meeting: a cluster's page is open to all, so a refusal says why (403), never 404.
    "emulation:meeting_create": (
        "get",
        create_args,
        codes(RUNNERS, 200, member_staff=403),
        only_admin(200, others=403),
    ),
    "emulation:meeting_detail": (
        "get",
        open_args,
        codes(set(ROLES) - {"member_staff"}, 200),
        only_admin(200),
    ),
    "emulation:meeting_record": ("get", open_args, codes(RUNNERS, 200), only_admin(200)),
    # Closing an empty meeting is refused by the service with its reasons: back to the page (302).
    "emulation:meeting_close": ("post", open_args, codes(RUNNERS, 302), only_admin(302)),
    "emulation:proposal_create": ("get", closed_args, codes(RUNNERS, 200, member_staff=403), only_admin(200)),
    "emulation:proposal_detail": ("get", proposal_args, EVERYONE, only_admin(200)),
    "emulation:proposal_xlsx": ("get", proposal_args, EVERYONE, only_admin(200)),
    # An empty form comes back with its messages (200) for those who run the dossier.
    "emulation:proposal_posting": (
        "post",
        proposal_args,
        codes(RUNNERS, 200, member_staff=403),
        only_admin(200),
    ),
    "emulation:objection_add": (
        "post",
        proposal_args,
        codes(RUNNERS, 200, member_staff=403),
        only_admin(200),
    ),
    "emulation:objection_decide": (
        "post",
        objection_args,
        codes(RUNNERS, 302, member_staff=403),
        only_admin(302),
    ),
}


def documented_args(world, side: str) -> list[int]:
    """A dossier whose tờ trình is drafted (a draft paper of the meeting's issuer)."""
    from tests.world import plan_of

    found = proposal(world, side)
    issuer = world.cluster if side == "own" else world.other
    found.document = plan_of(issuer, subject="Đề nghị khen thưởng", document_type="proposal")
    found.save()
    return [found.pk]


ROWS |= {
    # Drafting a paper needs the drafter's role (plans.services): the approver is told why, on the page.
    "emulation:meeting_minutes": (
        "post",
        closed_args,
        codes(RUNNERS, 302, member_staff=403),
        only_admin(302),
    ),
    "emulation:proposal_document": (
        "post",
        proposal_args,
        codes(RUNNERS, 302, member_staff=403),
        only_admin(302),
    ),
    "emulation:proposal_pdf": ("get", documented_args, EVERYONE, only_admin(200)),
}


def cluster_report_args(world, side: str) -> list:
    return [world.cluster.pk if side == "own" else world.other_cluster.pk]


def province_args(world, side: str) -> list:
    return [world.province.pk if side == "own" else world.other.parent_id]


def with_xlsx(make_args):
    return lambda world, side: [*make_args(world, side), "xlsx"]


NOT_OVERSEERS = {role: 200 if role in ("admin", "overseer") else 403 for role in ROLES}
ROWS |= {
    # A cluster's report: whoever sees the cluster's reports (its members, the province's people).
    "emulation:cluster_report": ("get", cluster_report_args, EVERYONE, only_admin(200)),
    "emulation:cluster_report_file": ("get", with_xlsx(cluster_report_args), EVERYONE, only_admin(200)),
    # A province's report: its overseers; a refusal says why (the province's page is open to all).
    "emulation:province_report": ("get", province_args, NOT_OVERSEERS, only_admin(200, others=403)),
    "emulation:province_report_file": (
        "get",
        with_xlsx(province_args),
        NOT_OVERSEERS,
        only_admin(200, others=403),
    ),
}
