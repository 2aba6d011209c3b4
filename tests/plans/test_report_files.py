"""A plan's report files on the real database queue: the page says they are being prepared and queues
each once; a worker makes them and the page then offers them ready; with no worker the downloads
still work, made on request."""

import datetime
import io

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook

from activities.choices import PeriodKind
from activities.models import Activity
from plans.documents import render
from tests.plans.test_background_work import DATABASE_QUEUE, run_worker
from tests.world import plan_of

# Real commits: the worker reads what the page committed, as a separate process would.
pytestmark = pytest.mark.django_db(transaction=True)

PREPARING = "Đang chuẩn bị tệp"
TASK = "plans.reports.files.prepare_plan_report_file"
DOWNLOADS = {"pdf": b"%PDF", "docx": b"PK", "xlsx": b"PK"}


@pytest.fixture
def queue(settings):
    settings.TASKS = DATABASE_QUEUE


@pytest.fixture
def issued(world, client):
    """An issued plan of the drafter's body with two activities; the drafter signed in."""
    plan = plan_of(world.own, status="issued", number=4, date_day=5)
    for order in (1, 2):
        Activity.objects.create(
            plan=plan, order=order, content=f"Việc {order}", period_kind=PeriodKind.QUARTER, quarter=order
        )
    client.force_login(world.users["drafter"])
    return plan


def page(client, plan) -> str:
    response = client.get(reverse("reports:plan", args=[plan.pk]), {"period": "year"})
    assert response.status_code == 200
    return response.content.decode()


def download(client, plan, fmt: str) -> bytes:
    response = client.get(reverse(f"reports:plan_{fmt}", args=[plan.pk]), {"period": "year"})
    assert response.status_code == 200
    return response.content


def test_the_page_queues_each_file_once_and_offers_them_ready_once_a_worker_ran(
    queue, issued, client, monkeypatch
):
    assert f"{PREPARING} PDF, Word, Excel" in page(client, issued)
    page(client, issued)  # seen again before a worker ran: nothing queued twice
    assert DBTaskResult.objects.ready().filter(task_path=TASK).count() == 3

    run_worker()

    assert not DBTaskResult.objects.failed().exists()
    assert PREPARING not in page(client, issued)
    assert DBTaskResult.objects.filter(task_path=TASK).count() == 3

    # The downloads are now the files the worker made: nothing is laid out in the request.
    def refuse(*args, **kwargs):
        raise AssertionError("rendered in the request although the worker made the file")

    monkeypatch.setattr(render, "render_context", refuse)
    monkeypatch.setattr("plans.reports.files.report_workbook", refuse)
    for fmt, magic in DOWNLOADS.items():
        assert download(client, issued, fmt).startswith(magic)


def test_with_no_worker_running_every_file_still_downloads_made_on_request(queue, issued, client):
    page(client, issued)
    for fmt, magic in DOWNLOADS.items():
        assert download(client, issued, fmt).startswith(magic)
    assert DBTaskResult.objects.ready().filter(task_path=TASK).count() == 3
    # Made on request, they are ready for the next reader too.
    assert PREPARING not in page(client, issued)


def test_a_report_whose_numbers_changed_is_prepared_again_never_served_stale(queue, issued, client):
    page(client, issued)
    run_worker()
    Activity.objects.filter(plan=issued, order=1).update(
        status="done", completed_on=datetime.date(issued.year, 2, 1)
    )

    assert f"{PREPARING} PDF, Word, Excel" in page(client, issued)
    run_worker()
    workbook = load_workbook(io.BytesIO(download(client, issued, "xlsx")))
    quarters = [[cell.value for cell in row] for row in workbook["Theo quý"].iter_rows()]
    assert quarters[2][:3] == ["Quý I", 1, 1]
