"""Tables, figures and appendices in the document pipeline: HTML, PDF and DOCX agree, and bad input
renders as text, never as markup or an error."""

import base64
import copy
import io
import re
import unicodedata

import docx
import pdfplumber
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH

from plans.documents.docx import render_plan_docx
from plans.documents.filenames import appendix_filename
from plans.documents.html import render_plan_html
from plans.documents.pdf import render_plan_pdf
from plans.documents.render import render_appendix, render_document
from tests.plans.test_rendering import (
    A4,
    LEFT_MARGIN,
    MM,
    RIGHT_MARGIN,
    TOP_MARGIN,
    assert_a4_with_embedded_fonts,
    minimal_context,
)

W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CENTRE = (LEFT_MARGIN + A4[0] - RIGHT_MARGIN) / 2

CHART = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 160" role="img">'
    "<title>Hoàn thành theo quý</title>"
    '<rect x="40" y="20" width="60" height="100" fill="#444"/>'
    '<text x="40" y="150" font-family="Liberation Serif" font-size="16">Quý IV</text>'
    "</svg>"
)


def table_item(count: int = 3, **extra) -> dict:
    return {
        "kind": "table",
        "columns": ["TT", "Đơn vị", "Kế hoạch", "Hoàn thành"],
        "rows": [[str(index), f"Đơn vị số {index}", "10", f"{index}"] for index in range(1, count + 1)],
        "widths_mm": None,
        "align": ["center", "left", "right", "right"],
        "total": ["", "Tổng cộng", str(10 * count), "6"],
        "caption": "Bảng 1. Kết quả theo đơn vị",
        **extra,
    }


def figure_item(svg: str = CHART) -> dict:
    return {
        "kind": "figure",
        "svg": svg,
        "caption": "Biểu đồ 1. Hoàn thành theo quý",
        "table": {
            "kind": "table",
            "columns": ["Quý", "Kế hoạch", "Hoàn thành"],
            "rows": [["Quý I", "3", "3"], ["Quý IV", "3", "1"]],
            "widths_mm": None,
            "align": None,
            "total": None,
            "caption": None,
        },
    }


def context_with(*items) -> dict:
    context = minimal_context()
    context["body"] = [
        {"type": "paragraph", "kind": "paragraph", "marker": "", "runs": [run("Kết quả như sau:")]},
        *items,
    ]
    context["closing"] = [{"kind": "paragraph", "marker": "", "runs": [run("Trên đây là báo cáo./.")]}]
    return context


def run(text: str) -> dict:
    return {"text": text, "bold": False, "italic": False}


def appendix(rows: int = 4, **extra) -> dict:
    return {
        "label": "Phụ lục",
        "title": "Danh sách người tham gia đoàn",
        "subtitle": "(Kèm theo Kế hoạch số 05/KH-CTĐ ngày 05 tháng 7 năm 2024 của Cụm thi đua 2)",
        "body": [
            {"kind": "note", "text": "Số CCCD chỉ hiện 4 chữ số cuối."},
            {
                "kind": "table",
                "columns": ["TT", "Họ và tên", "Chức vụ", "Số CCCD"],
                "rows": [
                    [str(index), f"Người số {index}", "Chuyên viên", f"********{index:04d}"]
                    for index in range(1, rows + 1)
                ],
                "widths_mm": [12, 60, 55, 38],
                "align": ["center", "left", "left", "center"],
                "total": None,
                "caption": None,
            },
        ],
        "meta": {"symbol": "KH-CTĐ", "year": 2024, "plan_id": 7},
        **extra,
    }


def pdf_pages(content: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        return [unicodedata.normalize("NFC", page.extract_text() or "") for page in pdf.pages]


def open_docx(content: bytes):
    return docx.Document(io.BytesIO(content))


def table_texts(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


# ---------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------
def test_the_html_shows_the_tables_caption_cells_and_bold_total_and_the_figure_as_an_svg_picture():
    html = render_plan_html(context_with(table_item(), figure_item()))
    assert "<caption>Bảng 1. Kết quả theo đơn vị</caption>" in html
    assert re.search(r"<th>TT</th><th>Đơn vị</th><th>Kế hoạch</th><th>Hoàn thành</th>", html)
    assert '<td class="al-center">2</td><td class="al-left">Đơn vị số 2</td>' in html
    assert re.search(r'<tr class="total">.*Tổng cộng.*30', html)
    [source] = re.findall(
        r'<img src="data:image/svg\+xml;base64,([^"]+)" alt="Biểu đồ 1\. Hoàn thành theo quý">', html
    )
    assert base64.b64decode(source).decode() == CHART
    assert "<figcaption>Biểu đồ 1. Hoàn thành theo quý</figcaption>" in html
    # The preview's CSP forbids inline styles and scripts: widths come as classes.
    assert "style=" not in html
    assert "<script" not in html
    assert len(re.findall(r'<col class="w\d+">', html)) == 4


def test_given_widths_are_kept_in_proportion_over_the_text_width_in_html_and_docx():
    item = table_item(widths_mm=[10, 50, 52.5, 52.5])
    html = render_plan_html(context_with(item))
    assert re.findall(r'<col class="(w\d+)">', html) == ["w6", "w30", "w32", "w32"]
    [table] = [
        table for table in open_docx(render_plan_docx(context_with(item))).tables if len(table.columns) == 4
    ]
    assert [cell.width.mm for cell in table.rows[0].cells] == pytest.approx([10, 50, 52.5, 52.5], abs=0.1)


def test_cells_captions_and_svg_are_escaped_and_cannot_break_out_of_their_place():
    hostile = '<b>A & B</b> "trích"'
    item = table_item(caption=hostile, columns=[hostile, "x"], rows=[[hostile, "<script>alert(1)</script>"]])
    figure = figure_item('<svg xmlns="http://www.w3.org/2000/svg"><text>"></svg><script>x</script></svg>')
    figure["caption"] = hostile
    html = render_plan_html(context_with(item, figure))
    assert "<b>A" not in html
    assert "<script" not in html
    assert "&lt;b&gt;A &amp; B&lt;/b&gt; &quot;trích&quot;" in html
    assert 'alt="&lt;b&gt;A &amp; B&lt;/b&gt; &quot;trích&quot;"' in html


@pytest.mark.parametrize(
    "svg", ['<img src="x" onerror="alert(1)">', "<svgx onload='alert(1)'>", "Biểu đồ <svg></svg>", None, ""]
)
def test_a_figure_whose_svg_is_not_an_svg_document_shows_its_table_instead(svg):
    html = render_plan_html(context_with(figure_item(svg=svg)))
    assert "<img" not in html
    assert "<caption>Biểu đồ 1. Hoàn thành theo quý</caption>" in html
    assert '<td class="al-left">Quý IV</td>' in html


# ---------------------------------------------------------------------------
# PDF
# ---------------------------------------------------------------------------
def test_the_pdf_prints_the_caption_then_the_cells_row_by_row_and_draws_the_figure():
    pages = pdf_pages(render_plan_pdf(context_with(table_item(), figure_item())))
    text = "\n".join(pages)
    expected = [
        "Bảng 1. Kết quả theo đơn vị",
        "TT Đơn vị Kế hoạch Hoàn thành",
        "1 Đơn vị số 1 10 1",
        "2 Đơn vị số 2 10 2",
        "3 Đơn vị số 3 10 3",
        "Tổng cộng 30 6",
        "Biểu đồ 1. Hoàn thành theo quý",
        "Quý IV",  # drawn from the SVG, as text
    ]
    positions = [text.find(line) for line in expected]
    assert -1 not in positions, dict(zip(expected, positions, strict=True))
    assert positions == sorted(positions)


def test_the_header_row_of_a_long_table_repeats_on_the_next_page():
    pages = pdf_pages(render_plan_pdf(context_with(table_item(count=90))))
    table_pages = [page for page in pages if "Đơn vị số" in page]
    assert len(table_pages) >= 2
    second = table_pages[1].splitlines()
    assert second[0] == "2"  # the page number, then the header row before any data row
    assert second[1] == "TT Đơn vị Kế hoạch Hoàn thành"
    assert "Tổng cộng 900 6" in pages[-1] or "Tổng cộng 900 6" in table_pages[-1]


def test_render_document_caches_a_context_with_tables_and_figures():
    context = context_with(table_item(), figure_item())
    first = render_document(context, "html")
    assert first == render_document(copy.deepcopy(context), "html")
    assert b"data:image/svg+xml;base64," in first


# ---------------------------------------------------------------------------
# DOCX
# ---------------------------------------------------------------------------
def test_the_docx_has_the_table_with_a_repeated_header_row_aligned_cells_and_a_bold_total():
    document = open_docx(render_plan_docx(context_with(table_item())))
    [table] = [table for table in document.tables if table.rows[0].cells[0].text == "TT"]
    assert table_texts(table) == [
        ["TT", "Đơn vị", "Kế hoạch", "Hoàn thành"],
        ["1", "Đơn vị số 1", "10", "1"],
        ["2", "Đơn vị số 2", "10", "2"],
        ["3", "Đơn vị số 3", "10", "3"],
        ["", "Tổng cộng", "30", "6"],
    ]
    assert table.rows[0]._tr.trPr.find(f"{W_NS}tblHeader") is not None
    assert sum(cell.width.mm for cell in table.rows[0].cells) == pytest.approx(165, abs=0.2)
    number = table.rows[1].cells[2].paragraphs[0]
    assert number.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert number.runs[0].font.size.pt == 13
    assert all(cell.paragraphs[0].runs[0].font.bold for cell in table.rows[-1].cells[1:])
    assert not table.rows[1].cells[1].paragraphs[0].runs[0].font.bold
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    caption = document.paragraphs[paragraphs.index("Bảng 1. Kết quả theo đơn vị")]
    assert caption.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert caption.runs[0].font.bold


def test_the_docx_shows_the_figure_as_a_picture_under_its_caption():
    document = open_docx(render_plan_docx(context_with(figure_item())))
    (picture,) = document.inline_shapes
    assert round(picture.width.mm) == 165
    assert not [table for table in document.tables if table.rows[0].cells[0].text == "Quý"]
    body = list(document.element.body.iterchildren())
    caption = next(
        paragraph for paragraph in document.paragraphs if paragraph.text == "Biểu đồ 1. Hoàn thành theo quý"
    )
    assert body[body.index(caption._p) + 1].xpath(".//pic:pic")


@pytest.mark.parametrize(
    "svg",
    [
        "Biểu đồ <svg></svg>",
        '<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/passwd"/><text>',
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><image href="http://example.com/x.png"/>',
    ],
)
def test_a_figure_word_cannot_draw_or_that_would_fetch_shows_its_table_under_its_caption(svg):
    document = open_docx(render_plan_docx(context_with(figure_item(svg=svg))))
    assert not document.inline_shapes
    [table] = [table for table in document.tables if table.rows[0].cells[0].text == "Quý"]
    assert table_texts(table) == [
        ["Quý", "Kế hoạch", "Hoàn thành"],
        ["Quý I", "3", "3"],
        ["Quý IV", "3", "1"],
    ]
    body = list(document.element.body.iterchildren())
    caption = next(
        paragraph for paragraph in document.paragraphs if paragraph.text == "Biểu đồ 1. Hoàn thành theo quý"
    )
    assert body.index(caption._p) + 1 == body.index(table._tbl)


def test_the_docx_keeps_escaped_characters_as_typed():
    hostile = '<b>A & B</b> "trích"'
    document = open_docx(render_plan_docx(context_with(table_item(count=1, columns=[hostile], total=None))))
    [table] = [table for table in document.tables if table.rows[0].cells[0].text == hostile]
    assert table_texts(table)[1][:1] == ["1"]


# ---------------------------------------------------------------------------
# Bad input never breaks a document
# ---------------------------------------------------------------------------
GARBAGE_ITEMS = [
    {"kind": "table", "columns": [], "rows": []},
    {"kind": "table", "rows": [["a", None, 3], [], ["x\x00y\x07", 4.5]], "widths_mm": ["abc", -1, None]},
    {"kind": "table", "columns": ["A", "B"], "rows": [["1", "2", "3", "4"]], "align": ["justify", None]},
    {"kind": "table", "columns": ["Một", "Hai"], "rows": [], "total": ["Tổng"], "caption": None},
    {"kind": "figure", "svg": None, "caption": None},
    {"kind": "figure", "svg": "<svg", "caption": "Hỏng", "table": "không phải bảng"},
    {"kind": "note", "text": None},
    {"kind": "note", "text": "Dòng một\n\nDòng hai"},
]


@pytest.mark.parametrize("fmt", ["html", "pdf", "docx"])
def test_ragged_empty_or_garbage_items_still_render_in_every_format(fmt):
    context = context_with(*GARBAGE_ITEMS)
    content = render_document(context, fmt)
    assert content.startswith({"html": b"<!DOCTYPE html>", "pdf": b"%PDF", "docx": b"PK"}[fmt])
    text = pdf_pages(content) if fmt == "pdf" else None
    if fmt == "html":
        assert "Dòng hai" in content.decode()
    if text is not None:
        assert "Dòng hai" in "\n".join(text)
        assert "xy" in "\n".join(text)  # control characters dropped, the rest kept


def test_a_body_ending_with_a_table_renders_in_every_format():
    context = context_with(table_item())
    context["closing"] = []
    assert render_plan_pdf(context).startswith(b"%PDF")
    assert render_plan_docx(context).startswith(b"PK")


# ---------------------------------------------------------------------------
# Appendices
# ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def appendix_pdf():
    return render_appendix(appendix(rows=60), "pdf")


def test_the_appendix_pdf_opens_with_label_title_and_subtitle_centred_and_a_rule(appendix_pdf):
    with pdfplumber.open(io.BytesIO(appendix_pdf)) as pdf:
        page = pdf.pages[0]
        words = page.extract_words(extra_attrs=["fontname", "size"])
        lines = page.lines + [rect for rect in page.rects if rect["height"] < 2]

    def line_of(first: str) -> list[dict]:
        start = next(word for word in words if word["text"] == first)
        return [word for word in words if abs(word["top"] - start["top"]) < 2]

    label, title, subtitle = line_of("Phụ"), line_of("DANH"), line_of("(Kèm")
    assert " ".join(word["text"] for word in label) == "Phụ lục"
    assert " ".join(word["text"] for word in title) == "DANH SÁCH NGƯỜI THAM GIA ĐOÀN"
    assert label[0]["top"] < title[0]["top"] < subtitle[0]["top"]
    for line in (label, title, subtitle):
        centre = (min(word["x0"] for word in line) + max(word["x1"] for word in line)) / 2
        assert centre == pytest.approx(CENTRE, abs=3)
        assert line[0]["size"] == pytest.approx(14, abs=0.5)
    assert "Bold" in label[0]["fontname"]
    assert "Bold" in title[0]["fontname"]
    assert "Italic" in subtitle[0]["fontname"]
    assert "Bold" not in subtitle[0]["fontname"]
    last_subtitle_line = max(word["bottom"] for word in words if word["text"].endswith("2)"))
    rules = [
        line for line in lines if line["top"] > last_subtitle_line and line["top"] < last_subtitle_line + 15
    ]
    assert rules, "a short rule under the subtitle"
    [rule] = rules
    assert (rule["x0"] + rule["x1"]) / 2 == pytest.approx(CENTRE, abs=3)
    assert 15 * MM < rule["x1"] - rule["x0"] < 90 * MM
    assert not [word for word in words if word["top"] < TOP_MARGIN], "no page number on page 1"


def test_the_appendix_pdf_is_a4_with_fonts_embedded_and_numbers_its_own_pages(appendix_pdf):
    with pdfplumber.open(io.BytesIO(appendix_pdf)) as pdf:
        assert len(pdf.pages) >= 2
        assert_a4_with_embedded_fonts(pdf)
        [number] = [word for word in pdf.pages[1].extract_words() if word["top"] < TOP_MARGIN]
        second_page = pdf.pages[1].extract_text()
    assert number["text"] == "2"
    assert (number["x0"] + number["x1"]) / 2 == pytest.approx(CENTRE, abs=3)
    assert "TT Họ và tên Chức vụ Số CCCD" in second_page


def test_the_appendix_docx_has_its_heading_lines_and_table():
    document = open_docx(render_appendix(appendix(), "docx"))
    label, title, subtitle = document.paragraphs[:3]
    assert (label.text, title.text) == ("Phụ lục", "DANH SÁCH NGƯỜI THAM GIA ĐOÀN")
    assert subtitle.text.replace("\n", " ") == appendix()["subtitle"]
    for paragraph in (label, title, subtitle):
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert paragraph.runs[0].font.size.pt == 14
    assert label.runs[0].font.bold
    assert title.runs[0].font.bold
    assert subtitle.runs[0].font.italic
    assert not subtitle.runs[0].font.bold
    [table] = document.tables
    assert table_texts(table)[1] == ["1", "Người số 1", "Chuyên viên", "********0001"]
    section = document.sections[0]
    assert (section.page_width.mm, section.page_height.mm) == pytest.approx((210, 297), abs=0.1)
    assert section.different_first_page_header_footer is True
    assert "PAGE" in section.header.paragraphs[0]._p.xml


def test_the_appendix_html_is_a_standalone_page_with_its_title_in_upper_case():
    html = render_appendix(appendix(), "html", stylesheet_url="/static/plans/document.css").decode()
    assert "<title>Phụ lục – DANH SÁCH NGƯỜI THAM GIA ĐOÀN</title>" in html
    assert '<p class="appendix-label">Phụ lục</p>' in html
    assert '<link rel="stylesheet" href="/static/plans/document.css">' in html
    assert "Nơi nhận" not in html
    assert "style=" not in html


def test_appendix_file_names_are_ascii_and_say_which_appendix_of_which_plan():
    assert appendix_filename(appendix(), "pdf") == "PL-KH-CTD-2024-danh-sach-nguoi-tham.pdf"
    second = appendix(label="Phụ lục II", meta={"symbol": "KH-CTĐ", "year": 2024, "number": 5})
    assert appendix_filename(second, ".docx") == "PL-II-05-KH-CTD-2024-danh-sach-nguoi-tham.docx"


def test_an_unknown_format_is_refused_with_a_clear_message():
    with pytest.raises(ValueError, match="Định dạng không hỗ trợ: odt"):
        render_appendix(appendix(), "odt")


@pytest.mark.parametrize("fmt", ["html", "pdf", "docx"])
def test_an_empty_appendix_still_renders(fmt):
    assert render_appendix({"body": None, "label": None}, fmt)
