"""Vietnamese for the few admin texts that upstream writes without gettext, so no translation file
reaches them (locale/vi/LC_MESSAGES has the rest): django-axes' app name and its rows' names, and
the warning of the admin's password form. Presentation only; applied once at start-up."""

from django.apps import apps
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.translation import gettext

AXES_APP_NAME = "Đăng nhập và khóa tài khoản"
UNUSABLE_WARNING = "Nếu tắt, mật khẩu hiện tại của người dùng này sẽ bị mất."


def _at(moment) -> str:
    return timezone.localtime(moment).strftime("%H:%M:%S %d/%m/%Y") if moment else "—"


def _attempt_name(attempt) -> str:
    return f"Đăng nhập sai của {attempt.username or '—'} lúc {_at(attempt.attempt_time)}"


def _log_name(log) -> str:
    return f"Đăng nhập của {log.username or '—'} lúc {_at(log.attempt_time)}"


def _failure_name(failure) -> str:
    locked = " (bị khóa)" if failure.locked_out else ""
    who = f"{failure.username or '—'}{locked}"
    return f"Đăng nhập sai của {who} lúc {_at(failure.attempt_time)} từ {failure.ip_address}"


def _password_help() -> str:
    # The upstream text joins a translated sentence to an English warning; rebuilt in Vietnamese.
    return format_html(
        '{}<ul id="id_unusable_warning" class="messagelist"><li class="warning">{}</li></ul>',
        gettext(
            "Whether the user will be able to authenticate using a password or not. If disabled, they may "
            "still be able to authenticate using other backends, such as Single Sign-On or LDAP."
        ),
        UNUSABLE_WARNING,
    )


def apply() -> None:
    from django.contrib.auth.forms import AdminPasswordChangeForm

    if apps.is_installed("axes"):
        from axes.models import AccessAttempt, AccessFailureLog, AccessLog

        apps.get_app_config("axes").verbose_name = AXES_APP_NAME
        AccessAttempt.__str__ = _attempt_name
        AccessLog.__str__ = _log_name
        AccessFailureLog.__str__ = _failure_name
    AdminPasswordChangeForm.usable_password_help_text = lazy(_password_help, str)()
