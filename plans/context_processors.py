"""What every page's header shows about plans: the number of unread notifications."""

from plans.notifications import unread_count


def notifications(request) -> dict:
    return {"unread_notifications": unread_count(getattr(request, "user", None))}
