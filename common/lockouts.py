"""Sign-in locks (django-axes) as an administrator sees and lifts them."""

import logging

from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

logger = logging.getLogger(__name__)


def locked_attempts() -> QuerySet[AccessAttempt]:
    """The username and address pairs locked now: enough failures within the cool-off."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=since
    ).order_by("-attempt_time")


def unlock(attempt_id: int, *, by) -> AccessAttempt | None:
    """Lift the lock of one username and address pair; None when it was no longer there."""
    attempt = AccessAttempt.objects.filter(pk=attempt_id).first()
    if attempt is None:
        return None
    reset(ip=attempt.ip_address, username=attempt.username)
    logger.warning("sign-in unlocked: user %r from %s by %s", attempt.username, attempt.ip_address, by)
    return attempt
