"""Numbering as the body writes it: the top-level style, the ladder below it, untitled numbered
clauses, and the number the editor shows beside each section, in the document, PDF and Word alike."""

import importlib
import re

import pytest
from django.apps import apps
from django.db import IntegrityError, transaction
from django.urls import reverse

from plans.choices import ClauseNumbering, HeadingNumbering, SectionBlock
from plans.documents.context import build_plan_context
from plans.documents.docx import render_plan_docx
from plans.documents.outline import section_numbers
from plans.documents.pdf import render_plan_pdf
from plans.models import Duty, Plan, Section
from tests.plans.test_documents import section, texts
from tests.plans.test_rendering import LEFT_MARGIN, MM, docx_text, find_word, make_plan, open_pdf

pytestmark = pytest.mark.django_db


def numbered_plan(organization) -> Plan:
    """ "1. Mục đích, yêu cầu" … "5. Tổ chức thực hiện", "5.1.", "5.2.", and an untitled clause "3."."""
    plan = make_plan(
        organization,
        heading_numbering=HeadingNumbering.ARABIC,
        clause_numbering=ClauseNumbering.DECIMAL,
        closing="",
    )
    section(plan, 1, "Mục đích, yêu cầu", "Nâng cao chất lượng phong trào thi đua.")
    section(plan, 2, "Nội dung", "Tổ chức phát động thi đua trong toàn huyện.")
    Section.objects.create(
        plan=plan, order=3, numbered=True, body="Các cơ quan, đơn vị triển khai ngay sau khi ban hành."
    )
    section(plan, 4, "Kinh phí", "Theo chế độ hiện hành.")
    last = section(plan, 5, "Tổ chức thực hiện")
    section(plan, 1, "Văn phòng", "Theo dõi, tổng hợp.", parent=last)
    section(plan, 2, "Các phòng chuyên môn", "Phối hợp thực hiện.", parent=last)
    return plan


EXPECTED = [
    "1. Mục đích, yêu cầu",
    "Nâng cao chất lượng phong trào thi đua.",
    "2. Nội dung",
    "Tổ chức phát động thi đua trong toàn huyện.",
    "3. Các cơ quan, đơn vị triển khai ngay sau khi ban hành.",
    "4. Kinh phí",
    "Theo chế độ hiện hành.",
    "5. Tổ chức thực hiện",
    "5.1. Văn phòng",
    "Theo dõi, tổng hợp.",
    "5.2. Các phòng chuyên môn",
    "Phối hợp thực hiện./.",
]


def test_a_plan_numbered_1_to_5_with_5_1_and_an_untitled_clause_prints_so(district):
    context = build_plan_context(numbered_plan(district))
    assert texts(context) == EXPECTED
    # "1. Mục đích" is typed as the body writes it, not put in capitals as "I. MỤC ĐÍCH" is.
    assert context["body"][0]["text"] == "Mục đích, yêu cầu"


def test_the_numbered_plan_prints_its_numbers_beside_their_texts_in_the_pdf(district):
    pdf = render_plan_pdf(build_plan_context(numbered_plan(district)))
    with open_pdf(pdf) as document:
        page = [word for page in document.pages for word in page.extract_words()]
    indent = LEFT_MARGIN + 10 * MM
    for number, first_word in (("1.", "Mục"), ("3.", "Các"), ("5.", "Tổ"), ("5.1.", "Văn"), ("5.2.", "Các")):
        numeral = find_word(page, number)
        following = next(word for word in page if word["text"] == first_word and word["x0"] > numeral["x1"])
        assert numeral["x0"] == pytest.approx(indent, abs=2), number
        assert following["top"] == pytest.approx(numeral["top"], abs=1), number
        assert following["x0"] - numeral["x1"] < 3 * MM, number
    assert not [word for word in page if word["text"] in ("I.", "II.", "MỤC")]
    tops = [find_word(page, number)["top"] for number in ("1.", "2.", "3.", "4.", "5.", "5.1.", "5.2.")]
    assert tops == sorted(tops)


def test_the_numbered_plan_prints_the_same_lines_in_word(district):
    text = docx_text(render_plan_docx(build_plan_context(numbered_plan(district))))
    lines = [line for line in text.split("\n") if line.strip()]
    start = lines.index(EXPECTED[0])
    assert lines[start : start + len(EXPECTED)] == EXPECTED


@pytest.mark.parametrize(
    ("top", "ladder", "printed"),
    [
        (
            HeadingNumbering.ROMAN,
            ClauseNumbering.STANDARD,
            ["I. NỘI DUNG", "1. Khoản", "a) Điểm", "- Ý", "+ Ý con"],
        ),
        (
            HeadingNumbering.UPPER_LETTERS,
            ClauseNumbering.STANDARD,
            ["A. NỘI DUNG", "1. Khoản", "a) Điểm", "- Ý"],
        ),
        (HeadingNumbering.NONE, ClauseNumbering.DECIMAL, ["NỘI DUNG", "1. Khoản", "1.1. Điểm", "1.1.1. Ý"]),
        (HeadingNumbering.ARABIC, ClauseNumbering.DECIMAL, ["1. Nội dung", "1.1. Khoản", "1.1.1. Điểm"]),
        (HeadingNumbering.ARABIC, ClauseNumbering.LETTERS, ["1. Nội dung", "a) Khoản", "- Điểm", "+ Ý"]),
        (HeadingNumbering.ROMAN, ClauseNumbering.DASHES, ["I. NỘI DUNG", "- Khoản", "+ Điểm", "Ý"]),
    ],
)
def test_each_style_numbers_each_level(plan, top, ladder, printed):
    plan.heading_numbering, plan.clause_numbering = top, ladder
    plan.save()
    parent = None
    for heading in ("Nội dung", "Khoản", "Điểm", "Ý", "Ý con")[: len(printed)]:
        parent = section(plan, 1, heading, parent=parent)
    assert [text.removesuffix("./.") for text in texts(build_plan_context(plan))] == printed


def test_an_untitled_clause_on_a_dash_level_is_a_bullet(plan):
    plan.clause_numbering = ClauseNumbering.DASHES
    plan.save()
    top = section(plan, 1, "Nội dung")
    Section.objects.create(plan=plan, parent=top, order=1, numbered=True, body="Tuyên truyền")
    item = build_plan_context(plan)["body"][1]
    assert (item["kind"], item["marker"]) == ("bullet", "-")


def test_an_untitled_section_without_the_flag_still_prints_no_number_and_takes_none(plan):
    top = section(plan, 1, body="Đoạn mở đầu không đánh số.")
    section(plan, 1, "Mục đích", parent=top)
    section(plan, 2, "Nội dung")
    assert texts(build_plan_context(plan)) == ["Đoạn mở đầu không đánh số.", "1. Mục đích", "I. NỘI DUNG./."]


def test_section_numbers_counts_the_duties_a_section_numbers_below_it(plan):
    top = section(plan, 1, "Tổ chức thực hiện", block=SectionBlock.DUTIES)
    Duty.objects.create(plan=plan, order=1, title="Văn phòng")
    Duty.objects.create(plan=plan, order=2, title="Phòng Nội vụ")
    after = section(plan, 1, "Chế độ báo cáo", parent=top)
    places = section_numbers(plan)
    assert places[top.pk].number == "I."
    assert places[after.pk].number == "3."
    assert texts(build_plan_context(plan))[-1] == "3. Chế độ báo cáo./."


def test_the_editor_shows_beside_each_section_the_number_it_will_print(client, user, district):
    plan = numbered_plan(district)
    client.force_login(user)
    html = client.get(reverse("plans:edit", args=[plan.pk])).content.decode()
    rows = re.findall(r'<fieldset class="row[^"]*" id="row-sections-\d+".*?</fieldset>', html, re.DOTALL)
    shown = {}
    for row in rows:
        pk = re.search(r'name="sections-\d+-id" value="(\d+)"', row)
        if pk:
            shown[int(pk.group(1))] = re.search(r"data-printed-number>(.*?)</span>", row).group(1)
    numbers = {pk: place.number for pk, place in section_numbers(plan).items()}
    assert shown == {pk: f"in số {number}" for pk, number in numbers.items()}
    assert sorted(numbers.values()) == ["1.", "2.", "3.", "4.", "5.", "5.1.", "5.2."]
    assert 'name="heading_numbering"' in html
    assert 'name="opening"' in html


@pytest.mark.parametrize(
    ("field", "value"),
    [("heading_numbering", "greek"), ("clause_numbering", "roman"), ("opening", "verse")],
)
def test_the_database_refuses_a_numbering_or_opening_style_outside_the_choices(plan, field, value):
    with pytest.raises(IntegrityError), transaction.atomic():
        Plan.objects.filter(pk=plan.pk).update(**{field: value})


def test_plans_saved_with_the_old_letters_ladder_keep_printing_1_and_a(plan):
    migration = importlib.import_module("plans.migrations.0019_numbering_styles_and_opening")
    Plan.objects.filter(pk=plan.pk).update(clause_numbering=ClauseNumbering.STANDARD)
    migration.letters_ladder(apps, None)
    assert Plan.objects.get(pk=plan.pk).clause_numbering == "letters"
    migration.standard_ladder(apps, None)
    assert Plan.objects.get(pk=plan.pk).clause_numbering == ClauseNumbering.STANDARD
