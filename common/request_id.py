"""A request id on every log line: taken from the proxy's X-Request-ID when it looks sane, else new.

The id is kept in a context variable for the time of the request, stamped on each log record by
`RequestIdFilter`, and sent back in the response's X-Request-ID header, so a user's report, the
proxy's access log and the app's error trace meet on one value.
"""

import contextvars
import logging
import re
import uuid

HEADER = "X-Request-ID"
_SANE = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
_current: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


def current() -> str:
    return _current.get()


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        offered = request.headers.get(HEADER, "")
        # Anything else (too long, line breaks, spaces) could forge or break log lines.
        request_id = offered if _SANE.match(offered) else uuid.uuid4().hex
        request.request_id = request_id
        token = _current.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response.headers[HEADER] = request_id
        return response


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        # Django logs a response's status after the middleware has returned, with the request attached.
        request = getattr(record, "request", None)
        record.request_id = getattr(request, "request_id", None) or _current.get()
        return True
