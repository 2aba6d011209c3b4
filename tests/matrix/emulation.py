"""Access-matrix rows of the registration and compact pages (see tests/test_access_matrix.py).

"own": the call of "Cụm thi đua 2" for 2024, headed by Tháp Mười (the drafter's, approver's and clerk's
body); Lai Vung is its other member (member_staff). The registration is Tháp Mười's own, a draft: the
member unit never reads it. "other": the same for another province's cluster: a 404 for all but the
superuser.
"""

import datetime

from django.utils import timezone

from emulation.models import Award, Compact, Registration, RegistrationCall, RegistrationLine
from emulation.services.compact import compact_create
from tests.world import plan_of


def call_of(world, side: str) -> RegistrationCall:
    cluster = world.cluster if side == "own" else world.other_cluster
    call, _ = RegistrationCall.objects.get_or_create(
        cluster=cluster,
        year=2024,
        defaults={
            "deadline": timezone.localdate() + datetime.timedelta(days=10),
            "opened_by": world.users["admin"],
        },
    )
    return call


def call_args(world, side: str) -> list:
    return [call_of(world, side).pk]


def registration_of(world, side: str) -> Registration:
    unit = world.own if side == "own" else world.other
    document = plan_of(unit, document_type="registration", subject="Đăng ký thi đua năm 2024")
    return Registration.objects.create(call=call_of(world, side), unit=unit, document=document)


def registration_args(world, side: str) -> list:
    return [registration_of(world, side).pk]


def sent_member_registration_args(world, side: str) -> list:
    """A member unit's registration, sent (its paper issued): Lai Vung's in the own cluster."""
    unit = world.member if side == "own" else world.other
    document = plan_of(
        unit, document_type="registration", subject="Đăng ký thi đua năm 2024", status="issued"
    )
    return [Registration.objects.create(call=call_of(world, side), unit=unit, document=document).pk]


def line_args(world, side: str) -> list:
    registration = registration_of(world, side)
    line = RegistrationLine.objects.create(
        registration=registration, award=Award.objects.get(code="giay-khen")
    )
    return [registration.pk, line.pk]


def compact_args(world, side: str) -> list:
    cluster = world.cluster if side == "own" else world.other_cluster
    compact = compact_create(user=world.users["admin"], cluster=cluster, year=2024)
    assert isinstance(compact, Compact)
    return [compact.pk]


ROLES = ("admin", "drafter", "approver", "clerk", "member_staff", "overseer")


def codes(**given) -> dict:
    return {role: given.get(role, 200) for role in ROLES}


def admin_only(status: int) -> dict:
    return {**dict.fromkeys(ROLES, 404), "admin": status}


ROWS = {
    "emulation:call_list": ("get", lambda world, side: [], codes(), codes()),
    "emulation:call_create": (
        "get",
        lambda world, side: [],
        codes(approver=403, clerk=403, member_staff=403, overseer=403),
        codes(approver=403, clerk=403, member_staff=403, overseer=403),
    ),
    # Every member reads the call; the head unit's staff and the overseer run it.
    "emulation:call_detail": ("get", call_args, codes(), admin_only(200)),
    "emulation:call_export": ("get", call_args, codes(member_staff=403), admin_only(200)),
    # The drafter of a member unit (Tháp Mười is one) starts its registration.
    "emulation:registration_start": (
        "post",
        call_args,
        codes(admin=302, drafter=302, approver=403, clerk=403, member_staff=403, overseer=403),
        admin_only(302),
    ),
    # Tháp Mười's draft: its own staff and its overseer read it, Lai Vung never does.
    "emulation:registration_detail": ("get", registration_args, codes(member_staff=404), admin_only(200)),
    # A member unit's sent paper as PDF (Lai Vung's): read by the cluster's head (its drafter, approver
    # and clerk), the overseer and Lai Vung itself, though the paper is not the head's.
    "emulation:registration_pdf": ("get", sent_member_registration_args, codes(), admin_only(200)),
    # Those who open the calls give one a new deadline (no date posted: the form says so).
    "emulation:call_reopen": (
        "post",
        call_args,
        codes(approver=403, clerk=403, member_staff=403, overseer=403),
        admin_only(200),
    ),
    "emulation:registration_line_delete": (
        "post",
        line_args,
        codes(admin=302, drafter=302, approver=403, clerk=403, member_staff=404, overseer=403),
        admin_only(302),
    ),
    "emulation:compact_create": (
        "post",
        call_args,
        codes(admin=302, drafter=302, approver=403, clerk=403, member_staff=403, overseer=403),
        admin_only(302),
    ),
    # A draft compact is the cluster's draft: the head unit's staff and the overseer read it.
    "emulation:compact_detail": ("get", compact_args, codes(member_staff=404), admin_only(200)),
}
