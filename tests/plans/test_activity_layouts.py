"""Activities printed in the layout the plan needs, and counts as the body writes them.

A school year in two waves (September to May) prints in true date order with the right year on each
label; a conference plan prints "không quá 300 đại biểu" and its venue once; PDF and Word alike.
"""

import datetime
import re

import pytest
from django.urls import reverse

from activities.choices import CountBound, GroupKind, PeriodKind
from activities.models import Activity, ActivityWave, ParticipantGroup
from activities.schedule import activity_groups, period_label
from activities.tracking.periods import is_overdue
from activities.tracking.periods import period_label as period_label_of
from common.errors import ServiceError
from plans import services
from plans.choices import ActivityLayout, ActivityNumbering, PeriodLabelStyle, PlanKind, SectionBlock
from plans.documents.context import build_plan_context
from plans.documents.docx import render_plan_docx
from plans.documents.html import render_plan_html
from plans.documents.pdf import render_plan_pdf
from plans.models import Section
from tests.plans.test_editing_views import edit_url, form_data, new_row, user_client  # noqa: F401
from tests.plans.test_rendering import docx_text, make_plan, open_pdf, pdf_text

pytestmark = pytest.mark.django_db

SCHOOL_YEAR = [
    # Typed out of order, spring first: the document sorts them by date.
    ("Tổng kết phong trào thi đua năm học", {"period_kind": PeriodKind.MONTH, "month": 5}, 2),
    ("Phát động phong trào thi đua năm học", {"period_kind": PeriodKind.MONTH, "month": 9}, 1),
    ("Sơ kết học kỳ một", {"period_kind": PeriodKind.MONTH, "month": 1}, 2),
    (
        "Hội thi giáo viên dạy giỏi cấp huyện",
        {
            "period_kind": PeriodKind.RANGE,
            "start_date": datetime.date(2024, 10, 21),
            "end_date": datetime.date(2024, 10, 24),
            "timing_text": "04 ngày",
        },
        1,
    ),
    ("Chào mừng ngày Nhà giáo Việt Nam", {"period_kind": PeriodKind.MONTH, "month": 11}, 1),
]
IN_DATE_ORDER = [
    "Phát động phong trào thi đua năm học",
    "Hội thi giáo viên dạy giỏi cấp huyện",
    "Chào mừng ngày Nhà giáo Việt Nam",
    "Sơ kết học kỳ một",
    "Tổng kết phong trào thi đua năm học",
]


def school_year_plan(organization, **fields):
    plan = make_plan(
        organization,
        kind=PlanKind.CAMPAIGN,
        year=2024,
        date_month=8,
        subject="Thi đua “Dạy tốt, học tốt” năm học 2024 - 2025",
        first_month=9,
        activity_layout=ActivityLayout.WAVES,
        **fields,
    )
    Section.objects.create(plan=plan, order=1, heading="Nội dung và thời gian", block=SectionBlock.ACTIVITIES)
    waves = [
        ActivityWave.objects.create(
            plan=plan,
            order=1,
            name="Đợt 1",
            start_date=datetime.date(2024, 9, 5),
            end_date=datetime.date(2024, 12, 31),
        ),
        ActivityWave.objects.create(
            plan=plan,
            order=2,
            name="Đợt 2",
            start_date=datetime.date(2025, 1, 2),
            end_date=datetime.date(2025, 5, 25),
        ),
    ]
    for order, (content, timing, wave) in enumerate(SCHOOL_YEAR, start=1):
        Activity.objects.create(
            plan=plan,
            order=order,
            content=content,
            wave=waves[wave - 1],
            implementers_text="Các trường",
            **timing,
        )
    return plan


def lines_in_reading_order(pdf_bytes: bytes) -> list[tuple[int, float, float, str]]:
    """Every printed line as (page, top, x0, text), pages and lines in reading order."""
    with open_pdf(pdf_bytes) as pdf:
        return [
            (number, line["top"], line["x0"], line["text"])
            for number, page in enumerate(pdf.pages)
            for line in page.extract_text_lines()
        ]


def position(lines, text: str) -> tuple[int, float]:
    """(page, top) of the first line that holds `text`."""
    return next((page, top) for page, top, _x0, line in lines if text in line)


def words_of(pdf_bytes: bytes) -> list[tuple[int, dict]]:
    with open_pdf(pdf_bytes) as pdf:
        return [(number, word) for number, page in enumerate(pdf.pages) for word in page.extract_words()]


def in_order(text: str, pieces: list[str]) -> bool:
    """Whether every piece occurs in `text`, each after the one before."""
    text = " ".join(text.split())
    start = 0
    for piece in pieces:
        found = text.find(piece, start)
        if found < 0:
            return False
        start = found + len(piece)
    return True


# ---------------------------------------------------------------------------
# A school year in waves
# ---------------------------------------------------------------------------
def test_a_school_year_in_two_waves_prints_in_date_order_with_each_years_label(district):
    plan = school_year_plan(district)
    context = build_plan_context(plan)
    (table,) = [item for item in context["body"] if item.get("type") == "activities"]
    assert [group["label"] for group in table["groups"]] == [
        "Đợt 1 (từ ngày 05/09/2024 đến ngày 31/12/2024)",
        "Đợt 2 (từ ngày 02/01/2025 đến ngày 25/05/2025)",
    ]
    rows = [row for group in table["groups"] for row in group["rows"]]
    assert [row["content"][0]["runs"][0]["text"] for row in rows] == IN_DATE_ORDER
    assert [row["time"] for row in rows] == [
        "Tháng 9/2024",
        "Từ ngày 21/10/2024 đến ngày 24/10/2024 (04 ngày)",
        "Tháng 11/2024",
        "Tháng 01/2025",
        "Tháng 5/2025",
    ]
    assert table["columns"] == ["TT", "Nội dung công việc", "Thời gian", "Đơn vị thực hiện"]

    pdf = render_plan_pdf(context)
    lines = lines_in_reading_order(pdf)
    starts = [" ".join(text.split()[:2]) for text in IN_DATE_ORDER]  # what fits on a cell's first line
    order = [position(lines, text) for text in ["Đợt 1", *starts[:3], "Đợt 2", *starts[3:]]]
    assert order == sorted(order)
    # Each time sits in its own column, on its activity's row, right of the content.
    words = words_of(pdf)
    (_, month), (_, content), (_, header) = (
        next((n, w) for n, w in words if w["text"] == text) for text in ("01/2025", "Sơ", "Thời")
    )
    assert abs(month["top"] - content["top"]) < 2
    assert month["x0"] > content["x0"] + 60
    assert abs(month["x0"] - header["x0"]) < 40  # under the "Thời gian" header
    assert "2025" not in next(line for _p, _t, _x, line in lines if "Đợt 1" in line)

    word = docx_text(render_plan_docx(context))
    assert in_order(
        word, ["Thời gian", "Đợt 1 (từ ngày 05/09/2024", "Tháng 9/2024", "Tháng 11/2024", "Đợt 2"]
    )
    assert in_order(word, [*IN_DATE_ORDER[:3], "Đợt 2", *IN_DATE_ORDER[3:]])


def test_the_same_school_year_by_quarter_starts_with_the_autumn_of_its_first_year(district):
    plan = school_year_plan(district, activity_numbering=ActivityNumbering.CONTINUOUS)
    plan.activity_layout = ActivityLayout.QUARTER
    plan.save()
    context = build_plan_context(plan)
    (table,) = [item for item in context["body"] if item.get("type") == "activities"]
    labels = ["Quý III/2024", "Quý IV/2024", "Quý I/2025", "Quý II/2025"]
    assert [group["label"] for group in table["groups"]] == labels
    assert [row["number"] for group in table["groups"] for row in group["rows"]] == ["1", "2", "3", "4", "5"]
    pdf_lines = lines_in_reading_order(render_plan_pdf(context))
    order = [position(pdf_lines, label) for label in labels]
    assert order == sorted(order)
    text = pdf_text(render_plan_pdf(context))
    assert "Quý I/2024" not in text
    assert "Quý II/2024" not in text
    assert in_order(docx_text(render_plan_docx(context)), labels)


@pytest.mark.parametrize(
    ("style", "quarter_label", "month_label"),
    [
        (PeriodLabelStyle.TITLE_YEAR, "Quý I/2025", "Tháng 01/2025"),
        (PeriodLabelStyle.TITLE, "Quý I", "Tháng 01"),
        (PeriodLabelStyle.UPPER, "QUÝ I", "THÁNG 01"),
        (PeriodLabelStyle.UPPER_YEAR, "QUÝ I/2025", "THÁNG 01/2025"),
        (PeriodLabelStyle.WORDS, "Quý I năm 2025", "Tháng 01 năm 2025"),
    ],
)
def test_quarter_and_month_labels_follow_the_bodys_style(style, quarter_label, month_label):
    assert period_label(style, year=2025, quarter=1) == quarter_label
    assert period_label(style, year=2025, month=1) == month_label


def test_a_table_by_month_puts_each_month_under_its_own_label_in_date_order(district):
    plan = school_year_plan(district, period_label_style=PeriodLabelStyle.UPPER)
    plan.activity_layout = ActivityLayout.MONTH
    plan.save()
    groups = activity_groups(plan)
    assert [group.label for group in groups] == ["THÁNG 9", "THÁNG 10", "THÁNG 11", "THÁNG 01", "THÁNG 5"]
    assert [number for group in groups for number, _ in group.rows] == [1, 1, 1, 1, 1]


def test_a_table_by_date_has_no_group_rows_and_a_list_reads_time_first(district):
    plan = school_year_plan(district)
    plan.activity_layout = ActivityLayout.DATE
    plan.save()
    (table,) = [item for item in build_plan_context(plan)["body"] if item.get("type") == "activities"]
    assert [group["label"] for group in table["groups"]] == [""]
    assert [row["number"] for row in table["groups"][0]["rows"]] == ["1", "2", "3", "4", "5"]
    html = render_plan_html(build_plan_context(plan))
    assert 'class="quarter"' not in html

    plan.activity_layout = ActivityLayout.LIST
    plan.save()
    context = build_plan_context(plan)
    assert not [item for item in context["body"] if item.get("type") == "activities"]
    text = pdf_text(render_plan_pdf(context))
    assert in_order(
        text,
        [
            "1. Tháng 9/2024: Phát động phong trào thi đua năm học.",
            "Đơn vị thực hiện: Các trường.",
            "2. Từ ngày 21/10/2024 đến ngày 24/10/2024 (04 ngày): Hội thi",
            "5. Tháng 5/2025: Tổng kết",
        ],
    )


def test_the_drafter_may_turn_the_time_column_off(district):
    plan = school_year_plan(district, activity_time_column=False)
    (table,) = [item for item in build_plan_context(plan)["body"] if item.get("type") == "activities"]
    assert table["columns"] == ["TT", "Nội dung công việc", "Đơn vị thực hiện"]
    hội_thi = table["groups"][0]["rows"][1]
    assert "time" not in hội_thi
    assert [line["runs"][0]["text"] for line in hội_thi["units"]] == ["Các trường", "(04 ngày)"]


def test_a_context_frozen_before_the_time_column_still_renders(district):
    plan = school_year_plan(district, activity_time_column=False)
    context = build_plan_context(plan)
    for item in context["body"]:
        item.pop("time", None)
    assert "Hội thi giáo viên" in pdf_text(render_plan_pdf(context))
    assert "Hội thi giáo viên" in docx_text(render_plan_docx(context))


def test_a_copy_to_next_year_moves_the_waves_and_keeps_each_activity_in_its_wave(world):
    plan = school_year_plan(world.own_plan.organization)
    copy = services.plan_copy(plan=plan, user=world.users["drafter"], to_next_year=True)
    assert [(wave.name, wave.start_date, wave.end_date) for wave in copy.waves.all()] == [
        ("Đợt 1", datetime.date(2025, 9, 5), datetime.date(2025, 12, 31)),
        ("Đợt 2", datetime.date(2026, 1, 2), datetime.date(2026, 5, 25)),
    ]
    assert {(activity.content, activity.wave.name) for activity in copy.activities.all()} == {
        (content, f"Đợt {wave}") for content, _timing, wave in SCHOOL_YEAR
    }
    assert (copy.first_month, copy.activity_layout) == (9, ActivityLayout.WAVES)
    (table,) = [item for item in build_plan_context(copy)["body"] if item.get("type") == "activities"]
    assert table["groups"][1]["label"] == "Đợt 2 (từ ngày 02/01/2026 đến ngày 25/05/2026)"
    assert table["groups"][1]["rows"][0]["time"] == "Tháng 01/2026"


def test_the_plan_page_and_the_tracking_date_a_school_years_january_in_the_next_year(user_client, district):  # noqa: F811
    plan = school_year_plan(district)
    page = user_client.get(reverse("plans:detail", args=[plan.pk]))
    assert [label for label, _rows in page.context["quarters"]] == [
        "Đợt 1 (từ ngày 05/09/2024 đến ngày 31/12/2024)",
        "Đợt 2 (từ ngày 02/01/2025 đến ngày 25/05/2025)",
    ]
    january = plan.activities.get(month=1)
    assert period_label_of(january, plan.year, plan.first_month) == "Tháng 1/2025"
    assert period_label_of(january) == "Tháng 1/2025"  # the plan's own period, as the calendar reads it
    assert not is_overdue(january, datetime.date(2024, 12, 1), year=2024, first_month=9)
    assert is_overdue(january, datetime.date(2025, 2, 1), year=2024, first_month=9)


# ---------------------------------------------------------------------------
# A conference: counts at most, a venue printed once
# ---------------------------------------------------------------------------
VENUE = "Hội trường Ủy ban nhân dân tỉnh"


def conference_plan(organization):
    plan = make_plan(
        organization,
        kind=PlanKind.CONFERENCE,
        year=2025,
        date_year=2025,
        subject="Tổ chức Hội nghị điển hình tiên tiến tỉnh lần thứ V",
        venue=VENUE,
    )
    Section.objects.create(plan=plan, order=1, heading="Thời gian, địa điểm", block=SectionBlock.ACTIVITIES)
    Section.objects.create(
        plan=plan, order=2, heading="Thành phần, số lượng", block=SectionBlock.PARTICIPANTS
    )
    for order, (content, day) in enumerate(
        [("Khai mạc Hội nghị", 15), ("Tham quan mô hình điển hình", 16)], 1
    ):
        Activity.objects.create(
            plan=plan,
            order=order,
            content=content,
            period_kind=PeriodKind.DATE,
            start_date=datetime.date(2025, 6, day),
            place=VENUE,
            implementers_text="Sở Nội vụ",
        )
    add_groups(
        plan,
        ("Đại biểu Trung ương", 20, "đại biểu", CountBound.EXACT),
        ("Đại biểu điển hình tiên tiến", 280, "đại biểu", CountBound.AT_MOST),
    )
    return plan


def add_groups(plan, *groups: tuple[str, int, str, str]) -> None:
    """Fixed groups: (description, count, noun, bound)."""
    for order, (description, count, noun, bound) in enumerate(groups, start=1):
        ParticipantGroup.objects.create(
            plan=plan,
            order=order,
            kind=GroupKind.FIXED,
            description=description,
            count=count,
            noun=noun,
            count_bound=bound,
        )


def participants_text(organization, *groups: tuple[str, int, str, str]) -> str:
    """The PDF's text of a plan whose one section lists these groups."""
    plan = make_plan(organization)
    Section.objects.create(plan=plan, order=1, heading="Thành phần", block=SectionBlock.PARTICIPANTS)
    add_groups(plan, *groups)
    return " ".join(pdf_text(render_plan_pdf(build_plan_context(plan))).split())


def test_a_conference_prints_at_most_300_delegates_and_its_venue_once(district):
    context = build_plan_context(conference_plan(district))
    pdf = render_plan_pdf(context)
    text = " ".join(pdf_text(pdf).split())
    assert "Số lượng, thành phần: không quá 300 đại biểu." in text
    assert "Đại biểu Trung ương: 20 đại biểu." in text
    assert "Đại biểu điển hình tiên tiến không quá 280 đại biểu." in text
    assert "người" not in text
    assert text.count(VENUE) == 1
    lines = lines_in_reading_order(pdf)
    venue = position(lines, f"Địa điểm: {VENUE}.")
    assert position(lines, "THỜI GIAN, ĐỊA ĐIỂM") < venue < position(lines, "Khai mạc Hội nghị")
    assert venue < position(lines, "Nội dung công việc")  # above the table, not in a row of it
    assert venue < position(lines, "Số lượng, thành phần") < position(lines, "Đại biểu Trung ương")
    # Each activity's time in its column, on its row.
    assert position(lines, "Khai mạc Hội nghị") == position(lines, "Ngày 15/06/2025")

    word = " ".join(docx_text(render_plan_docx(context)).split())
    assert word.count(VENUE) == 1
    assert in_order(
        word, [f"Địa điểm: {VENUE}.", "Ngày 15/06/2025", "Số lượng, thành phần: không quá 300 đại biểu."]
    )
    assert "Đại biểu điển hình tiên tiến không quá 280 đại biểu." in word


@pytest.mark.parametrize(
    ("description", "bound", "printed"),
    [
        ("Đại biểu dự Hội nghị", CountBound.EXACT, "Đại biểu dự Hội nghị: 300 đồng chí."),
        ("Đại biểu dự Hội nghị", CountBound.ABOUT, "Đại biểu dự Hội nghị khoảng 300 đồng chí."),
        ("Đại biểu dự Hội nghị,", CountBound.AT_MOST, "Đại biểu dự Hội nghị, không quá 300 đồng chí."),
        ("Đại biểu dự Hội nghị:", CountBound.AT_MOST, "Đại biểu dự Hội nghị: không quá 300 đồng chí."),
        ("", CountBound.AT_MOST, "Không quá 300 đồng chí."),
    ],
)
def test_a_count_is_exact_at_most_or_about_with_the_groups_noun(district, description, bound, printed):
    text = participants_text(district, (description, 300, "đồng chí", bound))
    assert re.sub(r"^\w", lambda m: m.group().upper(), printed) in text


def test_a_total_with_an_estimate_says_about_and_mixed_nouns_count_people(district):
    text = participants_text(
        district, ("Lãnh đạo", 5, "đồng chí", CountBound.EXACT), ("Học sinh", 100, "em", CountBound.ABOUT)
    )
    assert "Số lượng, thành phần: khoảng 105 người." in text


# ---------------------------------------------------------------------------
# The editor
# ---------------------------------------------------------------------------
def test_the_drafter_sets_the_layout_waves_venue_and_bounds_on_the_edit_page(user_client, plan):  # noqa: F811
    data = form_data(user_client.get(edit_url(plan)))
    data.update(
        activity_layout=[ActivityLayout.WAVES],
        first_month=["9"],
        period_label_style=[PeriodLabelStyle.UPPER],
        venue=[VENUE],
    )
    data.pop("activity_time_column", None)  # unticked
    new_row(data, "waves", ordinal=1, name="Đợt 1", start_date="05/09/2024", end_date="31/12/2024")
    new_row(data, "waves", ordinal=2, name="Đợt 2", start_date="02/01/2025", end_date="25/05/2025")
    new_row(data, "activities", ordinal=1, content="Sơ kết", period_kind="month", month=1, wave_number=2)
    new_row(data, "activities", ordinal=2, content="Phát động", period_kind="month", month=9, wave_number=1)
    new_row(
        data,
        "groups",
        ordinal=1,
        kind="fixed",
        description="Đại biểu",
        count=300,
        noun="đại biểu",
        count_bound=CountBound.AT_MOST,
    )
    response = user_client.post(edit_url(plan), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    plan.refresh_from_db()
    assert (plan.activity_layout, plan.first_month, plan.venue) == (ActivityLayout.WAVES, 9, VENUE)
    assert plan.activity_time_column is False
    assert {(activity.content, activity.wave.name) for activity in plan.activities.all()} == {
        ("Sơ kết", "Đợt 2"),
        ("Phát động", "Đợt 1"),
    }
    assert plan.participant_groups.get().count_bound == CountBound.AT_MOST
    page = user_client.get(edit_url(plan)).content.decode()
    assert "Đợt số 2: Đợt 2" in page


def test_a_missing_wave_is_shown_on_the_activity_and_nothing_typed_is_lost(user_client, plan):  # noqa: F811
    data = form_data(user_client.get(edit_url(plan)))
    new_row(
        data, "activities", ordinal=1, content="Sơ kết học kỳ", period_kind="month", month=1, wave_number=3
    )
    page = user_client.post(edit_url(plan), data).content.decode()
    assert "Không có đợt số 3 trong danh sách các đợt." in page
    assert "Sơ kết học kỳ" in page
    assert not plan.activities.exists()


def test_activities_saved_without_their_waves_refer_to_the_saved_waves_by_number(district, user):
    """The editor sends a folded part only once it is opened: activities sent alone name the saved
    waves by their numbers, and a number no wave has is refused beside the activity."""
    plan = school_year_plan(district)
    row = services.RowInput(
        key="activities-0",
        position=1,
        values={
            "content": "Tổng kết",
            "period_kind": PeriodKind.MONTH,
            "month": 5,
            "implementers_text": "Các trường",
        },
        refs={"wave_number": 2},
    )
    services.plan_update(plan=plan, user=user, fields={}, parts={"activities": [row]})
    assert [(activity.content, activity.wave.name) for activity in plan.activities.all()] == [
        ("Tổng kết", "Đợt 2")
    ]
    row.refs["wave_number"] = 3
    with pytest.raises(ServiceError) as refused:
        services.plan_update(plan=plan, user=user, fields={}, parts={"activities": [row]})
    assert refused.value.rows == {
        "activities-0": {"wave_number": ["Không có đợt số 3 trong danh sách các đợt."]}
    }
