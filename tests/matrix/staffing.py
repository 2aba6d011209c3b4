"""Access-matrix rows of the staff pages (see tests/test_access_matrix.py for the format).

"own": an account of Tháp Mười (its records clerk); "other": an account of Hà Quảng, another province.
None of the plan roles manages staff: a 403 with the reason, wherever the account is; the superuser
manages everyone. A POST without its fields answers 400 (the form shows what is missing) once allowed.

ADMIN_ROWS add the staff administrators, over three accounts: "own" (Tháp Mười's clerk), "sibling"
(Lai Vung's member staff, another district of the same province) and "other" (Hà Quảng). Tháp
Mười's administrator manages only its own body's staff (404 elsewhere) and imports nothing (403);
Đồng Tháp's administrator covers the whole province (404 outside it) and imports and exports it.
"""

from clusters.choices import OrganizationLevel, StaffRole
from clusters.models import Organization, Staff
from tests.world import _user

ACCOUNTS = {"own": "clerk", "sibling": "member_staff", "other": "outsider"}
NOBODY = {"admin": 200, "drafter": 403, "approver": 403, "clerk": 403, "member_staff": 403, "overseer": 403}


def no_args(world, side: str) -> list:
    return []


def account(world, side: str) -> list[int]:
    return [world.users[ACCOUNTS[side]].pk]


def account_role(world, side: str) -> list[int]:
    user = world.users[ACCOUNTS[side]]
    return [user.pk, Staff.objects.filter(user=user).first().pk]


def codes(ok: int) -> dict:
    return {**NOBODY, "admin": ok}


PAGES = {
    "staffing:list": ("get", no_args, codes(200)),
    "staffing:create": ("get", no_args, codes(200)),
    "staffing:log": ("get", no_args, codes(200)),
    "staffing:import": ("get", no_args, codes(200)),
    "staffing:template": ("get", no_args, codes(200)),
    "staffing:export": ("get", no_args, codes(200)),
    "staffing:detail": ("get", account, codes(200)),
    "staffing:role_grant": ("post", account, codes(400)),
    "staffing:role_revoke": ("post", account_role, codes(302)),
    "staffing:password": ("post", account, codes(400)),
    "staffing:lock": ("post", account, codes(302)),
}
ROWS = {name: (method, args, own, own) for name, (method, args, own) in PAGES.items()}

# The staff administrators: {url name: {role: (own, sibling, other)}}.
ACCOUNT_PAGE = {"body_admin": (200, 404, 404), "province_admin": (200, 200, 404)}
IMPORT_PAGE = {"body_admin": (403, 403, 403), "province_admin": (200, 200, 200)}
OPEN_PAGE = {"body_admin": (200, 200, 200), "province_admin": (200, 200, 200)}
ADMIN_ROWS = {
    "staffing:list": OPEN_PAGE,
    "staffing:create": OPEN_PAGE,
    "staffing:log": OPEN_PAGE,
    "staffing:import": IMPORT_PAGE,
    "staffing:template": IMPORT_PAGE,
    "staffing:export": IMPORT_PAGE,
    "staffing:detail": ACCOUNT_PAGE,
    "staffing:role_grant": {"body_admin": (400, 404, 404), "province_admin": (400, 400, 404)},
    "staffing:role_revoke": {"body_admin": (302, 404, 404), "province_admin": (302, 302, 404)},
    "staffing:password": {"body_admin": (400, 404, 404), "province_admin": (400, 400, 404)},
    "staffing:lock": {"body_admin": (302, 404, 404), "province_admin": (302, 302, 404)},
}


def add_staff_admins(world) -> None:
    """Tháp Mười's staff administrator and Đồng Tháp's (the province's), into `world.users`."""
    assert world.province.level == OrganizationLevel.PROVINCE
    world.users["body_admin"] = _user("quantrithapmuoi", body=world.own, role=StaffRole.STAFF_ADMIN)
    world.users["province_admin"] = _user("quantritinh", body=world.province, role=StaffRole.STAFF_ADMIN)
    assert Organization.objects.filter(pk=world.own.pk, parent=world.province).exists()
