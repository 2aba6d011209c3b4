"""Work that runs after the step that asked for it, on Django's task queue (`django.tasks`).

The backend is chosen by settings (`TASKS`, from the `TASKS_BACKEND` environment variable): the
database queue of django-tasks-db by default (worker: `manage.py db_worker`), RQ on Redis for
several machines, the immediate backend in tests. Whatever the backend:

- `background_task` makes a task that logs its failure, enqueues itself again later (up to
  `RETRY_DELAYS`) and still fails, so each failed attempt is on record for administrators;
- `enqueue_after` puts a task on the queue so that it runs only if the current transaction commits,
  and never lets a queue that is down fail the step that has happened.
"""

import datetime
import functools
import logging

from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.tasks import Task, default_task_backend, task
from django.tasks.base import DEFAULT_TASK_PRIORITY
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks_db.backend import DatabaseBackend

logger = logging.getLogger(__name__)

# Seconds before each new attempt: a mail server back after a restart, a disk freed by the evening.
RETRY_DELAYS = (60, 5 * 60, 30 * 60, 2 * 60 * 60, 12 * 60 * 60)


def background_task(label: str, *, priority: int = 0):
    """Decorate a function (JSON-able arguments only) into a task that retries itself on failure;
    `label` names it for administrators."""

    def decorate(func):
        @functools.wraps(func)
        def run(*args, attempt: int = 1, **kwargs):
            try:
                return func(*args, **kwargs)
            except Exception:
                retry = _retry(the_task, args, kwargs, attempt)
                logger.exception(
                    "Background task %s failed (attempt %d)%s",
                    func.__qualname__,
                    attempt,
                    f"; it runs again after {retry:%Y-%m-%d %H:%M}" if retry else "; no attempt is left",
                )
                raise

        run.label = label
        # RQ has no priorities: there the task is queued with the default one.
        the_task = task(
            priority=priority if default_task_backend.supports_priority else DEFAULT_TASK_PRIORITY
        )(run)
        return the_task

    return decorate


def _retry(the_task: Task, args, kwargs, attempt: int) -> datetime.datetime | None:
    """Enqueue the next attempt, when one is left and the backend can wait; when it will run."""
    backend = the_task.get_backend()
    if attempt > len(RETRY_DELAYS) or not backend.supports_defer:
        return None
    when = timezone.now() + datetime.timedelta(seconds=RETRY_DELAYS[attempt - 1])
    try:
        fitted(the_task).using(run_after=when).enqueue(*args, attempt=attempt + 1, **kwargs)
    except Exception:  # the queue itself is down: the failure is logged by the caller all the same
        logger.exception("Could not enqueue attempt %d of %s", attempt + 1, the_task.name)
        return None
    return when


def enqueue_after(the_task: Task, *args, **kwargs) -> None:
    """Run `the_task` once the current transaction commits, and never if it rolls back.

    The database queue takes the task in the same transaction, so the step and its follow-up work
    commit together (a worker cannot see it earlier, a crash right after commit cannot lose it).
    Any other queue is given the task after commit; should that fail, it is logged, not raised.
    """
    the_task = fitted(the_task)
    if isinstance(the_task.get_backend(), DatabaseBackend):
        the_task.enqueue(*args, **kwargs)
        return

    def enqueue():
        try:
            the_task.enqueue(*args, **kwargs)
        except Exception:
            logger.exception("Could not enqueue %s", the_task.name)

    transaction.on_commit(enqueue, robust=True)


def label_of(task_path: str) -> str:
    """The task's Vietnamese name, or its path when it is not (or no longer) one of ours."""
    try:
        return import_string(task_path).func.label
    except (ImportError, AttributeError):
        return task_path


def fitted(the_task: Task) -> Task:
    """The task as its backend takes it (the backend is a setting, the task was made at import)."""
    if the_task.priority != DEFAULT_TASK_PRIORITY and not the_task.get_backend().supports_priority:
        return the_task.using(priority=DEFAULT_TASK_PRIORITY)
    return the_task


# Tasks that `manage.py daily_tasks` also queues, registered by the apps that own them in
# `AppConfig.ready()` (no app may import the emulation app, so the command cannot name its tasks).
DAILY_TASKS: list[Task] = []


def run_daily(the_task: Task) -> Task:
    """Queue `the_task` with the day's work; registering it again changes nothing."""
    if all(task.name != the_task.name for task in DAILY_TASKS):
        DAILY_TASKS.append(the_task)
    return the_task


@background_task("Gửi thư điện tử")
def send_email(subject: str, body: str, to: str) -> None:
    """One email to one address, so that a retry never sends it twice to anyone else."""
    # A mail server that hangs gives up after EMAIL_TIMEOUT (the SMTP mailer's timeout).
    mailers.default.send_messages([EmailMessage(subject, body, None, [to])])
