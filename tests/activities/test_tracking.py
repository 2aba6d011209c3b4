"""Tracking an issued plan's activities: status rules, overdue activities, evidence files, the page."""

import datetime
import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from activities.choices import ActivityStatus, PeriodKind
from activities.models import Activity, ActivityEvidence
from activities.selectors import recoverable_evidence
from activities.tasks import erase_deleted_evidence
from activities.tracking import evidence as files
from activities.tracking import periods, services
from common.errors import ServiceError
from plans import policy
from plans.models import AuditEntry, Plan

pytestmark = pytest.mark.django_db

PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40
PDF_BYTES = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


def issue(plan: Plan) -> Plan:
    Plan.objects.filter(pk=plan.pk).update(status="issued", number=1, date_day=5)
    plan.refresh_from_db()
    return plan


def activity_of(plan: Plan, order: int = 1, **fields) -> Activity:
    values = {"content": f"Hoạt động số {order}", "period_kind": PeriodKind.QUARTER, "quarter": 1}
    return Activity.objects.create(plan=plan, order=order, **{**values, **fields})


@pytest.fixture
def issued(world):
    return issue(world.own_plan)


@pytest.fixture
def activity(issued):
    return activity_of(issued)


def docx_bytes() -> bytes:
    document = docx.Document()
    document.add_paragraph("Biên bản hội nghị")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    workbook = Workbook()
    workbook.active.append(["Đơn vị", "Số người"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def zip_bytes(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, content in files.items():
            package.writestr(name, content)
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


# ---------------------------------------------------------------------------
# Status, completion date, result
# ---------------------------------------------------------------------------
def test_marking_an_activity_done_keeps_its_date_and_result(world, activity):
    day = timezone.localdate() - datetime.timedelta(days=3)
    services.activity_track(
        activity=activity,
        user=world.users["drafter"],
        status="done",
        completed_on=day,
        result_note=" Đã họp ",
    )
    activity.refresh_from_db()
    assert (activity.status, activity.completed_on, activity.result_note) == ("done", day, "Đã họp")


@pytest.mark.parametrize(
    ("status", "completed_on", "field", "message"),
    [
        ("done", None, "completed_on", services.DONE_NEEDS_DATE_MESSAGE),
        ("in_progress", datetime.date(2024, 5, 1), "completed_on", services.DATE_WITHOUT_DONE_MESSAGE),
        ("finished", None, "status", services.STATUS_INVALID_MESSAGE),
        ("done", datetime.date(2020, 5, 1), "completed_on", services.TOO_EARLY_MESSAGE.format(year=2023)),
    ],
)
def test_a_status_change_against_the_rules_is_refused_on_its_field(
    world, activity, status, completed_on, field, message
):
    with pytest.raises(ServiceError) as raised:
        services.activity_track(
            activity=activity, user=world.users["drafter"], status=status, completed_on=completed_on
        )
    assert raised.value.errors == {field: [message]}
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.NOT_STARTED


def test_a_completion_date_in_the_future_is_refused(world, activity):
    today = timezone.localdate()
    with pytest.raises(ServiceError) as raised:
        services.activity_track(
            activity=activity,
            user=world.users["drafter"],
            status="done",
            completed_on=today + datetime.timedelta(days=1),
        )
    assert raised.value.errors == {"completed_on": [services.FUTURE_DATE_MESSAGE.format(today=today)]}


def test_only_the_organisers_drafters_and_leaders_track_and_only_once_issued(world, activity):
    # Refused on the locked plan: a message (the pages answer 403 before the service is called).
    for role in ("clerk", "overseer"):
        with pytest.raises(ServiceError, match="Chỉ chuyên viên, lãnh đạo của UBND huyện Tháp Mười"):
            services.activity_track(
                activity=activity, user=world.users[role], status="in_progress", completed_on=None
            )
    Plan.objects.filter(pk=activity.plan_id).update(status="approved")
    with pytest.raises(ServiceError, match="Chỉ theo dõi tiến độ được khi kế hoạch đã ban hành"):
        services.activity_track(
            activity=activity, user=world.users["approver"], status="in_progress", completed_on=None
        )
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.NOT_STARTED


def test_the_plan_is_asked_again_when_locked_so_a_stale_page_gets_the_reason(world, activity, issued):
    Plan.objects.filter(pk=issued.pk).update(status="approved")  # someone moved it on meanwhile
    with pytest.raises(ServiceError, match="Chỉ theo dõi tiến độ được khi kế hoạch đã ban hành"):
        services.activity_track(
            activity=activity,
            plan=issued,
            user=world.users["drafter"],
            status="in_progress",
            completed_on=None,
        )
    with pytest.raises(ServiceError, match="Chỉ theo dõi tiến độ được khi kế hoạch đã ban hành"):
        services.evidence_add(
            activity=activity, plan=issued, user=world.users["drafter"], upload=upload("a.pdf", PDF_BYTES)
        )
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.NOT_STARTED
    assert not ActivityEvidence.objects.exists()


def test_the_form_shows_the_message_next_to_the_date_and_keeps_what_was_typed(client, world, activity):
    client.force_login(world.users["drafter"])
    url = reverse("tracking:activity_update", args=[activity.plan_id, activity.pk])
    prefix = f"a{activity.pk}"
    response = client.post(
        url, {f"{prefix}-status": "done", f"{prefix}-completed_on": "", f"{prefix}-result_note": "Đã tổ chức"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert f'id="id_{prefix}-completed_on_error">{services.DONE_NEEDS_DATE_MESSAGE}' in page
    assert "Đã tổ chức</textarea>" in page
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.NOT_STARTED


def test_a_valid_form_saves_and_goes_back_to_the_activity(client, world, activity):
    client.force_login(world.users["approver"])
    prefix = f"a{activity.pk}"
    response = client.post(
        reverse("tracking:activity_update", args=[activity.plan_id, activity.pk]),
        {f"{prefix}-status": "done", f"{prefix}-completed_on": "02/01/2025", f"{prefix}-result_note": "Xong"},
    )
    assert response.status_code == 302
    assert response.url.endswith(f"#hd-{activity.pk}")
    activity.refresh_from_db()
    assert (activity.status, activity.completed_on) == ("done", datetime.date(2025, 1, 2))


@pytest.mark.parametrize(
    "data",
    [
        {"status": "zzz", "completed_on": "99/99/9999", "result_note": "x"},
        {"status": "done", "completed_on": "31/02/2025"},
        {"status": "", "completed_on": "hôm qua", "result_note": "x" * 6000},
        {"status": "done", "completed_on": "01/01/99999"},
        {},
    ],
)
def test_garbage_input_gets_messages_never_a_server_error(client, world, activity, data):
    client.force_login(world.users["drafter"])
    prefix = f"a{activity.pk}"
    response = client.post(
        reverse("tracking:activity_update", args=[activity.plan_id, activity.pk]),
        {f"{prefix}-{key}": value for key, value in data.items()},
    )
    assert response.status_code == 200
    assert 'class="error"' in response.content.decode()


def test_an_activity_of_another_plan_is_not_found(client, world, issued):
    stranger = activity_of(issue(world.other_plan))
    client.force_login(world.users["drafter"])
    response = client.post(reverse("tracking:activity_update", args=[issued.pk, stranger.pk]), {})
    assert response.status_code == 404


# ---------------------------------------------------------------------------
# Overdue
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("fields", "last_day"),
    [
        ({"period_kind": PeriodKind.QUARTER, "quarter": 1}, datetime.date(2024, 3, 31)),
        ({"period_kind": PeriodKind.QUARTER, "quarter": 4}, datetime.date(2024, 12, 31)),
        ({"period_kind": PeriodKind.MONTH, "month": 2}, datetime.date(2024, 2, 29)),
        (
            {"period_kind": PeriodKind.DATE, "start_date": datetime.date(2024, 8, 31)},
            datetime.date(2024, 8, 31),
        ),
        (
            {
                "period_kind": PeriodKind.RANGE,
                "start_date": datetime.date(2024, 8, 31),
                "end_date": datetime.date(2024, 9, 3),
            },
            datetime.date(2024, 9, 3),
        ),
    ],
)
def test_an_activity_is_overdue_from_the_day_after_its_period_ends(issued, fields, last_day):
    activity = activity_of(issued, **{"quarter": None, **fields})
    assert not periods.is_overdue(activity, last_day)
    assert periods.is_overdue(activity, last_day + datetime.timedelta(days=1))
    assert periods.period_bounds(activity)[1] == last_day


@pytest.mark.parametrize(
    ("status", "overdue"),
    [("not_started", True), ("in_progress", True), ("postponed", False), ("cancelled", False)],
)
def test_done_postponed_and_cancelled_activities_are_never_overdue(issued, status, overdue):
    activity = activity_of(issued, status=status)
    assert periods.is_overdue(activity, datetime.date(2025, 1, 1)) is overdue
    activity.status, activity.completed_on = "done", datetime.date(2024, 3, 1)
    assert not periods.is_overdue(activity, datetime.date(2025, 1, 1))


def test_the_plan_page_shows_counts_and_overdue_activities_once_issued(client, world, issued):
    activity_of(issued, 1, content="Hội nghị sơ kết đã quá hạn")
    activity_of(issued, 2, content="Việc đã xong", status="done", completed_on=datetime.date(2024, 3, 2))
    client.force_login(world.users["overseer"])
    page = client.get(reverse("plans:detail", args=[issued.pk])).content.decode()
    assert "Theo dõi thực hiện" in page
    assert "Quá hạn: 1" in page
    assert "Hội nghị sơ kết đã quá hạn" in page.split('id="h-tracking"')[1]
    assert "Xem tiến độ, minh chứng" in page  # an overseer reads, does not update
    Plan.objects.filter(pk=issued.pk).update(status="approved", number=None)
    page = client.get(reverse("plans:detail", args=[issued.pk])).content.decode()
    assert 'id="h-tracking"' not in page


def test_the_tracking_page_of_a_plan_not_yet_issued_says_why(client, world):
    client.force_login(world.users["drafter"])
    response = client.get(reverse("tracking:plan", args=[world.own_plan.pk]))
    assert response.status_code == 403
    assert policy.STATE_MESSAGES[policy.Action.FOLLOW] in response.content.decode()


def test_the_tracking_page_stresses_overdue_activities_and_offers_forms_to_trackers_only(
    client, world, issued
):
    late = activity_of(issued, 1, content="Việc trễ hạn")
    client.force_login(world.users["drafter"])
    page = client.get(reverse("tracking:plan", args=[issued.pk])).content.decode()
    assert f'class="tracked overdue" id="hd-{late.pk}"' in page
    assert "Lưu tình trạng" in page
    client.force_login(world.users["clerk"])
    page = client.get(reverse("tracking:plan", args=[issued.pk])).content.decode()
    assert "Lưu tình trạng" not in page
    assert "Bạn chỉ xem được tình hình thực hiện" in page


def test_the_tracking_page_runs_the_same_number_of_queries_whatever_the_rows(client, world, issued):
    client.force_login(world.users["drafter"])
    url = reverse("tracking:plan", args=[issued.pk])

    def add(first: int, count: int) -> None:
        for order in range(first, first + count):
            activity = activity_of(issued, order, quarter=order % 4 + 1)
            activity.lead_organizations.set([world.own, world.member])
            services.evidence_add(
                activity=activity, user=world.users["drafter"], upload=upload("a.png", PNG_BYTES)
            )

    add(1, 2)
    client.get(url)  # warm the session
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    add(3, 10)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)


# ---------------------------------------------------------------------------
# Evidence
# ---------------------------------------------------------------------------
def test_a_png_named_pdf_is_stored_as_a_png_under_a_generated_name(world, activity):
    evidence = services.evidence_add(
        activity=activity, user=world.users["drafter"], upload=upload("biên bản họp.pdf", PNG_BYTES)
    )
    assert evidence.content_type == "image/png"
    assert evidence.original_name == "biên bản họp.pdf"
    assert evidence.size == len(PNG_BYTES)
    assert evidence.file.name.startswith("evidence/")
    assert evidence.file.name.endswith(".png")
    assert "biên" not in evidence.file.name
    with default_storage.open(evidence.file.name) as stored:
        assert stored.read() == PNG_BYTES


def test_an_exe_renamed_pdf_is_refused_and_nothing_is_stored(world, activity, settings):
    with pytest.raises(ServiceError) as raised:
        services.evidence_add(
            activity=activity, user=world.users["drafter"], upload=upload("bao-cao.pdf", EXE_BYTES)
        )
    assert raised.value.errors == {"file": [files.TYPE_REFUSED_MESSAGE.format(name="bao-cao.pdf")]}
    assert not ActivityEvidence.objects.exists()
    media = Path(settings.MEDIA_ROOT)
    assert not media.exists() or not [path for path in media.rglob("*") if path.is_file()]


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("bien-ban.docx", docx_bytes(), files.DOCX.content_type),
        ("danh-sach.xlsx", xlsx_bytes(), files.XLSX.content_type),
        ("anh.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32, "image/jpeg"),
        ("scan", PDF_BYTES, "application/pdf"),  # no extension at all
        ("danh-sach.pdf", xlsx_bytes(), files.XLSX.content_type),  # the name does not count
    ],
)
def test_allowed_types_are_recognised_by_their_content(world, activity, name, content, content_type):
    evidence = services.evidence_add(
        activity=activity, user=world.users["drafter"], upload=upload(name, content)
    )
    assert evidence.content_type == content_type


@pytest.mark.parametrize(
    "content",
    [
        zip_bytes({"readme.txt": b"hello"}),
        zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"}),
        # A macro-enabled Word document (.docm) names another main part.
        zip_bytes(
            {
                "[Content_Types].xml": b'<Types><Override PartName="/word/document.xml" '
                b'ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>',
                "word/document.xml": b"<w/>",
            }
        ),
        # A content-types file naming a Word part that is not in the package.
        zip_bytes(
            {
                "[Content_Types].xml": b'<Types><Override PartName="/word/document.xml" ContentType="'
                b'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
            }
        ),
        b"PK\x03\x04 broken zip",
        b"<html><script>alert(1)</script></html>",
        b"GIF89a" + b"\x00" * 20,
    ],
)
def test_other_content_is_refused_whatever_its_name(world, activity, content):
    with pytest.raises(ServiceError) as raised:
        services.evidence_add(
            activity=activity, user=world.users["drafter"], upload=upload("tai-lieu.docx", content)
        )
    [message] = raised.value.errors["file"]
    assert "Chỉ nhận tệp PDF, ảnh JPEG, PNG" in message


def test_a_file_over_the_size_limit_is_refused_next_to_the_field(client, world, activity):
    client.force_login(world.users["drafter"])
    big = upload("lon.pdf", b"%PDF-" + b"0" * files.MAX_EVIDENCE_BYTES)
    response = client.post(
        reverse("tracking:evidence_upload", args=[activity.plan_id, activity.pk]),
        {f"e{activity.pk}-file": big},
    )
    assert response.status_code == 200
    assert "Tệp quá lớn: tối đa 10 MB (tệp này 10,1 MB)." in response.content.decode()
    assert not ActivityEvidence.objects.exists()


@pytest.mark.parametrize(
    ("files", "message"),
    [({}, files.NO_FILE_MESSAGE), ({"file": upload("rong.pdf", b"")}, files.EMPTY_FILE_MESSAGE)],
)
def test_an_upload_without_a_file_or_with_an_empty_one_says_so(client, world, activity, files, message):
    client.force_login(world.users["drafter"])
    response = client.post(
        reverse("tracking:evidence_upload", args=[activity.plan_id, activity.pk]),
        {f"e{activity.pk}-{key}": value for key, value in files.items()},
    )
    assert response.status_code == 200
    assert f'id="id_e{activity.pk}-file_error">{message}' in response.content.decode()


def test_an_upload_through_the_page_is_listed_and_downloads_under_its_original_name(client, world, activity):
    client.force_login(world.users["drafter"])
    response = client.post(
        reverse("tracking:evidence_upload", args=[activity.plan_id, activity.pk]),
        {f"e{activity.pk}-file": upload("Biên bản.pdf", PDF_BYTES)},
    )
    assert response.status_code == 302
    evidence = ActivityEvidence.objects.get()
    page = client.get(reverse("tracking:plan", args=[activity.plan_id])).content.decode()
    download = reverse("tracking:evidence_download", args=[activity.plan_id, evidence.pk])
    assert f'href="{download}">Biên bản.pdf</a>' in page
    client.force_login(world.users["overseer"])  # VIEW is enough to read it
    response = client.get(download)
    assert response.status_code == 200
    assert response.content == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    assert "Bi%C3%AAn%20b%E1%BA%A3n.pdf" in response["Content-Disposition"]


def test_a_download_needs_the_right_to_see_the_plan(client, world, activity):
    evidence = services.evidence_add(
        activity=activity, user=world.users["drafter"], upload=upload("a.pdf", PDF_BYTES)
    )
    url = reverse("tracking:evidence_download", args=[activity.plan_id, evidence.pk])
    assert client.get(url).status_code == 302  # anonymous: to the sign-in page
    for role in ("member_staff", "outsider"):
        client.force_login(world.users[role])
        assert client.get(url).status_code == 404
    # Nor through another plan's address, nor straight from the media folder.
    client.force_login(world.users["outsider"])
    other = issue(world.other_plan)
    assert client.get(reverse("tracking:evidence_download", args=[other.pk, evidence.pk])).status_code == 404
    assert client.get(f"/media/{evidence.file.name}").status_code == 404


def test_only_trackers_delete_evidence_and_the_file_stays_restorable(client, world, activity):
    evidence = services.evidence_add(
        activity=activity, user=world.users["drafter"], upload=upload("a.pdf", PDF_BYTES)
    )
    url = reverse("tracking:evidence_delete", args=[activity.plan_id, evidence.pk])
    client.force_login(world.users["clerk"])
    assert client.post(url).status_code == 403
    assert client.get(url).status_code == 403
    client.force_login(world.users["approver"])
    question = client.get(url)  # asks first: nothing goes on a look
    assert "Xoá tệp minh chứng “a.pdf”?" in question.content.decode()
    assert "khôi phục được trong 30" in question.content.decode()
    assert ActivityEvidence.objects.exists()
    response = client.post(url)
    assert response.status_code == 302
    # Gone from the activity, its download and its count; the file is kept for the restore.
    assert not activity.evidence.exists()
    download = reverse("tracking:evidence_download", args=[activity.plan_id, evidence.pk])
    assert client.get(download).status_code == 404
    assert client.post(url).status_code == 404
    assert default_storage.exists(evidence.file.name)
    page = client.get(reverse("tracking:plan", args=[activity.plan_id])).content.decode()
    assert "Minh chứng đã xoá (khôi phục được trong 30 ngày)" in page
    restore = reverse("tracking:evidence_restore", args=[activity.plan_id, evidence.pk])
    assert restore in page


def test_the_organiser_restores_a_deleted_file_within_30_days_and_the_log_says_so(client, world, activity):
    evidence = services.evidence_add(
        activity=activity, user=world.users["drafter"], upload=upload("biên bản.pdf", PDF_BYTES)
    )
    services.evidence_delete(evidence=evidence, user=world.users["approver"])
    client.force_login(world.users["drafter"])
    restore = reverse("tracking:evidence_restore", args=[activity.plan_id, evidence.pk])
    response = client.post(restore, follow=True)
    assert "Đã khôi phục tệp minh chứng “biên bản.pdf”." in response.content.decode()
    assert list(activity.evidence.all()) == [evidence]
    download = client.get(reverse("tracking:evidence_download", args=[activity.plan_id, evidence.pk]))
    assert download.status_code == 200
    notes = list(AuditEntry.objects.filter(plan=activity.plan).values_list("note", flat=True))
    assert any("xoá minh chứng “biên bản.pdf” (khôi phục được trong 30 ngày)" in note for note in notes)
    assert any("khôi phục minh chứng “biên bản.pdf”" in note for note in notes)
    # Not twice, and not by a role that may not track.
    assert "không còn" in client.post(restore, follow=True).content.decode()
    services.evidence_delete(evidence=evidence, user=world.users["approver"])
    client.force_login(world.users["clerk"])
    assert client.post(restore).status_code == 403


def test_a_file_deleted_over_30_days_ago_is_no_longer_restorable_and_the_daily_work_erases_it(
    world, activity, django_capture_on_commit_callbacks
):
    kept = services.evidence_add(
        activity=activity, user=world.users["drafter"], upload=upload("a.pdf", PDF_BYTES)
    )
    old = services.evidence_add(
        activity=activity, user=world.users["drafter"], upload=upload("b.pdf", PDF_BYTES)
    )
    services.evidence_delete(evidence=kept, user=world.users["drafter"])
    services.evidence_delete(evidence=old, user=world.users["drafter"])
    month_ago = timezone.now() - datetime.timedelta(days=30, minutes=1)
    ActivityEvidence.with_deleted.filter(pk=old.pk).update(deleted_at=month_ago)

    assert [row.pk for row in recoverable_evidence(activity.plan)] == [kept.pk]
    with pytest.raises(ServiceError, match="không còn"):
        services.evidence_restore(evidence=old, user=world.users["drafter"])

    with django_capture_on_commit_callbacks(execute=True):
        assert erase_deleted_evidence.call() == 1
    assert not default_storage.exists(old.file.name)
    assert not ActivityEvidence.with_deleted.filter(pk=old.pk).exists()
    assert default_storage.exists(kept.file.name)  # still within its 30 days


def test_a_restore_respects_the_files_limit_of_the_activity(world, activity, monkeypatch):
    first = services.evidence_add(
        activity=activity, user=world.users["drafter"], upload=upload("a.png", PNG_BYTES)
    )
    services.evidence_delete(evidence=first, user=world.users["drafter"])
    monkeypatch.setattr(services, "MAX_EVIDENCE_PER_ACTIVITY", 1)
    services.evidence_add(activity=activity, user=world.users["drafter"], upload=upload("b.png", PNG_BYTES))
    with pytest.raises(ServiceError, match="tối đa 1 tệp"):
        services.evidence_restore(evidence=first, user=world.users["drafter"])


def test_an_activity_holds_a_limited_number_of_files(world, activity, monkeypatch):
    monkeypatch.setattr(services, "MAX_EVIDENCE_PER_ACTIVITY", 2)
    for _ in range(2):
        services.evidence_add(
            activity=activity, user=world.users["drafter"], upload=upload("a.png", PNG_BYTES)
        )
    with pytest.raises(ServiceError, match="tối đa 2 tệp"):
        services.evidence_add(
            activity=activity, user=world.users["drafter"], upload=upload("a.png", PNG_BYTES)
        )


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("C:\\Users\\cb\\Desktop\\bien ban.pdf", "bien ban.pdf"),
        ("../../etc/passwd", "passwd"),
        ("tệp\x00\x1f.pdf", "tệp.pdf"),
        ("", "tep-minh-chung"),
        ("a" * 300 + ".docx", "a" * 250 + ".docx"),
    ],
)
def test_the_original_name_is_kept_without_folders_or_control_characters(typed, kept):
    assert files.clean_original_name(typed) == kept


def test_an_activity_removed_meanwhile_is_a_message_not_a_server_error(world, activity):
    with pytest.raises(ServiceError) as raised:
        services.activity_track(
            activity=activity.pk + 1000, user=world.users["drafter"], status="in_progress", completed_on=None
        )
    assert raised.value.errors == {None: [services.ACTIVITY_GONE_MESSAGE]}


def test_the_tracking_page_links_to_the_calendar_of_its_body_and_year(client, world, activity):
    client.force_login(world.users["approver"])
    page = client.get(reverse("tracking:plan", args=[activity.plan_id])).content.decode()
    main = page.split('<main id="main"', 1)[1]  # the header's menu links to the calendar too
    link = re.search(r'href="([^"]+)">Lịch hoạt động</a>', main).group(1).replace("&amp;", "&")
    calendar = client.get(link).content.decode()
    assert "Lịch hoạt động quý I/2024" in calendar
    assert "Hoạt động số 1" in calendar


@pytest.mark.parametrize(
    ("name", "content", "downloaded"),
    [
        ("danh-sach.pdf", xlsx_bytes(), "danh-sach.xlsx"),  # the content is a spreadsheet
        ("bien-ban.exe", PDF_BYTES, "bien-ban.pdf"),
        ("scan", PDF_BYTES, "scan.pdf"),
        ("anh.JPEG", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32, "anh.JPEG"),
    ],
)
def test_a_download_takes_the_extension_of_the_detected_type(
    client, world, activity, name, content, downloaded
):
    evidence = services.evidence_add(
        activity=activity, user=world.users["drafter"], upload=upload(name, content)
    )
    client.force_login(world.users["drafter"])
    response = client.get(reverse("tracking:evidence_download", args=[activity.plan_id, evidence.pk]))
    assert response["Content-Disposition"] == f'attachment; filename="{downloaded}"'
