"""Access-matrix rows of the tracking and report pages (see tests/test_access_matrix.py for the format).

"own": Tháp Mười's own plan, issued, with one activity (and, for the evidence rows, one file):
everyone who sees it reads its progress and reports; its drafter and approver (and the superuser)
update the activity and its evidence; the clerk and the overseer read only (403); the member unit
does not see it (404). "other": Hà Quảng's plan, issued: a 404 for everyone but the superuser.

The calendar is open to every signed-in user (it only lists what each one sees). The cluster
reports: "own" is Cụm thi đua 2 (every role here belongs to it or oversees it); "other" a cluster
of another province, which only the superuser reaches.
"""

from django.core.files.base import ContentFile
from django.utils import timezone

from activities.choices import PeriodKind
from activities.models import Activity, ActivityEvidence
from clusters.choices import MembershipRole
from clusters.models import Cluster, ClusterMembership
from plans.models import Plan

ROLES = ("admin", "drafter", "approver", "clerk", "member_staff", "overseer")
PDF = b"%PDF-1.7\n%%EOF\n"


def issued(world, side: str) -> Plan:
    plan = world.own_plan if side == "own" else world.other_plan
    Plan.objects.filter(pk=plan.pk).update(status="issued", number=1, date_day=5)
    return plan


def activity(world, side: str) -> Activity:
    plan = issued(world, side)
    return Activity.objects.get_or_create(
        plan=plan,
        order=1,
        defaults={"content": "Hội nghị sơ kết", "period_kind": PeriodKind.QUARTER, "quarter": 2},
    )[0]


def plan_args(world, side: str) -> list[int]:
    return [activity(world, side).plan_id]


def activity_args(world, side: str) -> list[int]:
    item = activity(world, side)
    return [item.plan_id, item.pk]


def evidence_args(world, side: str) -> list[int]:
    item = activity(world, side)
    evidence = ActivityEvidence(
        activity=item,
        original_name="biên bản.pdf",
        content_type="application/pdf",
        size=len(PDF),
        uploaded_by=world.users["admin"],
    )
    evidence.file.save("matrix.pdf", ContentFile(PDF), save=True)
    return [item.plan_id, evidence.pk]


def deleted_evidence_args(world, side: str) -> list[int]:
    plan_id, pk = evidence_args(world, side)
    ActivityEvidence.objects.filter(pk=pk).update(deleted_at=timezone.now(), deleted_by=world.users["admin"])
    return [plan_id, pk]


def no_args(world, side: str) -> list[int]:
    return []


def cluster_args(world, side: str) -> list[int]:
    if side == "own":
        Plan.objects.filter(pk=world.cluster_plan.pk).update(status="issued", number=1, date_day=5)
        return [world.cluster.pk]
    far = Cluster.objects.create(name="Cụm thi đua các huyện miền núi", organization=world.other.parent)
    ClusterMembership.objects.create(
        cluster=far, organization=world.other, year=2024, role=MembershipRole.HEAD
    )
    return [far.pk]


def codes(allowed: set[str], ok: int) -> dict[str, int]:
    """`ok` for the roles allowed, 403 for the others who see the plan; the member unit does not."""
    return {role: ok if role in allowed else (404 if role == "member_staff" else 403) for role in ROLES}


def only_admin(ok: int) -> dict[str, int]:
    return {role: ok if role == "admin" else 404 for role in ROLES}


EVERYONE = dict.fromkeys(ROLES, 200)
READERS = codes(set(ROLES) - {"member_staff"}, 200)
TRACKERS = {"admin", "drafter", "approver"}

ROWS = {
    "tracking:calendar": ("get", no_args, EVERYONE, EVERYONE),
    "tracking:plan": ("get", plan_args, READERS, only_admin(200)),
    # An empty form comes back with its errors (200) for those who may track.
    "tracking:activity_update": ("post", activity_args, codes(TRACKERS, 200), only_admin(200)),
    "tracking:evidence_upload": ("post", activity_args, codes(TRACKERS, 200), only_admin(200)),
    "tracking:evidence_download": ("get", evidence_args, READERS, only_admin(200)),
    "tracking:evidence_delete": ("post", evidence_args, codes(TRACKERS, 302), only_admin(302)),
    "tracking:evidence_restore": ("post", deleted_evidence_args, codes(TRACKERS, 302), only_admin(302)),
    "reports:plan": ("get", plan_args, READERS, only_admin(200)),
    "reports:plan_pdf": ("get", plan_args, READERS, only_admin(200)),
    "reports:plan_docx": ("get", plan_args, READERS, only_admin(200)),
    "reports:plan_xlsx": ("get", plan_args, READERS, only_admin(200)),
    "reports:cluster": ("get", cluster_args, EVERYONE, only_admin(200)),
    "reports:cluster_pdf": ("get", cluster_args, EVERYONE, only_admin(200)),
    "reports:cluster_docx": ("get", cluster_args, EVERYONE, only_admin(200)),
    "reports:cluster_xlsx": ("get", cluster_args, EVERYONE, only_admin(200)),
}
