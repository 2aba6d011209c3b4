"""Access-matrix rows of the criteria tables and scoring (see tests/test_access_matrix.py for the format).

"own": Cụm thi đua 2's table for 2024, headed by Tháp Mười: its drafter (an office drafting for the
district) and approver manage it; its clerk and the member unit (Lai Vung) see it and read none of
Tháp Mười's scores before the meeting; the province's overseer reads the scores sent and the
ranking. The scorecard rows open Tháp Mười's own sheet. "other": a table of a cluster in another
province: a 404 for everyone but the superuser.
"""

from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from clusters.choices import MembershipRole
from clusters.models import Cluster, ClusterMembership
from emulation.choices import CriterionKind, ScoreSide, TableStatus
from emulation.models.criteria import CriteriaTable, Criterion
from emulation.models.scores import Score, Scorecard, ScoreEvidence

ROLES = ("admin", "drafter", "approver", "clerk", "member_staff", "overseer")
PDF = b"%PDF-1.7\n%%EOF\n"


def _table(world, side: str, status: str) -> CriteriaTable:
    if side == "own":
        cluster, unit = world.cluster, world.own
    else:
        cluster = Cluster.objects.create(
            name="Cụm thi đua các huyện miền núi", organization=world.other.parent
        )
        ClusterMembership.objects.create(
            cluster=cluster, organization=world.other, year=2024, role=MembershipRole.HEAD
        )
        unit = world.other
    table = CriteriaTable.objects.create(
        cluster=cluster,
        year=2024,
        title="Bảng tiêu chí chấm điểm thi đua năm 2024",
        status=status,
        issued_at=timezone.now() if status == TableStatus.ISSUED else None,
    )
    criterion = Criterion.objects.create(
        table=table, title="Chất lượng phong trào", kind=CriterionKind.QUALITATIVE, max_points=Decimal("10")
    )
    table.unit, table.criterion = unit, criterion
    return table


def issued_args(world, side: str) -> list[int]:
    return [_table(world, side, TableStatus.ISSUED).pk]


def draft_args(world, side: str) -> list[int]:
    return [_table(world, side, TableStatus.DRAFT).pk]


def criterion_args(world, side: str) -> list[int]:
    table = _table(world, side, TableStatus.DRAFT)
    return [table.pk, table.criterion.pk]


def unit_args(world, side: str) -> list[int]:
    table = _table(world, side, TableStatus.ISSUED)
    return [table.pk, table.unit.pk]


def evidence_args(world, side: str) -> list[int]:
    table = _table(world, side, TableStatus.ISSUED)
    card = Scorecard.objects.create(table=table, unit=table.unit, self_submitted_at=timezone.now())
    score = Score.objects.create(
        scorecard=card,
        criterion=table.criterion,
        side=ScoreSide.SELF,
        points=Decimal("8"),
        max_points=Decimal("10"),
        scored_by=world.users["admin"],
    )
    evidence = ScoreEvidence(
        score=score, original_name="báo cáo.pdf", content_type="application/pdf", size=len(PDF)
    )
    evidence.file.save("matrix.pdf", ContentFile(PDF), save=True)
    return [table.pk, evidence.pk]


def no_args(world, side: str) -> list[int]:
    return []


def codes(**by_role) -> dict[str, int]:
    return {role: by_role[role] for role in ROLES}


def only_admin(ok: int) -> dict[str, int]:
    return {role: ok if role == "admin" else 404 for role in ROLES}


EVERYONE = dict.fromkeys(ROLES, 200)
MANAGERS = {"admin", "drafter", "approver"}


def managers(ok: int) -> dict[str, int]:
    """`ok` for the head unit's managers, 403 for the others, who all see the table."""
    return {role: ok if role in MANAGERS else 403 for role in ROLES}


# The sheet of Tháp Mười: its own staff and the managers (the same here), and the overseer, who
# reads sent self-scores; the clerk (no scoring role) and the member unit do not.
SHEET = codes(admin=200, drafter=200, approver=200, clerk=404, member_staff=404, overseer=200)
READERS = codes(admin=200, drafter=200, approver=200, clerk=403, member_staff=403, overseer=200)

ROWS = {
    "emulation:criteria_tables": ("get", no_args, EVERYONE, EVERYONE),
    "emulation:criteria_table_create": ("get", no_args, managers(200), managers(200)),
    "emulation:criteria_table": ("get", issued_args, EVERYONE, only_admin(200)),
    "emulation:criterion_add": ("get", draft_args, managers(200), only_admin(200)),
    "emulation:criterion_edit": ("get", criterion_args, managers(200), only_admin(200)),
    "emulation:criterion_delete": ("post", criterion_args, managers(302), only_admin(302)),
    "emulation:criteria_table_issue": ("post", draft_args, managers(302), only_admin(302)),
    "emulation:criteria_table_document": ("post", draft_args, managers(302), only_admin(302)),
    "emulation:criteria_table_new_version": ("post", issued_args, managers(302), only_admin(302)),
    "emulation:criteria_table_copy": ("post", issued_args, managers(302), only_admin(302)),
    "emulation:assign_reviewer": ("post", issued_args, managers(302), only_admin(302)),
    "emulation:scorecard": ("get", unit_args, SHEET, only_admin(200)),
    # The overseer reads the sheet but does not score for the unit.
    "emulation:scorecard_submit": (
        "post",
        unit_args,
        {**SHEET, "admin": 302, "drafter": 302, "approver": 302, "overseer": 403},
        only_admin(302),
    ),
    "emulation:score_evidence": ("get", evidence_args, SHEET, only_admin(200)),
    "emulation:ranking": ("get", issued_args, READERS, only_admin(200)),
    "emulation:scoring_log": ("get", issued_args, READERS, only_admin(200)),
}
