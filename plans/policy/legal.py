"""Who keeps the list of legal texts: an administrator of the system, or a provincial administrator
whose account was given the right to change legal texts (in the admin: user or group permissions)."""

from django.core.exceptions import PermissionDenied

LEGAL_TEXTS_MESSAGE = (
    "Chỉ quản trị viên (cấp tỉnh) được giao quyền cập nhật văn bản pháp luật mới làm được việc này."
)


def may_manage_legal_texts(user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or user.has_perm("plans.change_legaltext")


def require_legal_text_manager(user) -> None:
    """Raise PermissionDenied (a 403 with the reason) unless `user` may edit the legal texts."""
    if not may_manage_legal_texts(user):
        raise PermissionDenied(LEGAL_TEXTS_MESSAGE)
