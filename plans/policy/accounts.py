"""Who may look after sign-in accounts (see and lift sign-in locks): the superuser only."""

from django.core.exceptions import PermissionDenied

ACCOUNTS_MESSAGE = "Chỉ quản trị viên hệ thống mới xem và mở khóa được tài khoản đăng nhập."


def may_manage_accounts(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def require_account_manager(user) -> None:
    """Raise PermissionDenied (a 403 with the reason) unless `user` may manage accounts."""
    if not may_manage_accounts(user):
        raise PermissionDenied(ACCOUNTS_MESSAGE)
