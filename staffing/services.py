"""Writes of staff management: each checks the policy, changes the account or role, and writes its
audit-log row in the same transaction."""

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from clusters.choices import StaffRole
from clusters.models import Organization, Staff
from common.errors import ServiceError
from plans import policy
from staffing.choices import StaffChangeKind
from staffing.models import StaffChange

USERNAME_TAKEN = "Tên đăng nhập “{username}” đã có người dùng; hãy chọn tên khác."
USERNAME_INVALID = "Tên đăng nhập chỉ gồm chữ không dấu, chữ số và các ký tự . @ + - _"
ROLE_TAKEN = "{user} đã có vai trò “{role}” tại {body}."
LAST_ROLE = (
    "Đây là vai trò cuối cùng của tài khoản. Hãy giao vai trò khác trước, hoặc khóa tài khoản nếu "
    "người này không còn làm việc ở đơn vị."
)
OWN_ACCOUNT = "Bạn không tự khóa tài khoản của mình được."


def log_change(*, actor, kind: str, target=None, organization: Organization | None = None, detail: str = ""):
    return StaffChange.objects.create(
        actor=actor, kind=kind, target=target, organization=organization, detail=detail
    )


def _require_body(actor, organization: Organization) -> None:
    if not policy.may_administer(actor, organization.pk):
        raise PermissionDenied(policy.NOT_STAFF_ADMIN_MESSAGE)


def _require_account(actor, target) -> None:
    denial = policy.account_denial(actor, target)
    if denial:
        raise PermissionDenied(denial)


def _role_line(role: str, organization: Organization) -> str:
    return f"{StaffRole(role).label} – {organization}"


def check_password(password: str, user) -> None:
    """Django's password rules, as a refusal on the password field."""
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        raise ServiceError(errors={"password": error.messages}) from error


def username_problem(username: str) -> str | None:
    """What is wrong with the shape of a user name (shared with the import), None if nothing."""
    try:
        get_user_model()._meta.get_field("username").run_validators(username)
    except ValidationError:
        return USERNAME_INVALID
    return None


def new_account_errors(*, username: str) -> dict[str, list[str]]:
    """What is wrong with a new account's user name."""
    problem = username_problem(username)
    if problem:
        return {"username": [problem]}
    if get_user_model().objects.filter(username__iexact=username).exists():
        return {"username": [USERNAME_TAKEN.format(username=username)]}
    return {}


@transaction.atomic
def staff_account_create(
    *,
    actor,
    username: str,
    full_name: str,
    email: str,
    password: str,
    organization: Organization,
    role: str,
):
    """An account with its first role, in one step: what "create a drafter" means."""
    _require_body(actor, organization)
    errors = new_account_errors(username=username)
    if errors:
        raise ServiceError(errors=errors)
    User = get_user_model()
    # A Vietnamese name is written family name first: it is kept whole, as one field, so that
    # `get_full_name()` prints it in its order.
    user = User(username=username, first_name=full_name, email=email)
    check_password(password, user)
    user.set_password(password)
    user.save()
    Staff.objects.create(user=user, organization=organization, role=role)
    log_change(
        actor=actor,
        kind=StaffChangeKind.ACCOUNT_CREATED,
        target=user,
        organization=organization,
        detail=f"Tạo tài khoản {username} ({full_name}), vai trò {_role_line(role, organization)}",
    )
    return user


@transaction.atomic
def staff_role_grant(*, actor, user, organization: Organization, role: str) -> Staff:
    _require_body(actor, organization)
    if Staff.objects.filter(user=user, organization=organization, role=role).exists():
        raise ServiceError(
            ROLE_TAKEN.format(
                user=user.get_full_name() or user, role=StaffRole(role).label, body=organization
            )
        )
    staff = Staff.objects.create(user=user, organization=organization, role=role)
    log_change(
        actor=actor,
        kind=StaffChangeKind.ROLE_GRANTED,
        target=user,
        organization=organization,
        detail=_role_line(role, organization),
    )
    return staff


@transaction.atomic
def staff_role_revoke(*, actor, staff: Staff) -> None:
    staff = Staff.objects.select_for_update().select_related("organization", "user").get(pk=staff.pk)
    _require_body(actor, staff.organization)
    if not Staff.objects.filter(user=staff.user_id).exclude(pk=staff.pk).exists():
        raise ServiceError(LAST_ROLE)
    staff.delete()
    log_change(
        actor=actor,
        kind=StaffChangeKind.ROLE_REVOKED,
        target=staff.user,
        organization=staff.organization,
        detail=_role_line(staff.role, staff.organization),
    )


@transaction.atomic
def staff_password_set(*, actor, user, password: str) -> None:
    """A new password chosen by the administrator, under the same rules as any password."""
    _require_account(actor, user)
    check_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    log_change(actor=actor, kind=StaffChangeKind.PASSWORD_SET, target=user)


@transaction.atomic
def staff_account_lock(*, actor, user, active: bool) -> None:
    """Lock (or unlock) an account: the person no longer signs in, their roles and history stay."""
    _require_account(actor, user)
    if user.pk == actor.pk:
        raise ServiceError(OWN_ACCOUNT)
    user.is_active = active
    user.save(update_fields=["is_active"])
    kind = StaffChangeKind.ACCOUNT_UNLOCKED if active else StaffChangeKind.ACCOUNT_LOCKED
    log_change(actor=actor, kind=kind, target=user)
