"""Django's SQLite backend, with a write transaction that waits its turn instead of failing.

Every transaction starts with BEGIN IMMEDIATE (settings: `transaction_mode`), which takes the
write lock at once or waits up to the connection's `timeout`. Under a burst of writers (24 clerks
issuing at once, while the PDFs of earlier issues render and hold the CPU), the wait can pass the
timeout and the request would fail with "database is locked" although nothing has been done yet.
Nothing has: the transaction has not begun, so starting it again is safe. It is tried again a few
times before the error is let through.
"""

import logging
import random
import time

from django.db import OperationalError
from django.db.backends.sqlite3 import base

logger = logging.getLogger(__name__)

BEGIN_ATTEMPTS = 5


class DatabaseWrapper(base.DatabaseWrapper):
    def _start_transaction_under_autocommit(self):
        for attempt in range(1, BEGIN_ATTEMPTS + 1):
            try:
                return super()._start_transaction_under_autocommit()
            except OperationalError as error:
                if "locked" not in str(error) or attempt == BEGIN_ATTEMPTS:
                    raise
                logger.warning(
                    "SQLite busy at BEGIN (attempt %d of %d); trying again", attempt, BEGIN_ATTEMPTS
                )
                time.sleep(random.uniform(0.05, 0.25))  # noqa: S311 - jitter, not a secret
        return None
