"""Steps the browser tests share."""

from django.urls import reverse
from django.utils import timezone

from plans.choices import PlanKind, PlanStatus
from plans.models import Plan

DEMO_PASSWORD = "demo"


def sign_in(page, username: str, password: str = DEMO_PASSWORD, *, start: str = "/login/") -> None:
    """Open `start` (a page behind the login, or the login page itself) and sign in there."""
    page.goto(start)
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


def sign_out(page) -> None:
    """Press the header's "Đăng xuất" button; the login page follows."""
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url("**/login/")


def current_plans() -> dict[str, Plan]:
    """This year's demo plans (plans/management/demo/today.py), by the demo's keys: Tháp Mười's
    annual plan left as a draft, its training plan waiting for approval, and the cluster of
    communes' study trip issued today with its registration list open."""
    this_year = Plan.objects.filter(year=timezone.localdate().year)
    commune = this_year.filter(organization__short_name="UBND xã Tháp Mười")
    return {
        "xa_annual": commune.get(kind=PlanKind.ANNUAL, status=PlanStatus.DRAFT),
        "xa_training": commune.get(kind=PlanKind.TRAINING, status=PlanStatus.SUBMITTED),
        "cluster_trip": this_year.get(
            cluster__short_name="Cụm thi đua số 1", kind=PlanKind.STUDY_TRIP, status=PlanStatus.ISSUED
        ),
    }


def main_pages(demo) -> dict[str, list[str]]:
    """The pages each role works on in today's demo, by user: lists, plan pages, the editor of a
    current draft, the issued cluster plan with its registrations, follow-up, staff."""
    current = current_plans()
    draft = current["xa_annual"]
    issued = current["cluster_trip"]
    history = demo["000"]  # a 2024 seed of the abolished district's cluster, kept as history
    reading = [
        reverse("home"),
        reverse("plans:list"),
        reverse("plans:list") + "?q=thi+dua&year=2024",
        reverse("plans:notifications"),
        reverse("tracking:calendar"),
        reverse("clusters:organization_list"),
        reverse("plans:detail", args=[issued.pk]),
        reverse("plans:document", args=[issued.pk]),
    ]
    follow_up = [
        reverse("plans:history", args=[issued.pk]),
        reverse("tracking:plan", args=[issued.pk]),
        reverse("budget:expenses", args=[issued.pk]),
        reverse("budget:disclosure", args=[issued.pk]),
        reverse("reports:plan", args=[issued.pk]),
        reverse("registration:overview", args=[issued.pk]),
    ]
    return {
        "admin": [*reading, *follow_up, reverse("plans:detail", args=[history.pk]), reverse("plans:create")],
        "soanthao": [
            *reading,
            *follow_up,
            reverse("plans:detail", args=[draft.pk]),
            reverse("plans:edit", args=[draft.pk]),
            reverse("plans:document", args=[draft.pk]),
        ],
        "pheduyet": [*reading, reverse("registration:overview", args=[issued.pk])],
        "thanhvien": [*reading, reverse("registration:unit", args=[issued.pk])],
        "giamsat": [*reading, reverse("tracking:plan", args=[issued.pk])],
        "quantri": [*reading, reverse("staffing:list")],
        "quantrixa": [reverse("home"), reverse("staffing:list")],
    }
