"""Who gets what: every URL of the app × every role (anonymous included) × a plan of the user's own body
or cluster and one of another body → the HTTP status.

302 for an allowed POST (it redirects after doing its work) or for the sign-in redirect; 200 for an
allowed page; 403 for an action refused on a plan the user may see; 404 for a plan the user may not
see. A URL added to the app without a row here fails `test_every_url_has_a_row_in_the_matrix`.
"""

import datetime
from importlib import import_module
from io import BytesIO

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from openpyxl import load_workbook

from clusters.choices import MembershipRole, OrganizationLevel
from clusters.models import Cluster, ClusterMembership, Organization
from plans.models import Plan
from tests.world import plan_of

ROLES = ("anonymous", "admin", "drafter", "approver", "clerk", "member_staff", "overseer")
LOGIN = "login"  # an anonymous visitor is sent to the sign-in page

# The plan each URL acts on, by the state in which the URL's action is possible:
# "draft", "submitted", "approved", "issued" (the body's own plan) or "cluster", "consulting" (the
# cluster's plan, submitted; consulting: with the member units' opinion asked). None: no plan.
# Each row: url name → (method, target, {role: status for the own plan}); for another body's plan
# every role but the superuser gets 404, and the superuser gets what `OTHER_ADMIN` says.
ALL_200 = dict.fromkeys(ROLES[1:], 200)
ALL_302 = dict.fromkeys(ROLES[1:], 302)
VIEWERS = {"admin": 200, "drafter": 200, "approver": 200, "clerk": 200, "member_staff": 404, "overseer": 200}


def only(allowed: set[str], ok: int, *, member_staff: int = 404) -> dict:
    """`ok` for the roles allowed, 403 for the other roles that see the plan."""
    codes = {role: (ok if role in allowed else 403) for role in ROLES[1:]}
    codes["member_staff"] = ok if "member_staff" in allowed else member_staff
    return codes


MATRIX = {
    "home": ("get", None, ALL_200),
    "login": ("get", None, ALL_302),  # already signed in: sent on to the start page
    "logout": ("post", None, ALL_302),
    "plans:list": ("get", None, ALL_200),
    "plans:export": ("get", None, ALL_200),
    "plans:notifications": ("get", None, ALL_200),
    "plans:registers": ("get", None, ALL_200),  # lists only the registers the user keeps
    "plans:notifications_read": ("post", None, ALL_302),
    "plans:pick": ("get", None, ALL_200),  # what a picker finds: only what the user may see
    "plans:create": ("get", None, only({"admin", "drafter"}, 200, member_staff=403)),
    "plans:detail": ("get", "draft", VIEWERS),
    "plans:history": ("get", "draft", VIEWERS),
    "plans:document": ("get", "draft", VIEWERS),
    "plans:document_pdf": ("get", "draft", VIEWERS),
    "plans:document_docx": ("get", "draft", VIEWERS),
    "plans:edit": ("get", "draft", only({"admin", "drafter"}, 200)),
    "plans:edit_preview": ("get", "draft", only({"admin", "drafter"}, 200)),
    "plans:copy": ("post", "issued", only({"admin", "drafter"}, 302)),
    "plans:copy_next_year": ("post", "issued", only({"admin", "drafter"}, 302)),
    "plans:submit": ("post", "draft", only({"admin", "drafter"}, 302)),
    "plans:withdraw": ("post", "submitted", only({"admin", "drafter"}, 302)),
    "plans:return": ("get", "submitted", only({"admin", "approver"}, 200)),
    "plans:approve": ("get", "submitted", only({"admin", "approver"}, 200)),
    "plans:issue": ("get", "approved", only({"admin", "clerk"}, 200)),
    "plans:correct": ("post", "issued", only({"admin", "drafter"}, 302)),
    # Cluster plans: the member unit sees them once submitted; the head unit's staff act on them.
    "plans:consult": ("get", "cluster", only({"admin", "approver"}, 200, member_staff=403)),
    "plans:answer": ("get", "consulting", only({"admin", "member_staff"}, 200)),
    "plans:consultation_close": ("get", "consulting", only({"admin", "approver"}, 200, member_staff=403)),
    "clusters:organization_list": ("get", None, ALL_200),
    # The directory of bodies and clusters is open to every signed-in user (their plans are not).
    "clusters:organization_detail": ("get", "organization", ALL_200),
    "clusters:cluster_detail": ("get", "cluster_page", ALL_200),
    # Sign-in locks: the superuser only.
    "locked_accounts": ("get", None, only({"admin"}, 200, member_staff=403)),
    "unlock_account": ("post", None, only({"admin"}, 302, member_staff=403)),
    "admin:index": ("get", None, {**dict.fromkeys(ROLES[1:], 302), "admin": 200}),
}
# The superuser on another body's plan: what the plan's state allows, as on their own.
OTHER_ADMIN = {
    "plans:consult": 403,
    "plans:answer": 403,
    "plans:consultation_close": 403,
}  # the other plan is not a cluster's


# Rows of the pages that follow a plan after its issue live beside this file, one module per area:
# {url name: (method, target(world, side) -> url args, {role: status} own, {role: status} other)}.
EXTRA_ROWS = {}
MATRIX_MODULES = (
    "registration",
    "tracking",
    "budget",
    "legal",
    "staffing",
    "registers",
    "emulation",
    "scoring",
    "review",
)
for module in MATRIX_MODULES:
    EXTRA_ROWS |= getattr(import_module(f"tests.matrix.{module}"), "ROWS", {})


def url_names(resolver=None, namespace="") -> set[str]:
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if pattern.namespace == "admin":
                names.add("admin:index")  # Django's admin guards its own pages (staff only)
                continue
            names |= url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(namespace + pattern.name)
    return names


# Pages open to everyone, signed in or not: asking for a password reset by email and its steps (a
# reset link that is no longer valid says so on a 200 page); the health check, for the load
# balancer and monitoring (it names nothing).
PUBLIC = {
    "health": [],
    "password_reset": [],
    "password_reset_done": [],
    "password_reset_confirm": ["MQ", "set-password"],
    "password_reset_complete": [],
}


def test_every_url_has_a_row_in_the_matrix():
    assert url_names() == set(MATRIX) | set(EXTRA_ROWS) | set(PUBLIC)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", PUBLIC)
def test_public_pages(client, world, name, role):
    if world.users[role] is not None:
        client.force_login(world.users[role])
    assert client.get(reverse(name, args=PUBLIC[name])).status_code == 200


def test_no_url_serves_uploaded_files_directly():
    """Issued PDFs are reached through the document views, which check the policy."""
    assert not any("media" in str(pattern.pattern) for pattern in get_resolver().url_patterns)


@pytest.fixture
def world(world):
    # Another province's cluster, for the cluster pages of "another" body.
    other_cluster = Cluster.objects.create(name="Cụm thi đua miền Tây", organization=world.other.parent)
    ClusterMembership.objects.create(
        cluster=other_cluster, organization=world.other, year=2024, role=MembershipRole.HEAD
    )
    world.other_cluster = other_cluster
    return world


def target(world, kind: str | None, side: str):
    """The object the URL names, put in the state the row needs."""
    if kind is None:
        return None
    if kind == "organization":
        return world.own if side == "own" else world.other
    if kind == "cluster_page":
        return world.cluster if side == "own" else world.other_cluster
    plan: Plan = world.other_plan
    if side == "own":
        plan = world.cluster_plan if kind in ("cluster", "consulting") else world.own_plan
    status = {"draft": "draft", "approved": "approved", "issued": "issued"}.get(kind, "submitted")
    deadline = timezone.localdate() + datetime.timedelta(days=5) if kind == "consulting" else None
    Plan.objects.filter(pk=plan.pk).update(status=status, consultation_deadline=deadline)
    return plan


def cases():
    for name, (method, kind, codes) in MATRIX.items():
        sides = ("own",) if kind is None else ("own", "other")
        for role in ROLES:
            for side in sides:
                if role == "anonymous":
                    expected = 200 if name == "login" else 302
                elif side == "own" or kind in ("organization", "cluster_page"):
                    expected = codes[role]
                elif role == "admin":
                    expected = OTHER_ADMIN.get(name, codes["admin"])
                else:
                    expected = 404
                if name == "logout" and role == "anonymous":
                    expected = 302
                yield pytest.param(name, method, kind, role, side, expected, id=f"{name}-{role}-{side}")


def extra_cases():
    for name, (method, make_args, own, other) in EXTRA_ROWS.items():
        for role in ROLES:
            for side, codes in (("own", own), ("other", other)):
                expected = 302 if role == "anonymous" else codes[role]
                yield pytest.param(name, method, make_args, role, side, expected, id=f"{name}-{role}-{side}")


@pytest.mark.parametrize(("name", "method", "make_args", "role", "side", "expected"), list(extra_cases()))
def test_status_after_issue(client, world, name, method, make_args, role, side, expected):
    url = reverse(name, args=make_args(world, side))
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    response = getattr(client, method)(url)
    assert response.status_code == expected, response.content.decode()[:300]
    if role == "anonymous":
        assert response.url.startswith(reverse(LOGIN))


@pytest.mark.parametrize(("name", "method", "kind", "role", "side", "expected"), list(cases()))
def test_status(client, world, name, method, kind, role, side, expected):
    obj = target(world, kind, side)
    url = reverse(name, args=[obj.pk] if obj is not None else [])
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    response = getattr(client, method)(url)
    assert response.status_code == expected, response.content.decode()[:300]
    if expected == 403:
        assert "Không được phép" in response.content.decode()  # with the reason in Vietnamese
    if role == "anonymous" and expected == 302 and name not in ("logout", "login"):
        assert response.url.startswith(reverse(LOGIN) if not name.startswith("admin:") else "/admin/login/")


def test_a_refusal_says_why_in_vietnamese(client, world):
    client.force_login(world.users["approver"])
    response = client.get(reverse("plans:edit", args=[world.own_plan.pk]))
    assert response.status_code == 403
    assert (
        "Chỉ chuyên viên soạn thảo của UBND huyện Tháp Mười mới làm được việc này."
        in response.content.decode()
    )


def test_the_lists_hold_only_what_the_user_may_see(client, world):
    """The list, its export, the dashboard and the body pages never show another body's plans."""
    secret = "Kế hoạch riêng của huyện Hà Quảng"
    Plan.objects.filter(pk=world.other_plan.pk).update(
        subject=secret, registration_deadline=timezone.localdate()
    )
    client.force_login(world.users["admin"])
    assert secret in client.get(reverse("plans:list")).content.decode()  # the plan is there to be found
    client.force_login(world.users["drafter"])
    for url in (
        reverse("plans:list"),
        reverse("plans:list") + "?q=rieng+ha+quang",
        reverse("home"),
        reverse("clusters:organization_detail", args=[world.other.pk]),
    ):
        assert secret not in client.get(url).content.decode()
    workbook = load_workbook(BytesIO(client.get(reverse("plans:export")).content))
    assert not any(secret in str(cell) for row in workbook.active.iter_rows(values_only=True) for cell in row)


def test_an_overseer_reads_every_plan_under_the_province_and_none_elsewhere(client, world):
    commune = Organization.objects.create(
        name="Ủy ban nhân dân xã Mỹ An",
        level=OrganizationLevel.COMMUNE,
        parent=world.own,
        abbreviation="UBND",
    )
    deep = plan_of(commune, subject="Kế hoạch của xã Mỹ An")
    client.force_login(world.users["overseer"])
    for plan in (deep, world.own_plan, world.cluster_plan):
        assert client.get(reverse("plans:detail", args=[plan.pk])).status_code == 200
    assert client.get(reverse("plans:detail", args=[world.other_plan.pk])).status_code == 404


def test_a_member_unit_sees_its_clusters_plan_only_once_submitted(client, world):
    client.force_login(world.users["member_staff"])
    url = reverse("plans:detail", args=[world.cluster_plan.pk])
    assert client.get(url).status_code == 404
    Plan.objects.filter(pk=world.cluster_plan.pk).update(status="submitted")
    assert client.get(url).status_code == 200


def staff_admin_cases():
    from tests.matrix.staffing import ADMIN_ROWS, PAGES

    for name, by_role in ADMIN_ROWS.items():
        for role, statuses in by_role.items():
            for side, expected in zip(("own", "sibling", "other"), statuses, strict=True):
                method, make_args, _ = PAGES[name]
                yield pytest.param(name, method, make_args, role, side, expected, id=f"{name}-{role}-{side}")


@pytest.mark.parametrize(
    ("name", "method", "make_args", "role", "side", "expected"), list(staff_admin_cases())
)
def test_staff_administrators(client, world, name, method, make_args, role, side, expected):
    """A body's staff administrator manages only its body's staff; a province's covers the province."""
    from tests.matrix.staffing import add_staff_admins

    add_staff_admins(world)
    client.force_login(world.users[role])
    response = getattr(client, method)(reverse(name, args=make_args(world, side)))
    assert response.status_code == expected, response.content.decode()[:300]
