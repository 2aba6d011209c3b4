"""What every page's header shows: the number of unread notifications, and the staff link for those
who manage staff."""

from plans.notifications import unread_count
from plans.policy import may_manage_staff


def notifications(request) -> dict:
    user = getattr(request, "user", None)
    return {
        "unread_notifications": unread_count(user),
        "manages_staff": user is not None and user.is_authenticated and may_manage_staff(user),
    }
