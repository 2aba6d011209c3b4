"""Errors mailed to ADMINS without a mail outage becoming an error of its own.

Django's AdminEmailHandler lets a failed SMTP send raise out of `logger.error()` when mailers are
configured: the code that only meant to report a problem (a 500, a tampered PDF found by
`verify_documents`) would stop there. A send that fails is written to the log instead.
"""

import logging

from django.utils.log import AdminEmailHandler

logger = logging.getLogger(__name__)


class SafeAdminEmailHandler(AdminEmailHandler):
    def send_mail(self, subject, message, *args, **kwargs):
        try:
            super().send_mail(subject, message, *args, **kwargs)
        except Exception as error:  # the mail server is down, refuses us, or times out
            # Not through the same handler again: this logger has no mail handler (config LOGGING).
            logger.warning(
                "Không gửi được thư báo lỗi cho ADMINS (%s): %s", error.__class__.__name__, subject
            )
