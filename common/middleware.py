"""A database that is down or overloaded answers with a Vietnamese page and a log line, not a bare 500."""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger("kehoach.database")

RETRY_AFTER_SECONDS = 60


class DatabaseOutageMiddleware:
    """Turns a lost or refused database connection into a 503 that asks the user to retry.

    The page is rendered without the request's context processors: they read the database too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error(
            "database unavailable on %s %s: %s", request.method, request.path, exception, exc_info=exception
        )
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
