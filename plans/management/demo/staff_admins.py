"""The demo's staff administrators (kept apart from the other demo users so that the demo's bodies
can be reworked without touching them): one of a body, one of the province, who imports."""

from django.contrib.auth import get_user_model

from clusters.choices import StaffRole
from clusters.models import Organization, Staff
from plans.management.demo.bodies import DEMO_PASSWORD

# username, organisation key of the demo's bodies
STAFF_ADMINS = [
    ("quantri", "thap_muoi"),  # manages the staff of UBND huyện Tháp Mười and its offices
    ("quantritinh", "dong_thap"),  # manages the whole province, imports and exports it
]


def load_staff_admins(organizations: dict[str, Organization]) -> None:
    """Create (or find) the staff administrators; a password is set only when the account is created."""
    for username, org_key in STAFF_ADMINS:
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"email": f"{username}@demo.invalid"}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        Staff.objects.get_or_create(
            user=user, organization=organizations[org_key], role=StaffRole.STAFF_ADMIN
        )
