"""The rendered plan: the seeds' words in PDF and DOCX, the ND30 page layout, and bad input."""

import io
import re
import unicodedata
from pathlib import Path

import docx
import pdfplumber
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from docx.shared import Pt
from docx.text.paragraph import Paragraph
from pdfminer.pdftypes import resolve1

from activities.choices import PeriodKind
from activities.models import Activity
from clusters.choices import OrganizationLevel
from clusters.models import Organization
from plans.choices import SectionBlock
from plans.documents.context import build_plan_context
from plans.documents.docx import render_plan_docx
from plans.documents.filenames import document_filename
from plans.documents.fonts import balanced_lines
from plans.documents.html import STYLESHEET_PATH, render_plan_html
from plans.documents.pdf import render_plan_pdf
from plans.management.demo.loader import load_demo
from plans.models import Duty, LegalBasis, Plan, Recipient, Section

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"
SEED_KEYS = ["000", "001", "002", "003", "004"]
MM = 72 / 25.4  # points per millimetre
LEFT_MARGIN, RIGHT_MARGIN, TOP_MARGIN = 30 * MM, 15 * MM, 20 * MM
A4 = (210 * MM, 297 * MM)


def assert_a4_with_embedded_fonts(pdf) -> None:
    """Every page of the (pdfplumber) document is A4 and every font it uses is embedded."""
    for page in pdf.pages:
        assert (page.width, page.height) == pytest.approx(A4, abs=0.5)
        for reference in resolve1(page.page_obj.resources["Font"]).values():
            font = resolve1(reference)
            if "DescendantFonts" in font:
                font = resolve1(resolve1(font["DescendantFonts"])[0])
            descriptor = resolve1(font["FontDescriptor"])
            assert {"FontFile", "FontFile2", "FontFile3"} & set(descriptor), font.get("BaseFont")


# ---------------------------------------------------------------------------
# Words and their order
# ---------------------------------------------------------------------------
def words(text: str) -> list[str]:
    return re.findall(r"\w+", unicodedata.normalize("NFC", text).casefold())


def seed_words(text: str) -> list[str]:
    """The seed's words, without its markdown: **, |, #, <i>, \\*."""
    return words(re.sub(r"</?i>|[*|#\\]", " ", text))


def numbers(text: str) -> set[str]:
    """Numbers and dates as written: "31/8/2024", "08h00", "1308", "2022-2025"."""
    return set(re.findall(r"\d+(?:[/.:h-]\d+)*", text))


def lcs_length(first: list[str], second: list[str]) -> int:
    """Length of the longest common subsequence, bit-parallel (Allison-Dix / Hyyrö)."""
    positions: dict[str, int] = {}
    for index, token in enumerate(second):
        positions[token] = positions.get(token, 0) | (1 << index)
    mask = (1 << len(second)) - 1
    row = mask
    for token in first:
        matches = row & positions.get(token, 0)
        row = ((row + matches) | (row - matches)) & mask
    return len(second) - bin(row).count("1")


def lcs_by_table(first: list[str], second: list[str]) -> int:
    table = [[0] * (len(second) + 1) for _ in range(len(first) + 1)]
    for i, a in enumerate(first):
        for j, b in enumerate(second):
            table[i + 1][j + 1] = table[i][j] + 1 if a == b else max(table[i][j + 1], table[i + 1][j])
    return table[-1][-1]


def test_the_fast_lcs_agrees_with_the_textbook_table():
    import random

    generator = random.Random(30)  # noqa: S311 - test data, not a secret
    for _ in range(200):
        first = [generator.choice("abcde") for _ in range(generator.randint(0, 30))]
        second = [generator.choice("abcde") for _ in range(generator.randint(0, 30))]
        assert lcs_length(first, second) == lcs_by_table(first, second)


def pdf_text(content: bytes) -> str:
    """The PDF's text in content order: table cells stay whole, as in the seeds."""
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        return "\n".join(page.extract_text(use_text_flow=True) or "" for page in pdf.pages)


def docx_text(content: bytes) -> str:
    """Paragraphs and table cells in document order (a merged cell once)."""
    lines: list[str] = []

    def walk(container) -> None:
        for child in container.iter_inner_content():
            if isinstance(child, Paragraph):
                lines.append(child.text)
                continue
            for row in child.rows:
                seen = []
                for cell in row.cells:
                    if cell._tc not in seen:
                        seen.append(cell._tc)
                        walk(cell)

    walk(docx.Document(io.BytesIO(content)))
    return "\n".join(lines)


@pytest.fixture(scope="module")
def seed_outputs(django_db_setup, django_db_blocker):
    """The five seed plans rendered once for the module, in a transaction rolled back at the end."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        demo = load_demo()
        outputs = {}
        for key, plan in demo.items():
            context = build_plan_context(plan)
            outputs[key] = {
                "pdf": render_plan_pdf(context),
                "docx": render_plan_docx(context),
                "signer": plan.signer_name,
            }
        transaction.set_rollback(True)
    return outputs


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
@pytest.mark.parametrize("key", SEED_KEYS)
def test_the_rendered_seed_carries_the_seed_documents_words_in_order(seed_outputs, key, fmt):
    seed = (SEEDS / f"{key}.txt").read_text(encoding="utf-8")
    output = seed_outputs[key]
    text = pdf_text(output["pdf"]) if fmt == "pdf" else docx_text(output["docx"])
    expected, printed = seed_words(seed), words(text)
    coverage = lcs_length(printed, expected) / len(expected)
    assert coverage >= 0.98, f"{key}.{fmt}: {coverage:.2%} of the seed's {len(expected)} words, in order"
    missing = numbers(seed) - numbers(text)
    assert not missing, f"{key}.{fmt} ({coverage:.2%} of the words) lacks the numbers {sorted(missing)}"
    assert output["signer"] in unicodedata.normalize("NFC", text)


# ---------------------------------------------------------------------------
# The PDF page
# ---------------------------------------------------------------------------
def make_plan(organization, **fields) -> Plan:
    defaults = {
        "kind": "annual",
        "year": 2024,
        "subject": "Công tác thi đua, khen thưởng năm 2024",
        "date_month": 1,
        "date_year": 2024,
        "signer_on_behalf_of": "ỦY BAN NHÂN DÂN",
        "signer_title": "CHỦ TỊCH",
        "signer_name": "Dương Doãn Hùng",
        "archive_note": "VT, VP",
        "closing": "Trên đây là Kế hoạch công tác thi đua, khen thưởng năm 2024",
    }
    return Plan.objects.create(organization=organization, **{**defaults, **fields})


def long_plan(organization, paragraphs: int = 40) -> Plan:
    plan = make_plan(organization)
    LegalBasis.objects.create(plan=plan, order=1, text="Luật Thi đua, khen thưởng ngày 15/6/2022")
    body = "\n".join(
        f"Đoạn số {index} của kế hoạch, viết đủ dài để chiếm hai dòng trên trang giấy A4."
        for index in range(paragraphs)
    )
    Section.objects.create(plan=plan, order=1, heading="Nội dung", body=body)
    for order, text in enumerate(["Phòng Nội vụ huyện", "Các xã, thị trấn", "Ban TĐKT tỉnh"], start=1):
        Recipient.objects.create(plan=plan, order=order, text=text)
    return plan


def find_word(page_words: list[dict], text: str) -> dict:
    return next(word for word in page_words if word["text"] == text)


def open_pdf(content: bytes):
    return pdfplumber.open(io.BytesIO(content))


@pytest.fixture
def long_pdf(district):
    return render_plan_pdf(build_plan_context(long_plan(district)))


def test_the_pdf_is_a4_with_every_font_embedded(long_pdf):
    assert long_pdf.startswith(b"%PDF")
    with open_pdf(long_pdf) as pdf:
        assert len(pdf.pages) >= 2
        assert_a4_with_embedded_fonts(pdf)


def assert_pages_numbered_from_two_at_the_top_centre(pdf_bytes: bytes) -> None:
    with open_pdf(pdf_bytes) as pdf:
        first, second = pdf.pages[0].extract_words(), pdf.pages[1].extract_words()
    assert not [word for word in first if word["text"].isdigit() and word["top"] < TOP_MARGIN]
    [number] = [word for word in second if word["top"] < TOP_MARGIN]
    assert number["text"] == "2"
    centre = (LEFT_MARGIN + A4[0] - RIGHT_MARGIN) / 2
    assert (number["x0"] + number["x1"]) / 2 == pytest.approx(centre, abs=3)
    assert number["bottom"] - number["top"] == pytest.approx(14, abs=3)


def assert_header_layout(pdf_bytes: bytes, *, issuer_word: str) -> list[dict]:
    """The issuing body left of the national name on the same rows, "Số:" and the date on one line;
    returns the first page's words for further checks."""
    with open_pdf(pdf_bytes) as pdf:
        page = pdf.pages[0].extract_words()
    parent, national = find_word(page, "UBND"), find_word(page, "CỘNG")
    issuer, motto = find_word(page, issuer_word), find_word(page, "Độc")
    assert parent["top"] == pytest.approx(national["top"], abs=3)
    assert issuer["top"] == pytest.approx(motto["top"], abs=3)
    left_words = [word for word in page if word["top"] < motto["bottom"] and word["x0"] < national["x0"]]
    assert max(word["x1"] for word in left_words) < national["x0"]
    assert national["x0"] >= LEFT_MARGIN + 63 * MM - 1
    number, date = find_word(page, "Số:"), find_word(page, "ngày")
    assert number["bottom"] == pytest.approx(date["bottom"], abs=2)
    assert number["x1"] < national["x0"] < date["x0"]
    return page


def assert_signature_beside_recipients(pdf_bytes: bytes, *, name_word: str) -> None:
    """On the last page, after the closing "./.", the signer's title level with "Nơi nhận" and the
    name below the room for the signature, in the right-hand column."""
    with open_pdf(pdf_bytes) as pdf:
        page = pdf.pages[-1].extract_words()
    recipients = find_word(page, "Nơi")
    title, name = find_word(page, "TM."), find_word(page, name_word)
    closing_end = max(word["bottom"] for word in page if word["text"].endswith("./."))
    assert recipients["top"] > closing_end
    assert recipients["x0"] == pytest.approx(LEFT_MARGIN, abs=2)
    assert title["top"] == pytest.approx(recipients["top"], abs=4)
    assert title["x0"] > find_word(page, "nhận:")["x1"]
    assert name["top"] > title["bottom"] + 20 * MM  # room for the signature
    assert name["x0"] > LEFT_MARGIN + 63 * MM


def test_page_numbers_start_on_page_two_at_the_top_centre(long_pdf):
    assert_pages_numbered_from_two_at_the_top_centre(long_pdf)


def test_the_national_name_sits_right_of_the_issuing_body_and_the_number_beside_the_date(long_pdf):
    assert_header_layout(long_pdf, issuer_word="ỦY")


def test_the_signature_block_is_beside_nơi_nhận_after_the_closing_on_the_last_page(long_pdf):
    assert_signature_beside_recipients(long_pdf, name_word="Dương")


# ---------------------------------------------------------------------------
# Bad input
# ---------------------------------------------------------------------------
HOSTILE = "<b>“Nháy” & 'đơn' </b> " + unicodedata.normalize("NFD", "Tập huấn nghiệp vụ")
EMOJI = "Chúc mừng 🎉 thành công"


@pytest.fixture
def hostile_plan(province):
    """A 250-character issuer, markup-like text, quotes, NFD letters, empty sections, 300 activities."""
    long_name = ("Trung tâm phát triển quỹ đất và hạ tầng khu công nghiệp " * 5)[:250]
    organization = Organization.objects.create(
        name=long_name, parent=province, level=OrganizationLevel.OTHER, abbreviation="TT",
        place_name="Cao Lãnh", header_parent_line="UBND TỈNH ĐỒNG THÁP",
    )  # fmt: skip
    plan = make_plan(organization, subject=HOSTILE, preamble=HOSTILE, closing=HOSTILE)
    Section.objects.create(plan=plan, order=1)
    Section.objects.create(plan=plan, order=2, heading="Nội dung", block=SectionBlock.ACTIVITIES)
    Section.objects.create(plan=plan, order=3, heading=HOSTILE, body=f"- {HOSTILE}\n+ **{HOSTILE}**")
    Section.objects.create(plan=plan, order=4, heading="Tổ chức thực hiện", block=SectionBlock.DUTIES)
    Section.objects.create(plan=plan, order=5, heading="Trống", block=SectionBlock.PARTICIPANTS)
    Duty.objects.create(plan=plan, order=1, body=HOSTILE)
    activities = [
        Activity(
            plan=plan, order=order, content=f"Hoạt động số {order} & <kiểm tra>",
            period_kind=PeriodKind.QUARTER, quarter=order % 4 + 1,
            implementers_text=f"Đơn vị {order}\nĐơn vị phối hợp",
        )
        for order in range(1, 301)
    ]  # fmt: skip
    Activity.objects.bulk_create(activities)
    Recipient.objects.create(plan=plan, order=1, text=HOSTILE)
    return plan


def test_hostile_text_is_escaped_in_the_html(hostile_plan):
    html = render_plan_html(build_plan_context(hostile_plan))
    assert "<b>“Nháy”" not in html
    assert "&lt;b&gt;“Nháy” &amp; &#x27;đơn&#x27; &lt;/b&gt; Tập huấn nghiệp vụ" in html
    assert "&lt;kiểm tra&gt;" in html


def test_the_document_loads_nothing_from_outside():
    html_sources = re.findall(r"(?:src|href)=", render_plan_html(minimal_context()))
    assert html_sources == []
    css = STYLESHEET_PATH.read_text(encoding="utf-8")
    # Only the project's own font files, beside the stylesheet.
    urls = re.findall(r"url\(([^)]*)\)", css)
    assert len(urls) == 4
    for url in urls:
        assert url.strip("\"'").startswith("../fonts/liberation/LiberationSerif-")
        assert (STYLESHEET_PATH.parent / url.strip("\"'")).is_file()
    assert "@import" not in css


def minimal_context() -> dict:
    return {
        "version": 1,
        "meta": {
            "plan_id": 1,
            "number": None,
            "symbol": "KH",
            "year": 2024,
            "date_year": 2024,
            "status": "draft",
        },
        "header": {
            "parent_line": "",
            "issuer_name": "CƠ QUAN",
            "national_name": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "motto": "Độc lập - Tự do - Hạnh phúc",
            "number_line": "Số: /KH",
            "date_line": "……, ngày tháng năm 2024",
        },
        "title": "KẾ HOẠCH",
        "subject": "Trích yếu",
        "legal_bases": [],
        "preamble": [],
        "body": [],
        "closing": [],
        "signature": {"lines": [], "position": "", "name": ""},
        "recipients": {"heading": "Nơi nhận:", "lines": []},
    }


def test_an_empty_document_still_renders_in_every_format():
    context = minimal_context()
    assert render_plan_pdf(context).startswith(b"%PDF")
    assert docx_text(render_plan_docx(context)).startswith("CƠ QUAN")


def test_hostile_input_renders_a_pdf_whose_layout_holds(hostile_plan):
    content = render_plan_pdf(build_plan_context(hostile_plan))
    with open_pdf(content) as pdf:
        pages = [(page.extract_words(), page.extract_text(use_text_flow=True)) for page in pdf.pages]
    assert len(pages) > 5
    first_page = pages[0][0]
    national = find_word(first_page, "CỘNG")
    column_edge = LEFT_MARGIN + 63 * MM
    name_words = [
        word
        for word in first_page
        if word["top"] < find_word(first_page, "Số:")["top"] and word["x0"] < column_edge
    ]
    assert name_words, "the issuing body is printed"
    assert max(word["x1"] for word in name_words) <= column_edge + 1
    assert national["x0"] >= column_edge - 1
    table_pages = [text for _words, text in pages if "Hoạt động số" in text]
    assert len(table_pages) > 3
    assert all("Nội dung công việc" in text for text in table_pages), "the header row repeats on every page"
    full_text = unicodedata.normalize("NFC", "\n".join(text for _words, text in pages))
    assert "<b>“Nháy” & 'đơn' </b>" in full_text
    assert "Tập huấn nghiệp vụ" in full_text
    assert "Hoạt động số 300 & <kiểm tra>" in full_text


def test_hostile_input_renders_a_docx_that_opens_again(hostile_plan):
    text = docx_text(render_plan_docx(build_plan_context(hostile_plan)))
    assert "<b>“Nháy” & 'đơn' </b> Tập huấn nghiệp vụ" in text
    assert "Hoạt động số 300 & <kiểm tra>" in text


def test_an_emoji_without_a_font_for_it_prints_a_blank_glyph_and_breaks_nothing(district):
    plain, with_emoji = long_plan(district, paragraphs=3), long_plan(district, paragraphs=3)
    Section.objects.filter(plan=with_emoji).update(body=EMOJI)
    Section.objects.filter(plan=plain).update(body=EMOJI.replace("🎉", "x"))
    with (
        open_pdf(render_plan_pdf(build_plan_context(with_emoji))) as pdf,
        open_pdf(render_plan_pdf(build_plan_context(plain))) as reference,
    ):
        assert len(pdf.pages) == len(reference.pages)
        italic = [word["text"] for word in pdf.pages[0].extract_words() if word["top"] < 150]
        assert "ngày" in italic  # the page is laid out as usual
    assert EMOJI in docx_text(render_plan_docx(build_plan_context(with_emoji)))


def test_a_long_issuing_body_name_is_balanced_over_lines_that_fit_the_column():
    assert balanced_lines("ỦY BAN NHÂN DÂN XÃ TÂN LẬP", 13, 61.5) == ("ỦY BAN NHÂN DÂN", "XÃ TÂN LẬP")
    assert balanced_lines("SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH LÀO CAI", 13, 61.5) == (
        "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
        "TỈNH LÀO CAI",
    )
    assert balanced_lines("CỤM THI ĐUA 2", 13, 61.5) == ("CỤM THI ĐUA 2",)


# ---------------------------------------------------------------------------
# The DOCX
# ---------------------------------------------------------------------------
@pytest.fixture
def long_docx(district):
    return docx.Document(io.BytesIO(render_plan_docx(build_plan_context(long_plan(district)))))


def test_the_docx_is_a4_with_the_nd30_margins_and_times_new_roman(long_docx):
    section = long_docx.sections[0]
    assert (section.page_width.mm, section.page_height.mm) == pytest.approx((210, 297), abs=0.1)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [margin.mm for margin in margins] == pytest.approx([20, 20, 30, 15], abs=0.1)
    normal = long_docx.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size == Pt(14)
    fonts = normal.element.rPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}rFonts")
    assert set(fonts.attrib.values()) == {"Times New Roman"}


def test_the_docx_numbers_pages_from_page_two_at_the_top_centre(long_docx):
    section = long_docx.sections[0]
    assert section.different_first_page_header_footer is True
    assert [paragraph.text for paragraph in section.first_page_header.paragraphs] == [""]
    header = section.header.paragraphs[0]
    assert header.alignment == 1  # centre
    assert "PAGE" in header._p.xml
    assert 'w:fldCharType="begin"' in header._p.xml


def test_the_docx_header_and_footer_are_borderless_two_column_tables(long_docx):
    header_table, footer_table = long_docx.tables[0], long_docx.tables[-1]
    for table in (header_table, footer_table):
        assert [cell.width.mm for cell in table.rows[0].cells] == pytest.approx([63, 102], abs=0.1)
        assert 'w:val="nil"' in table._tbl.tblPr.xml
    assert (
        header_table.rows[0]
        .cells[1]
        .text.startswith("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc")
    )
    assert header_table.rows[1].cells[0].text.startswith("Số:")
    recipients, signature = footer_table.rows[0].cells
    heading = recipients.paragraphs[0].runs[0]
    assert (heading.text, heading.font.size, heading.font.bold, heading.font.italic) == (
        "Nơi nhận:",
        Pt(12),
        True,
        True,
    )
    assert recipients.paragraphs[1].runs[0].font.size == Pt(11)
    assert recipients.paragraphs[-1].text == "- Lưu: VT, VP."
    assert signature.paragraphs[0].text == "TM. ỦY BAN NHÂN DÂN"
    assert signature.paragraphs[-1].runs[0].font.bold is True


def test_the_docx_body_is_justified_with_a_first_line_indent_and_space_between_paragraphs(long_docx):
    body = next(paragraph for paragraph in long_docx.paragraphs if paragraph.text.startswith("Đoạn số 3 "))
    fmt = body.paragraph_format
    assert (fmt.alignment, fmt.space_after) == (3, Pt(6))  # justified, 6 pt after
    assert fmt.first_line_indent.mm == pytest.approx(10, abs=0.1)
    closing = next(paragraph for paragraph in long_docx.paragraphs if paragraph.text.endswith("./."))
    assert closing.paragraph_format.keep_with_next is True


# ---------------------------------------------------------------------------
# File names and the command
# ---------------------------------------------------------------------------
def test_file_names_are_ascii_slugs_of_symbol_year_and_subject(cluster, district):
    plan = Plan.objects.create(
        cluster=cluster, kind="study_trip", year=2024, date_year=2024, date_month=7,
        subject="Giao lưu, học tập kinh nghiệm về công tác thi đua, khen thưởng năm 2024",
    )  # fmt: skip
    assert document_filename(plan, "pdf") == "KH-CTD-2024-giao-luu-hoc-tap.pdf"
    assert document_filename(build_plan_context(plan), "docx") == "KH-CTD-2024-giao-luu-hoc-tap.docx"
    issued = make_plan(district, number=5, date_day=5, subject="Đẩy mạnh phong trào “Thi đua” năm 2024")
    assert document_filename(issued, ".pdf") == "05-KH-UBND-2024-day-manh-phong-trao.pdf"


def test_the_render_plan_command_writes_the_file(district, tmp_path):
    plan = long_plan(district, paragraphs=2)
    for fmt, magic in (("pdf", b"%PDF"), ("docx", b"PK"), ("html", b"<!DOCTYPE html>")):
        output = tmp_path / f"plan.{fmt}"
        call_command(
            "render_plan", str(plan.pk), "--format", fmt, "--output", str(output), stdout=io.StringIO()
        )
        assert output.read_bytes().lstrip().startswith(magic)


def test_the_render_plan_command_explains_an_unknown_plan_in_vietnamese():
    with pytest.raises(CommandError, match="Không tìm thấy kế hoạch có mã 999999"):
        call_command("render_plan", "999999", "--format", "pdf", stdout=io.StringIO())
