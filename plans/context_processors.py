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


# The emulation app's pages by the header section (its URL name) that holds them.
_EMULATION_PAGES = {
    "emulation:call_list": (
        "call_list call_create call_detail call_reopen call_export registration_start registration_detail "
        "registration_pdf registration_line_delete compact_create compact_detail cluster_report "
        "cluster_report_file province_report province_report_file"
    ),
    "emulation:criteria_tables": (
        "criteria_tables criteria_table_create criteria_table criterion_add criterion_edit criterion_delete "
        "criteria_table_issue criteria_table_document criteria_table_new_version criteria_table_copy "
        "assign_reviewer scorecard scorecard_submit score_evidence ranking scoring_log"
    ),
    "emulation:meeting_list": (
        "meeting_list meeting_create meeting_detail meeting_record meeting_close meeting_minutes "
        "proposal_create proposal_detail proposal_posting objection_add objection_decide proposal_document "
        "proposal_pdf proposal_xlsx"
    ),
}
EMULATION_SECTIONS = {
    section: {f"emulation:{name}" for name in names.split()} for section, names in _EMULATION_PAGES.items()
}


# (URL name, label, the app names or view names ("app:name") whose pages it marks as current (each
# page one section at most), who sees it).
SECTIONS = (
    ("home", "Tổng quan", {"view": {"home"}}, None),
    ("plans:list", "Kế hoạch", {"app": {"plans"}}, None),
    ("emulation:call_list", "Thi đua", {"view": EMULATION_SECTIONS["emulation:call_list"]}, None),
    ("tracking:calendar", "Lịch hoạt động", {"view": {"tracking:calendar"}}, None),
    ("plans:notifications", "Thông báo", {"view": {"plans:notifications"}}, None),
    ("plans:registers", "Sổ văn bản", {"view": {"plans:registers", "plans:register"}}, None),
    (
        "emulation:criteria_tables",
        "Chấm điểm thi đua",
        {"view": EMULATION_SECTIONS["emulation:criteria_tables"]},
        None,
    ),
    ("emulation:meeting_list", "Bình xét", {"view": EMULATION_SECTIONS["emulation:meeting_list"]}, None),
    ("clusters:organization_list", "Cơ quan, cụm thi đua", {"app": {"clusters"}}, None),
    ("staffing:list", "Cán bộ", {"app": {"staffing"}}, "manages_staff"),
    ("locked_accounts", "Khóa đăng nhập", {}, "is_superuser"),
    ("admin:index", "Quản trị", {}, "is_staff"),
)
# The plans app's own sections ("Thông báo", "Sổ văn bản") are not also "Kế hoạch".
_OWN_SECTION_VIEWS = {"plans:notifications", "plans:registers", "plans:register"}


@functools.cache
def _section_urls(prefix: str, urlconf: str) -> tuple[str, ...]:
    """The sections' URLs, reversed once per script prefix and URL configuration (a dozen
    reverse() on every page)."""
    return tuple(reverse(name, urlconf=urlconf) for name, *_ in SECTIONS)


def _urls() -> tuple[str, ...]:
    return _section_urls(get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)


def navigation(request, user, *, unread: int, manages_staff: bool) -> list[NavLink]:
    match = getattr(request, "resolver_match", None)
    app, view = (match.app_name, match.view_name) if match is not None else ("", "")
    if view in _OWN_SECTION_VIEWS:
        app = ""
    rights = {
        "manages_staff": manages_staff,
        "is_superuser": user.is_superuser,
        "is_staff": user.is_staff,
    }
    return [
        NavLink(
            url,
            label,
            app in marks.get("app", ()) or view in marks.get("view", ()),
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
