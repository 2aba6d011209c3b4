"""Typesetting that never strands a line, checked on the PDF's words and positions and on the Word
file: tables' headers and group labels stay with a row, numbers, symbols, dates and marked phrases
stay whole, the letterhead breaks where the administrator says, "./." shares its line, and the
Quốc hiệu and Tiêu ngữ each print on one line."""

import io
import re
from itertools import groupby

import docx
import pytest
from django.core.exceptions import ValidationError
from docx.shared import Pt

from plans.choices import SectionBlock
from plans.documents import build_plan_context, render_plan_pdf
from plans.documents.docx import render_plan_docx
from plans.documents.glue import glued_html, pieces, word_text
from plans.documents.html import render_plan_html
from plans.models import KeptPhrase
from tests.plans.test_documents import activity, section
from tests.plans.test_rendering import TOP_MARGIN, docx_text, open_pdf, pdf_text

pytestmark = pytest.mark.django_db

CITATION = "17/NQ-HĐND"
MARKED = "Ban Thi đua - Khen thưởng"
HEADER_LINE = "TT Nội dung công việc Đơn vị thực hiện"
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def pdf_lines(content: bytes) -> list[list[str]]:
    """Each page's text lines, top to bottom (words with the same top), the page number left out."""
    pages = []
    with open_pdf(content) as pdf:
        for page in pdf.pages:
            words = [
                word for word in page.extract_words(keep_blank_chars=False) if word["top"] > TOP_MARGIN - 2
            ]
            words.sort(key=lambda word: (round(word["top"]), word["x0"]))
            pages.append(
                [
                    " ".join(word["text"] for word in line)
                    for _, line in groupby(words, lambda w: round(w["top"]))
                ]
            )
    return pages


def all_lines(content: bytes) -> list[str]:
    return [line for page in pdf_lines(content) for line in page]


# ---------------------------------------------------------------------------
# The glue: one function for HTML and Word
# ---------------------------------------------------------------------------
def test_numbers_symbols_dates_and_the_end_mark_are_glued_and_the_text_is_unchanged():
    text = "Căn cứ Nghị quyết số 17/NQ-HĐND ngày 15/3/2026 giai đoạn 2022-2025 của Ban; thực hiện./."
    result = pieces(text)
    assert "".join(piece for piece, _ in result) == text
    assert [piece for piece, glued in result if glued] == ["17/NQ-HĐND", "15/3/2026", "2022-2025", "hiện./."]


def test_a_marked_phrase_is_glued_whatever_its_case_and_one_ending_in_a_hyphen_takes_the_next_word():
    text = "Giao BAN THI ĐUA - KHEN THƯỞNG và Phòng TĐKT-VP chủ trì."
    glued = [piece for piece, flag in pieces(text, [MARKED, "TĐKT-"]) if flag]
    assert glued == ["BAN THI ĐUA - KHEN THƯỞNG", "TĐKT-VP"]
    assert [piece for piece, flag in pieces(text) if flag] == ["TĐKT-VP"]  # a compound even unlisted


def test_html_wraps_glued_pieces_in_a_nowrap_span_and_still_escapes():
    assert glued_html("<b> 17/NQ-HĐND") == '&lt;b&gt; <span class="glue">17/NQ-HĐND</span>'


def test_word_text_uses_non_breaking_spaces_and_hyphens_only_inside_glued_pieces():
    text = word_text("Ban Thi đua - Khen thưởng, số 17/NQ-HĐND", [MARKED])
    assert text == "Ban\xa0Thi\xa0đua\xa0\u2011\xa0Khen\xa0thưởng, số 17/NQ\u2011HĐND"


@pytest.mark.parametrize(
    ("typed", "message"),
    [("Khen", "ít nhất hai chữ"), ("-1", "ít nhất hai chữ"), ("17/NQ-HĐND", "đã tự động không bị ngắt dòng")],
)
def test_a_marked_phrase_must_be_a_compound_that_is_not_already_kept_whole(typed, message):
    with pytest.raises(ValidationError) as error:
        KeptPhrase(text=typed).full_clean()
    assert message in str(error.value)


def test_a_phrase_of_words_or_a_compounds_first_part_is_accepted_and_its_spaces_tidied():
    phrase = KeptPhrase(text="  Ban  Thi đua -  Khen thưởng ")
    phrase.full_clean()
    assert phrase.text == MARKED
    KeptPhrase(text="TĐKT-").full_clean()


# ---------------------------------------------------------------------------
# Citations near the end of a line
# ---------------------------------------------------------------------------
@pytest.fixture
def citing_plan(plan):
    """Paragraphs whose citation falls, one of them or another, right at the end of a line."""
    KeptPhrase.objects.create(text=MARKED)
    padding = "mmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmm"
    body = "\n".join(
        f"{'Thực hiện ' + padding[:width]} Nghị quyết số {CITATION} và ý kiến của {MARKED} tỉnh về công tác."
        for width in range(37)
    )
    section(plan, 1, "Căn cứ thực hiện", body)
    return plan


def test_a_citation_and_a_marked_phrase_never_break_over_two_lines_in_the_pdf(citing_plan):
    lines = all_lines(render_plan_pdf(build_plan_context(citing_plan)))
    citing = [line for line in lines if "NQ-HĐND" in line or "17/" in line]
    assert len(citing) == 37
    assert all(CITATION in line for line in citing), [line for line in citing if CITATION not in line]
    # One marked phrase in each paragraph: each one whole on a line.
    assert sum(line.count(MARKED) for line in lines) == 37


def test_the_pdf_copies_as_the_text_was_typed(citing_plan):
    text = pdf_text(render_plan_pdf(build_plan_context(citing_plan)))
    assert f"Nghị quyết số {CITATION} và ý kiến của" in " ".join(text.split())
    assert "\xa0" not in text
    assert "\u2011" not in text


def test_word_keeps_a_citation_and_a_marked_phrase_whole_and_reads_back_as_typed(citing_plan):
    content = render_plan_docx(build_plan_context(citing_plan))
    assert f"Nghị quyết số {CITATION} và" in docx_text(content)
    body = docx.Document(io.BytesIO(content)).element.body
    hyphens = body.iter(f"{W_NS}noBreakHyphen")
    assert sum(1 for _ in hyphens) == 37 * 2  # "NQ-HĐND" and "đua - Khen" in each paragraph
    assert "Ban\xa0Thi\xa0đua\xa0-\xa0Khen\xa0thưởng" in docx_text(content)


def test_a_document_frozen_before_the_list_existed_still_renders(citing_plan):
    context = build_plan_context(citing_plan)
    assert context["kept_phrases"] == [MARKED]
    del context["kept_phrases"]
    assert f'<span class="glue">{CITATION}</span>' in render_plan_html(context)
    assert CITATION in docx_text(render_plan_docx(context))


# ---------------------------------------------------------------------------
# Tables crossing a page
# ---------------------------------------------------------------------------
@pytest.fixture
def long_tables_plan(plan):
    """Tables of activities starting all over the page, their quarters' labels too."""
    for order in range(1, 9):
        activity(
            plan,
            order,
            quarter=(order + 1) // 2,
            content=f"Hoạt động {order}: tổ chức hội nghị sơ kết, tổng kết công tác thi đua của các đơn vị",
            implementers_text="Các đơn vị trong Cụm",
        )
    for order in range(1, 8):
        filler = " ".join(["Đoạn văn để đẩy bảng xuống dưới trang giấy."] * order)
        section(plan, order, f"Phần {order}", filler, block=SectionBlock.ACTIVITIES)
    return plan


def test_no_page_ends_with_a_table_header_or_a_group_label_in_the_pdf(long_tables_plan):
    pages = pdf_lines(render_plan_pdf(build_plan_context(long_tables_plan)))
    assert len(pages) >= 4
    labels = re.compile(r"^Quý [IV]+/2024$")
    for number, lines in enumerate(pages[:-1], start=1):
        assert lines[-1] != HEADER_LINE, f"page {number} ends with the table's header"
        assert not labels.match(lines[-1]), f"page {number} ends with the label {lines[-1]}"
    # The tables did cross pages: the header repeats at the top of a page.
    assert any(lines[0] == HEADER_LINE for lines in pages[1:])


def test_word_repeats_the_header_row_and_keeps_it_and_each_label_with_the_next_row(long_tables_plan):
    document = docx.Document(io.BytesIO(render_plan_docx(build_plan_context(long_tables_plan))))
    table = next(table for table in document.tables if table.rows[0].cells[0].text == "TT")
    header, label = table.rows[0], table.rows[1]
    assert header._tr.trPr.find(f"{W_NS}tblHeader") is not None
    assert label.cells[1].text == "Quý I/2024"
    for row in (header, label):
        assert row._tr.trPr.find(f"{W_NS}cantSplit") is not None
        assert all(p.paragraph_format.keep_with_next for cell in row.cells for p in cell.paragraphs)
    assert not table.rows[2].cells[1].paragraphs[0].paragraph_format.keep_with_next


# ---------------------------------------------------------------------------
# The end mark
# ---------------------------------------------------------------------------
def test_after_a_table_the_end_mark_shares_the_last_line_of_the_table(plan):
    plan.closing = ""
    plan.save()
    section(plan, 1, "Nội dung", block=SectionBlock.ACTIVITIES)
    activity(plan, 1, implementers_text="Các đơn vị trong Cụm")
    context = build_plan_context(plan)
    lines = all_lines(render_plan_pdf(context))
    ending = [line for line in lines if "./." in line]
    assert ending == ["1 Hoạt động 1 Các đơn vị trong Cụm./."]
    assert "Các đơn vị trong Cụm./." in docx_text(render_plan_docx(context)).splitlines()


@pytest.mark.parametrize("width", range(0, 48, 6))
def test_a_closing_ending_at_the_end_of_a_line_keeps_its_last_word_with_the_end_mark(plan, width):
    plan.closing = "Trên đây là Kế hoạch " + "m" * width + " đề nghị các đơn vị tổ chức triển khai thực hiện"
    plan.save()
    lines = all_lines(render_plan_pdf(build_plan_context(plan)))
    ending = next(line for line in lines if line.endswith("/."))
    assert ending.endswith("hiện./.")


# ---------------------------------------------------------------------------
# The letterhead
# ---------------------------------------------------------------------------
def test_the_administrator_places_the_letterhead_line_breaks(plan, district):
    district.header_parent_line = "UBND TỈNH ĐỒNG THÁP"
    district.header_name = "Ban Thi đua – Khen thưởng\n  tỉnh Đồng Tháp  "
    district.save()
    assert district.printed_name == "BAN THI ĐUA – KHEN THƯỞNG TỈNH ĐỒNG THÁP"
    context = build_plan_context(plan)
    assert context["header"]["issuer_lines"] == ["BAN THI ĐUA – KHEN THƯỞNG", "TỈNH ĐỒNG THÁP"]
    content = render_plan_pdf(context)
    lines = all_lines(content)
    assert [line for line in lines if "KHEN" in line] == ["BAN THI ĐUA – KHEN THƯỞNG"]
    assert "TỈNH ĐỒNG THÁP" in lines[lines.index("BAN THI ĐUA – KHEN THƯỞNG") + 1]
    header = docx.Document(io.BytesIO(render_plan_docx(context))).tables[0]
    issuer_cell, nation_cell = header.rows[0].cells
    assert issuer_cell.text.splitlines()[1:3] == ["BAN THI ĐUA – KHEN THƯỞNG", "TỈNH ĐỒNG THÁP"]
    # 70.3 mm at 13 pt bold: the left column widens to 75 mm, the Quốc hiệu goes to 12 pt to fit 90 mm.
    assert [round(cell.width.mm) for cell in header.rows[0].cells] == [75, 90]
    assert nation_cell.paragraphs[0].runs[0].font.size == Pt(12)
    with open_pdf(content) as pdf:
        national = next(word for word in pdf.pages[0].extract_words() if word["text"] == "CỘNG")
    assert national["bottom"] - national["top"] == pytest.approx(12, abs=1)


def test_a_name_typed_on_one_line_is_balanced_without_splitting_khen_thưởng(plan, district):
    district.header_name = "BAN THI ĐUA – KHEN THƯỞNG SỞ NỘI VỤ TỈNH ĐỒNG THÁP"
    district.save()
    context = build_plan_context(plan)
    assert context["header"]["issuer_lines"] == []
    lines = all_lines(render_plan_pdf(context))
    assert any("KHEN THƯỞNG" in line for line in lines[1:4])


@pytest.mark.parametrize(
    "name",
    [
        "BAN THI ĐUA – KHEN THƯỞNG SỞ NỘI VỤ TỈNH ĐỒNG THÁP",
        # The widest left column the layout allows: the right one at its narrowest.
        "PHÒNG THI ĐUA - KHEN THƯỞNG\nSỞ NỘI VỤ TỈNH ĐỒNG THÁP",
    ],
)
def test_the_quốc_hiệu_and_the_tiêu_ngữ_each_print_on_one_line_beside_a_long_name_and_date(
    plan, district, name
):
    district.header_name = name
    district.place_name = "Thành phố Hồ Chí Minh"
    district.save()
    plan.date_day, plan.date_month = 29, 12
    plan.save()
    context = build_plan_context(plan)
    content = render_plan_pdf(context)
    assert context["header"]["date_line"] in " ".join(all_lines(content))
    with open_pdf(content) as pdf:
        words = pdf.pages[0].extract_words()
    for line in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"):
        texts = line.split()
        start = next(
            index
            for index in range(len(words))
            if [word["text"] for word in words[index : index + len(texts)]] == texts
        )
        tops = {round(word["top"]) for word in words[start : start + len(texts)]}
        assert len(tops) == 1, f"{line} printed on {len(tops)} lines"


def test_the_subject_is_balanced_over_lines_without_breaking_a_marked_phrase(plan):
    plan.subject = "Phối hợp giữa Sở Nội vụ và Ban Thi đua - Khen thưởng tỉnh về công tác năm 2025"
    plan.save()
    before = build_plan_context(plan)
    KeptPhrase.objects.create(text=MARKED)
    context = build_plan_context(plan)
    # Without the mark the even split falls inside the phrase ("… và Ban / Thi đua …").
    assert not any(MARKED in line for line in all_lines(render_plan_pdf(before)))
    lines = all_lines(render_plan_pdf(context))
    subject = lines[lines.index("KẾ HOẠCH") + 1 : lines.index("KẾ HOẠCH") + 3]
    assert " ".join(subject) == plan.subject
    assert any(MARKED in line for line in subject)
    document = docx.Document(io.BytesIO(render_plan_docx(context)))
    printed = next(p.text for p in document.paragraphs if "Sở Nội vụ" in p.text)
    assert any(MARKED in line for line in printed.splitlines())  # Word breaks where the PDF does
