"""Issuing on the real database queue: the step completes with no worker running and whatever the mail
server does; the PDF and the emails follow when a worker runs, and a failed email is tried again."""

import datetime
import hashlib
import socket
import threading

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from common.errors import ServiceError
from plans import workflow
from plans.choices import PlanStatus
from plans.models import IssuedDocument, Notification

# Real commits: the worker reads what the issue committed, as a separate process would.
pytestmark = pytest.mark.django_db(transaction=True)

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def queue(settings):
    settings.TASKS = DATABASE_QUEUE


@pytest.fixture
def users(world):
    return world.users


def run_worker():
    """What `manage.py db_worker` does, until the queue has nothing ready."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0", verbosity=0)


def approved(plan, users):
    """The plan approved, and the emails of those steps gone, so that each test sees its own."""
    workflow.plan_submit(plan=plan, user=users["drafter"])
    plan = workflow.plan_approve(plan=plan, user=users["approver"])
    DBTaskResult.objects.all().delete()
    return plan


def email_tasks(status):
    return DBTaskResult.objects.filter(task_path="common.tasks.send_email", status=status)


@pytest.fixture
def hung_mail_server(settings):
    """An SMTP address that accepts connections and never says a word."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(50)
    accepted = []
    stop = threading.Event()

    def accept():
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": server.getsockname()[1], "use_tls": False, "timeout": 1},
        }
    }
    yield accepted
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    server.close()


def test_a_plan_issued_with_no_worker_running_is_issued_and_its_pdf_follows_once_one_runs(
    queue, world, users, client
):
    plan = approved(world.own_plan, users)
    issued = workflow.plan_issue(plan=plan, user=users["clerk"], issue_date=timezone.localdate())

    # The act is complete: number, status and frozen context; the PDF waits for a worker.
    assert issued.status == PlanStatus.ISSUED
    assert issued.number == 1
    document = IssuedDocument.objects.get(plan=plan)
    assert document.context["header"]["number_line"].startswith("Số: 01/")
    assert not document.pdf
    assert DBTaskResult.objects.ready().filter(task_path="plans.issuing.render_issued_pdf").count() == 1
    client.force_login(users["drafter"])
    assert "Đang tạo bản PDF" in client.get(reverse("plans:detail", args=[plan.pk])).content.decode()

    run_worker()

    document.refresh_from_db()
    assert hashlib.sha256(document.pdf_bytes()).hexdigest() == document.sha256
    assert "Đang tạo bản PDF" not in client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert not DBTaskResult.objects.failed().exists()
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        Notification.objects.filter(plan=plan, action="issued").values_list("recipient__email", flat=True)
    )


def test_the_pdf_prints_before_any_worker_runs_and_the_worker_then_keeps_that_same_file(
    queue, world, users, client
):
    plan = approved(world.own_plan, users)
    workflow.plan_issue(plan=plan, user=users["clerk"])
    client.force_login(users["clerk"])

    printed = client.get(reverse("plans:document_pdf", args=[plan.pk])).content

    run_worker()
    document = IssuedDocument.objects.get(plan=plan)
    assert printed.startswith(b"%PDF")
    assert document.pdf_bytes() == printed
    assert not DBTaskResult.objects.failed().exists()


def test_a_refused_issue_leaves_nothing_on_the_queue(queue, world, users):
    plan = approved(world.own_plan, users)
    with pytest.raises(ServiceError):
        workflow.plan_issue(plan=plan, user=users["drafter"])
    assert not DBTaskResult.objects.exists()


def test_an_issue_while_the_mail_server_hangs_completes_attaches_its_pdf_and_retries_the_mail(
    queue, hung_mail_server, world, users, settings
):
    plan = approved(world.own_plan, users)

    issued = workflow.plan_issue(plan=plan, user=users["clerk"])

    # The issue never talked to the mail server: it cannot have waited for it.
    assert issued.status == PlanStatus.ISSUED
    assert hung_mail_server == []
    recipients = Notification.objects.filter(plan=plan, action="issued").count()
    assert recipients
    assert email_tasks("READY").count() == recipients

    run_worker()  # the PDF comes first; each email then gives up after the mail timeout

    document = IssuedDocument.objects.get(plan=plan)
    assert hashlib.sha256(document.pdf_bytes()).hexdigest() == document.sha256
    assert len(hung_mail_server) >= 1
    failed = email_tasks("FAILED")
    assert failed.count() == recipients
    assert "TimeoutError" in failed.first().traceback
    retries = email_tasks("READY")
    assert retries.count() == recipients
    assert all(retry.args_kwargs["kwargs"] == {"attempt": 2} for retry in retries)
    assert all(retry.run_after > timezone.now() for retry in retries)

    # The mail server is back and the retries are due: every email leaves, once.
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    retries.update(run_after=timezone.now() - datetime.timedelta(seconds=1))
    run_worker()
    assert len(mail.outbox) == recipients
    assert email_tasks("SUCCESSFUL").count() == recipients
