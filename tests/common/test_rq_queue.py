"""The same tasks on RQ (Redis), for deployments with several machines: queued after commit, run by an RQ
worker, and a failure queued again for later."""

import django_rq
import pytest
import redis
from django.core import mail
from django.db import transaction
from django_tasks_rq import Job
from rq import SimpleWorker

from common.tasks import enqueue_after, send_email
from plans.issuing import render_issued_pdf

pytestmark = pytest.mark.django_db

REDIS_URL = "redis://127.0.0.1:6379/13"


@pytest.fixture
def rq_queue(settings):
    connection = redis.Redis.from_url(REDIS_URL)
    try:
        connection.ping()
    except redis.ConnectionError:
        pytest.skip("Redis is not running at 127.0.0.1:6379")
    settings.RQ_QUEUES = {"default": {"URL": REDIS_URL}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    queue = django_rq.get_queue("default")
    queue.empty()
    yield queue
    queue.empty()
    for registry in (queue.scheduled_job_registry, queue.failed_job_registry, queue.finished_job_registry):
        for job_id in registry.get_job_ids():
            registry.remove(job_id, delete_job=True)


def work(queue):
    """An RQ worker in this process (`manage.py rqworker --burst --job-class django_tasks_rq.Job`)."""
    SimpleWorker([queue], connection=queue.connection, job_class=Job).work(burst=True)


def test_an_email_goes_on_redis_only_once_the_step_commits_and_an_rq_worker_sends_it(
    rq_queue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        enqueue_after(send_email, "Tiêu đề", "Nội dung", "a@example.invalid")
        assert rq_queue.count == 0  # nothing leaves before commit
    assert rq_queue.count == 1

    work(rq_queue)
    assert [message.to for message in mail.outbox] == [["a@example.invalid"]]


def test_a_failed_task_on_rq_is_scheduled_again(rq_queue, monkeypatch):
    def refuse(backend, messages):
        raise TimeoutError("the mail server hangs")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    send_email.enqueue("Tiêu đề", "Nội dung", "a@example.invalid")
    work(rq_queue)

    assert len(rq_queue.failed_job_registry) == 1
    (retry_id,) = rq_queue.scheduled_job_registry.get_job_ids()
    assert rq_queue.fetch_job(retry_id).kwargs == {"attempt": 2}


def test_a_task_with_a_priority_still_goes_on_rq_which_has_none(rq_queue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        enqueue_after(render_issued_pdf, 1)
    assert rq_queue.count == 1
