"""Access-matrix rows of the registration pages (see tests/test_access_matrix.py for the format).

Own side: the cluster's plan (head: Tháp Mười), issued, with a quota of 4 people for the member
unit Lai Vung, whose staff ("member_staff") registers; the head unit's drafter and approver
organise it. Other side: Hà Quảng's plan, issued, with a quota for Hà Quảng: nobody here sees it
but the superuser.
"""

from activities.choices import GroupKind
from activities.models import ParticipantGroup, Registration
from plans.models import Plan

ROLES = ("admin", "drafter", "approver", "clerk", "member_staff", "overseer")


def issued_with_quota(world, side: str) -> Plan:
    plan, unit = (world.cluster_plan, world.member) if side == "own" else (world.other_plan, world.other)
    Plan.objects.filter(pk=plan.pk).update(status="issued")
    if not plan.participant_groups.exists():
        group = ParticipantGroup.objects.create(
            plan=plan, order=1, kind=GroupKind.PER_UNIT, description="Mỗi huyện đăng ký", count=4
        )
        group.units.set([unit])
    return plan


def plan_args(world, side: str) -> list[int]:
    return [issued_with_quota(world, side).pk]


def person_args(world, side: str) -> list[int]:
    plan = issued_with_quota(world, side)
    group = plan.participant_groups.get()
    person = Registration.objects.create(
        plan=plan,
        organization=group.units.get(),
        group=group,
        full_name="Nguyễn Văn Bình",
        citizen_id="087123456789",
        phone="0912345678",
    )
    return [plan.pk, person.pk]


def codes(allowed: set[str], ok: int) -> dict[str, int]:
    return {role: ok if role in allowed else 403 for role in ROLES}


def only_admin(ok: int) -> dict[str, int]:
    return {role: ok if role == "admin" else 404 for role in ROLES}


EVERYONE = codes(set(ROLES), 200)
ORGANISERS = {"admin", "drafter", "approver"}
UNIT = {"admin", "member_staff"}

ROWS = {
    # Progress and the list, masked where it must be: anyone who sees the plan.
    "registration:overview": ("get", plan_args, EVERYONE, only_admin(200)),
    # An empty form comes back with its errors (200) for those who may reopen.
    "registration:reopen": ("post", plan_args, codes(ORGANISERS, 200), only_admin(200)),
    # The full list: the organiser (every unit) and a unit with a quota (its own).
    "registration:export": ("get", plan_args, codes(ORGANISERS | {"member_staff"}, 200), only_admin(200)),
    "registration:appendix_pdf": ("get", plan_args, codes(ORGANISERS, 200), only_admin(200)),
    "registration:appendix_docx": ("get", plan_args, codes(ORGANISERS, 200), only_admin(200)),
    # The unit's own list: staff of a unit with a quota.
    "registration:unit": ("get", plan_args, codes(UNIT, 200), only_admin(200)),
    "registration:add": ("post", plan_args, codes(UNIT, 200), only_admin(200)),
    "registration:edit": ("get", person_args, codes(UNIT, 200), only_admin(200)),
    "registration:delete": ("post", person_args, codes(UNIT, 302), only_admin(302)),
    "registration:import": ("get", plan_args, codes(UNIT, 200), only_admin(200)),
    "registration:import_template": ("get", plan_args, codes(UNIT, 200), only_admin(200)),
}
