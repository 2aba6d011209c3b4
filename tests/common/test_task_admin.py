"""Administrators see the background tasks in Vietnamese: what each is, whether it failed and why, and the
attempt that will follow; a task out of attempts can be run again from the list."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from common.tasks import RETRY_DELAYS, send_email

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def admin_client(client):
    client.force_login(get_user_model().objects.create_superuser("quantri", "quantri@example.invalid", "x"))
    return client


def failed_email(attempt: int) -> DBTaskResult:
    result = send_email.enqueue("Tiêu đề", "Nội dung", "a@example.invalid", attempt=attempt)
    row = DBTaskResult.objects.get(pk=result.id)
    row.set_failed(TimeoutError("timed out"))
    return row


def test_the_list_names_each_task_its_state_and_its_attempt_in_vietnamese(admin_client):
    failed = failed_email(attempt=2)
    page = admin_client.get(reverse("admin:common_backgroundtask_changelist"), {"status": "FAILED"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "Gửi thư điện tử" in html
    assert "Lỗi" in html
    assert "TimeoutError" in html
    detail_url = reverse("admin:common_backgroundtask_change", args=[failed.pk])
    detail = admin_client.get(detail_url).content.decode()
    assert "timed out" in detail  # the traceback
    assert "a@example.invalid" in detail


def test_running_again_requeues_only_a_task_that_will_not_retry_by_itself(admin_client):
    exhausted = failed_email(attempt=len(RETRY_DELAYS) + 1)
    retrying = failed_email(attempt=1)
    response = admin_client.post(
        reverse("admin:common_backgroundtask_changelist"),
        {"action": "run_again", "_selected_action": [exhausted.pk, retrying.pk]},
        follow=True,
    )
    assert "Đã đưa lại 1 tác vụ" in response.content.decode()
    (again,) = DBTaskResult.objects.filter(status="READY")
    assert again.args_kwargs == {"args": ["Tiêu đề", "Nội dung", "a@example.invalid"], "kwargs": {}}
