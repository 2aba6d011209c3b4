"""Who manages staff accounts and roles, and who imports bodies, clusters and staff.

A staff administrator (`StaffRole.STAFF_ADMIN`) manages the staff of their body and of every body
under it: at a commune, the commune and its offices; at a province, the whole province, and only
there may they import and export bodies, clusters and staff. Managing staff gives no right on
plans. A superuser manages everyone. Someone who administers nothing gets a 403 with the reason;
an account or a body outside what they administer is a 404.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, QuerySet

from clusters.choices import OrganizationLevel
from clusters.models import Organization, Staff
from plans.policy.scope import _descendants, scope_of

NOT_STAFF_ADMIN_MESSAGE = "Chỉ người quản trị cán bộ của cơ quan, đơn vị mới làm được việc này."
NOT_PROVINCE_ADMIN_MESSAGE = (
    "Chỉ người quản trị cán bộ cấp tỉnh mới nhập, xuất được danh sách cơ quan, cụm và cán bộ."
)
ACCOUNT_ELSEWHERE_MESSAGE = (
    "Tài khoản này còn có vai trò ở đơn vị bạn không quản lý ({bodies}); chỉ người quản trị của "
    "đơn vị đó hoặc cấp trên mới đặt lại mật khẩu hoặc khóa được tài khoản."
)


def administered_ids(user) -> frozenset[int] | None:
    """The ids of the bodies whose staff `user` manages; None: every body (a superuser)."""
    scope = scope_of(user)
    return None if scope.is_admin else scope.administered


def may_manage_staff(user) -> bool:
    scope = scope_of(user)
    return scope.is_admin or bool(scope.administered)


def require_staff_admin(user) -> None:
    """Raise PermissionDenied (a 403 with the reason) unless `user` administers some body's staff."""
    if not may_manage_staff(user):
        raise PermissionDenied(NOT_STAFF_ADMIN_MESSAGE)


def administered_organizations(user) -> QuerySet[Organization]:
    """The bodies in which `user` may give roles and create accounts."""
    ids = administered_ids(user)
    return Organization.objects.all() if ids is None else Organization.objects.filter(pk__in=ids)


def may_administer(user, organization_id: int | None) -> bool:
    ids = administered_ids(user)
    return organization_id is not None and (ids is None or organization_id in ids)


def managed_users(user) -> QuerySet:
    """The accounts `user` manages: those holding a role in a body they administer. Accounts of the
    Django admin (staff, superusers) are managed by superusers only: a body's administrator who set
    their password would gain their rights."""
    users = get_user_model().objects.all()
    ids = administered_ids(user)
    if ids is None:
        return users
    roles = Staff.objects.filter(user=OuterRef("pk"), organization__in=ids)
    return users.filter(Exists(roles), is_superuser=False, is_staff=False)


def account_denial(user, target) -> str | None:
    """Why `user` may not reset the password of, lock or unlock `target` (every role of the account
    must lie in what they administer); None when they may."""
    ids = administered_ids(user)
    if ids is None:
        return None
    outside = sorted(
        {str(role.organization) for role in target.staff_roles.all() if role.organization_id not in ids}
    )
    return ACCOUNT_ELSEWHERE_MESSAGE.format(bodies=", ".join(outside)) if outside else None


def import_roots(user) -> QuerySet[Organization]:
    """The provinces whose bodies, clusters and staff `user` imports and exports."""
    provinces = Organization.objects.filter(level=OrganizationLevel.PROVINCE)
    ids = administered_ids(user)
    return provinces if ids is None else provinces.filter(pk__in=ids)


def require_province_admin(user) -> None:
    if not import_roots(user).exists():
        raise PermissionDenied(NOT_PROVINCE_ADMIN_MESSAGE)


def subtree_ids(organization: Organization) -> frozenset[int]:
    """`organization` and every body under it: what a provincial import works within."""
    return _descendants({organization.pk})
