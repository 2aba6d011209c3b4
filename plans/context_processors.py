"""What every page's header shows: the site's sections (the current one marked), the number of
unread notifications, and the links for those who manage staff, accounts and the site."""

import functools
from dataclasses import dataclass

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

from plans.notifications import unread_count
from plans.policy import may_manage_staff


@dataclass(frozen=True, slots=True)
class NavLink:
    url: str
    label: str
    current: bool
    badge: int = 0


# (URL name, label, the app names or URL names whose pages it marks as current, who sees it).
SECTIONS = (
    ("home", "Tổng quan", {"url": {"home"}}, None),
    ("plans:list", "Kế hoạch", {"app": {"plans"}}, None),
    ("emulation:call_list", "Thi đua", {"app": {"emulation"}}, None),
    ("tracking:calendar", "Lịch hoạt động", {"url": {"calendar"}}, None),
    ("plans:notifications", "Thông báo", {"url": {"notifications"}}, None),
    ("plans:registers", "Sổ văn bản", {"url": {"registers", "register"}}, None),
    ("emulation:criteria_tables", "Chấm điểm thi đua", {"app": {"emulation"}}, None),
    ("emulation:meeting_list", "Bình xét", {"url": {"meeting_list"}}, None),
    ("clusters:organization_list", "Cơ quan, cụm thi đua", {"app": {"clusters"}}, None),
    ("staffing:list", "Cán bộ", {"app": {"staffing"}}, "manages_staff"),
    ("locked_accounts", "Khóa đăng nhập", {}, "is_superuser"),
    ("admin:index", "Quản trị", {}, "is_staff"),
)


@functools.cache
def _section_urls(prefix: str, urlconf: str) -> tuple[str, ...]:
    """The sections' URLs, reversed once per script prefix and URL configuration (a dozen
    reverse() on every page)."""
    return tuple(reverse(name, urlconf=urlconf) for name, *_ in SECTIONS)


def _urls() -> tuple[str, ...]:
    return _section_urls(get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)


def navigation(request, user, *, unread: int, manages_staff: bool) -> list[NavLink]:
    match = getattr(request, "resolver_match", None)
    app, url_name = (match.app_name, match.url_name) if match is not None else ("", "")
    rights = {
        "manages_staff": manages_staff,
        "is_superuser": user.is_superuser,
        "is_staff": user.is_staff,
    }
    return [
        NavLink(
            url,
            label,
            app in marks.get("app", ()) or url_name in marks.get("url", ()),
            unread if name == "plans:notifications" else 0,
        )
        for url, (name, label, marks, shown_to) in zip(_urls(), SECTIONS, strict=True)
        if shown_to is None or rights[shown_to]
    ]


def notifications(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notifications": 0, "manages_staff": False, "navigation": []}
    unread, manages_staff = unread_count(user), may_manage_staff(user)
    return {
        "unread_notifications": unread,
        "manages_staff": manages_staff,
        "navigation": navigation(request, user, unread=unread, manages_staff=manages_staff),
    }
