"""Steps the browser tests share."""

from django.urls import reverse

from plans.choices import PlanStatus
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


def main_pages(demo) -> dict[str, list[str]]:
    """The pages each role works on, by user: lists, plan pages, editor, document, follow-up."""
    draft = demo["000"]
    issued = Plan.objects.filter(status=PlanStatus.ISSUED).earliest("pk")
    reading = [
        reverse("home"),
        reverse("plans:list"),
        reverse("plans:list") + "?q=thi+dua&year=2024",
        reverse("plans:notifications"),
        reverse("tracking:calendar"),
        reverse("clusters:organization_list"),
    ]
    follow_up = [
        reverse("plans:detail", args=[issued.pk]),
        reverse("plans:document", args=[issued.pk]),
        reverse("plans:history", args=[issued.pk]),
        reverse("tracking:plan", args=[issued.pk]),
        reverse("budget:expenses", args=[issued.pk]),
        reverse("budget:disclosure", args=[issued.pk]),
        reverse("reports:plan", args=[issued.pk]),
    ]
    return {
        "admin": [*reading, *follow_up, reverse("plans:create")],
        "soanthao": [
            *reading,
            reverse("plans:detail", args=[draft.pk]),
            reverse("plans:edit", args=[draft.pk]),
            reverse("plans:document", args=[draft.pk]),
        ],
        "thanhvien": reading,
        "giamsat": reading,
    }
