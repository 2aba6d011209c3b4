"""A document context as a Word file (python-docx), laid out as the PDF is: the two-column header,
the title and subject, the body with its tables, the recipients beside the signature."""

import io

from cairosvg.surface import PNGSurface
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from plans.documents.docx_layout import (
    INDENT,
    add_runs,
    cell_lines,
    format_paragraph,
    row_flags,
    rule,
    setup_document,
    spacer,
    table_properties,
    text_cell,
    text_line,
)
from plans.documents.fonts import text_width_mm
from plans.documents.layout import (
    LEFT_COLUMN_MM,
    RIGHT_COLUMN_MM,
    SUBJECT_WIDTH_MM,
    TEXT_WIDTH_MM,
    appendix_heading,
    cell_text,
    fit,
    footer_rows,
    header_columns,
    issuer_lines,
    item_kind,
    kept_phrases,
    standalone_svg,
    subject_lines,
    table_alignments,
    table_columns,
    table_widths_mm,
)

NO_PICTURE_IN_DOCX = "(Hình vẽ chỉ có trong bản PDF.)"


def _header(document, header: dict, kept: tuple[str, ...] = ()) -> None:
    columns = header_columns(header, kept)
    left_mm, right_mm = columns["left_mm"], columns["right_mm"]
    table = document.add_table(rows=2, cols=2)
    table_properties(table, borders=False, widths_mm=[left_mm, right_mm])
    left, right = table.rows[0].cells
    left.paragraphs[0]._p.getparent().remove(left.paragraphs[0]._p)
    right.paragraphs[0]._p.getparent().remove(right.paragraphs[0]._p)
    if header["parent_line"]:
        text_line(left, header["parent_line"], size=13)
    lines = issuer_lines(header, kept)
    text_line(left, "\n".join(lines), size=13, bold=True)
    name_width = min(max(text_width_mm(line, 13, bold=True) for line in lines), left_mm)
    rule(left, max(name_width * 0.4, 12), left_mm, gap_pt=4)
    # Ordinary spaces (a search finds them): in Times New Roman both fit the column on one line.
    text_line(right, header["national_name"], size=columns["national_size"], bold=True)
    text_line(right, header["motto"], size=14, bold=True)
    rule(right, text_width_mm(header["motto"], 14, bold=True), right_mm, gap_pt=2)
    number_cell, date_cell = table.rows[1].cells
    for cell in (number_cell, date_cell):
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    text_line(number_cell, header["number_line"], size=13).paragraph_format.space_before = Pt(6)
    date_size = 13 if columns["long_date"] else 14
    text_line(date_cell, header["date_line"], size=date_size, italic=True).paragraph_format.space_before = Pt(
        6
    )


def _paragraph(document, item: dict, *, keep_next: bool = False, phrases=()) -> None:
    paragraph = document.add_paragraph()
    indent = Mm(15) if item["kind"] == "sub_bullet" else INDENT
    format_paragraph(paragraph, indent=indent, keep_next=keep_next)
    runs = item["runs"]
    if item["marker"]:
        runs = [{"text": f"{item['marker']} ", "bold": False, "italic": False}, *runs]
    add_runs(paragraph, runs, phrases=phrases)


def _heading(document, item: dict, phrases=()) -> None:
    paragraph = document.add_paragraph()
    format_paragraph(paragraph, keep_next=True, before=6 if item["level"] == 1 else 0)
    title = " ".join(part for part in (item["number"], item["text"]) if part)
    add_runs(paragraph, [{"text": title, "bold": item["bold"], "italic": item["italic"]}], phrases=phrases)
    add_runs(paragraph, item["runs"], phrases=phrases)


def _activities(document, item: dict, phrases=()) -> None:
    # The time column (contexts frozen before it existed have none) takes its width from the content.
    time = item.get("time", False)
    widths = [12.0, TEXT_WIDTH_MM - 12 - 55 - (35 if time else 0), *([35.0] if time else []), 55.0]
    rows = 1 + sum(bool(group["label"]) + len(group["rows"]) for group in item["groups"])
    table = document.add_table(rows=rows, cols=len(widths))
    table_properties(table, borders=True, widths_mm=widths)
    header_row = table.rows[0]
    for cell, column in zip(header_row.cells, item["columns"], strict=True):
        text_cell(cell, column, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    row_flags(header_row, header=True)
    index = 1
    for group in item["groups"]:
        if group["label"]:
            row = table.rows[index]
            merged = row.cells[1].merge(row.cells[-1])
            text_cell(row.cells[0], "")
            text_cell(merged, group["label"], bold=True, phrases=phrases)
            row_flags(row, keep_next=True)
            index += 1
        for entry in group["rows"]:
            row = table.rows[index]
            row_flags(row)
            text_cell(row.cells[0], entry["number"], align=WD_ALIGN_PARAGRAPH.CENTER)
            cell_lines(row.cells[1], entry["content"], phrases=phrases)
            if time:
                text_cell(row.cells[2], entry.get("time", ""), phrases=phrases)
            cell_lines(row.cells[-1], entry["units"], phrases=phrases)
            index += 1
    spacer(document)


def _budget(document, item: dict) -> None:
    widths = [TEXT_WIDTH_MM - 20 - 22 - 30 - 30, 20.0, 22.0, 30.0, 30.0]
    table = document.add_table(rows=len(item["rows"]) + 2, cols=5)
    table_properties(table, borders=True, widths_mm=widths)
    for cell, column in zip(table.rows[0].cells, item["columns"], strict=True):
        text_cell(cell, column, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    row_flags(table.rows[0], header=True)
    right = WD_ALIGN_PARAGRAPH.RIGHT
    for row, entry in zip(table.rows[1:], item["rows"], strict=False):
        row_flags(row)
        text_cell(row.cells[0], entry["item"])
        text_cell(row.cells[1], entry["quantity"], align=right)
        text_cell(row.cells[2], entry["unit"])
        text_cell(row.cells[3], entry["unit_price"], align=right)
        text_cell(row.cells[4], entry["amount"], align=right)
    total_row = table.rows[-1]
    row_flags(total_row)
    label = total_row.cells[0].merge(total_row.cells[3])
    text_cell(label, item["total_label"], bold=True)
    text_cell(total_row.cells[4], item["total"], bold=True, align=right)
    spacer(document)


_DOCX_ALIGNMENTS = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}


def _text_lines(value) -> list[dict]:
    return [
        {"marker": "", "runs": [{"text": line, "bold": False, "italic": False}]}
        for line in cell_text(value).split("\n")
    ]


def _caption(document, caption: str) -> None:
    if caption:
        paragraph = text_line(document, caption, size=14, bold=True)
        paragraph.paragraph_format.keep_with_next = True
        paragraph.paragraph_format.space_after = Pt(3)


def _data_table(document, table: dict, *, caption: str | None = None, phrases=()) -> None:
    """A {"kind": "table"} item: bold centred caption, header row repeated on each page, bold total."""
    count = table_columns(table)
    if not count:
        return
    _caption(document, cell_text(table.get("caption")).strip() if caption is None else caption)
    columns, rows, total = table.get("columns") or [], table.get("rows") or [], table.get("total")
    entries = [*rows, *([total] if total else [])]
    docx_table = document.add_table(rows=len(entries) + (1 if columns else 0), cols=count)
    table_properties(docx_table, borders=True, widths_mm=table_widths_mm(table))
    table_rows = list(docx_table.rows)
    if columns:
        header_row = table_rows.pop(0)
        for cell, text in zip(header_row.cells, fit(columns, count), strict=True):
            cell_lines(cell, _text_lines(text), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        row_flags(header_row, header=True)
    alignments = [_DOCX_ALIGNMENTS[value] for value in table_alignments(table)]
    for index, (row, entry) in enumerate(zip(table_rows, entries, strict=True)):
        row_flags(row)
        bold = bool(total) and index == len(entries) - 1
        for cell, text, align in zip(row.cells, fit(entry, count), alignments, strict=True):
            cell_lines(cell, _text_lines(text), bold=bold, align=align, phrases=phrases)
    spacer(document)


def _figure(document, item: dict, phrases=()) -> None:
    """The figure's caption, then its SVG drawn as a picture the text's width (as the PDF shows it);
    without an SVG, its data as a table."""
    caption = cell_text(item.get("caption")).strip()
    if (picture := _svg_picture(item.get("svg"))) is not None:
        _caption(document, caption)
        document.add_picture(io.BytesIO(picture), width=Mm(TEXT_WIDTH_MM))
        document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        return
    fallback = item.get("table")
    if isinstance(fallback, dict) and table_columns(fallback):
        _data_table(document, fallback, caption=caption, phrases=phrases)
        return
    _caption(document, caption)
    _note(document, {"text": NO_PICTURE_IN_DOCX})


def _refuse_fetch(url, *args, **kwargs):
    raise ValueError(f"a figure may not fetch {url}")


def _svg_picture(svg) -> bytes | None:
    """The SVG drawn as a PNG; None when it is not an SVG document or cannot be drawn. It may fetch
    nothing (no file, no address): a figure is drawn from what it holds."""
    svg = standalone_svg(svg)
    if svg is None:
        return None
    try:
        return PNGSurface.convert(bytestring=svg.encode("utf-8"), dpi=150, scale=2, url_fetcher=_refuse_fetch)
    except Exception:
        return None


def _note(document, item: dict, phrases=()) -> None:
    for line in cell_text(item.get("text")).split("\n"):
        if line.strip():
            runs = [{"text": line.strip(), "bold": False, "italic": False}]
            _paragraph(document, {"kind": "paragraph", "marker": "", "runs": runs}, phrases=phrases)


def _item(document, item: dict, phrases=()) -> None:
    """One body item; `phrases`: the compounds the administrator marks as unbreakable."""
    kind = item_kind(item)
    if kind == "heading":
        _heading(document, item, phrases)
    elif kind == "paragraph":
        _paragraph(document, item, phrases=phrases)
    elif kind == "note":
        _note(document, item, phrases)
    elif kind == "table":
        _data_table(document, item, phrases=phrases)
    elif kind == "figure":
        _figure(document, item, phrases)
    elif kind == "activities":
        _activities(document, item, phrases)
    elif kind == "budget":
        _budget(document, item)
    elif kind == "signatures":
        _signatures(document, item)


def _signature_cell(cell, signer: dict) -> None:
    """One signature block: its bold lines, room to sign, the position and the name."""
    cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    for text in signer.get("lines") or []:
        text_line(cell, cell_text(text), size=14, bold=True)
    space = text_line(cell, "", size=14)
    space.paragraph_format.line_spacing = Mm(25)
    if signer.get("position"):
        text_line(cell, cell_text(signer["position"]), size=14, bold=True)
    text_line(cell, cell_text(signer.get("name")), size=14, bold=True)


def _signatures(document, item: dict) -> None:
    """Signature blocks two to a row, without rules (a compact signed by every member unit)."""
    signers = list(item.get("signers") or [])
    if not signers:
        return
    table = document.add_table(rows=(len(signers) + 1) // 2, cols=2)
    half = TEXT_WIDTH_MM / 2
    table_properties(table, borders=False, widths_mm=[half, half])
    for index, row in enumerate(table.rows):
        row_flags(row)
        for cell, signer in zip(row.cells, signers[index * 2 : index * 2 + 2], strict=False):
            _signature_cell(cell, signer)
    spacer(document)


def _recipients_cell(cell, recipients: dict, *, below_signatures: bool) -> None:
    """ "Nơi nhận:" and its lines, smaller, each hanging after its dash."""
    cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    if not recipients["lines"]:
        text_line(cell, "", size=11)
        return
    heading = text_line(cell, recipients["heading"], size=12, bold=True, italic=True)
    heading.alignment = WD_ALIGN_PARAGRAPH.LEFT
    heading.paragraph_format.space_before = Pt(12 if below_signatures else 2)
    for text in recipients["lines"]:
        paragraph = text_line(cell, text, size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
        paragraph.paragraph_format.left_indent = Mm(2.5)
        paragraph.paragraph_format.first_line_indent = Mm(-2.5)


def _footer(document, context: dict) -> None:
    """The rows of plans.documents.layout.footer_rows, in the header's two columns, kept together."""
    rows = footer_rows(context)
    table = document.add_table(rows=len(rows), cols=2)
    table_properties(table, borders=False, widths_mm=[LEFT_COLUMN_MM, RIGHT_COLUMN_MM])
    for index, (row, cells) in enumerate(zip(table.rows, rows, strict=True)):
        for cell, content in zip(row.cells, cells, strict=True):
            if content["kind"] == "signer":
                _signature_cell(cell, content["signer"])
            elif content["kind"] == "recipients":
                _recipients_cell(cell, context["recipients"], below_signatures=index > 0)
        row_flags(row, keep_next=index < len(rows) - 1)


def render_plan_docx(context: dict) -> bytes:
    document = Document()
    setup_document(
        document,
        title=f"{context['title'].capitalize()} {context['subject']}",
        author=context["header"]["issuer_name"],
        subject=context["meta"]["symbol"],
    )
    # The template starts with one empty paragraph; the header table goes before it, and it is removed.
    first = document.paragraphs[0]._p if document.paragraphs else None
    _header(document, context["header"], kept_phrases(context))
    if first is not None:
        first.getparent().remove(first)
    title = text_line(document, context["title"], size=14, bold=True)
    title.paragraph_format.space_before = Pt(18)
    lines = subject_lines(context)
    subject = text_line(document, "\n".join(lines), size=14, bold=True)
    subject.paragraph_format.left_indent = subject.paragraph_format.right_indent = Mm(8)
    subject_width = min(max(text_width_mm(line, 14, bold=True) for line in lines), SUBJECT_WIDTH_MM)
    rule(document, max(subject_width * 0.4, 20), TEXT_WIDTH_MM, gap_pt=3)
    spacer(document)
    if context.get("addressee"):  # contexts frozen before the field have no such key
        text_line(document, f"Kính gửi: {context['addressee']}", size=14)
        spacer(document)
    phrases = kept_phrases(context)
    for basis in context["legal_bases"]:
        paragraph = format_paragraph(document.add_paragraph())
        runs = [{"text": basis["text"], "bold": False, "italic": basis["form"] == "can_cu"}]
        add_runs(paragraph, runs, phrases=phrases)
    for item in context["preamble"]:
        _paragraph(document, item, phrases=phrases)
    body, tail = list(context["body"]), list(context["closing"])
    if not tail and body and item_kind(body[-1]) in ("paragraph", "heading"):
        tail = [body.pop()]
    for item in body:
        _item(document, item, phrases)
    for item in tail:
        if item.get("type") == "heading":
            _heading(document, item, phrases)
        else:
            _paragraph(document, item, keep_next=True, phrases=phrases)
    _footer(document, context)
    return _to_bytes(document)


def render_appendix_docx(appendix: dict) -> bytes:
    heading = appendix_heading(appendix)
    meta = appendix.get("meta") or {}
    document = Document()
    setup_document(
        document,
        title=f"{heading['label']} {heading['title']}",
        author="",
        subject=cell_text(meta.get("symbol")),
    )
    first = document.paragraphs[0]._p if document.paragraphs else None
    text_line(document, heading["label"], size=14, bold=True).paragraph_format.keep_with_next = True
    if heading["title_lines"]:
        title = text_line(document, "\n".join(heading["title_lines"]), size=14, bold=True)
        title.paragraph_format.keep_with_next = True
    lines = heading["subtitle_lines"]
    if lines:
        text_line(document, "\n".join(lines), size=14, italic=True).paragraph_format.keep_with_next = True
    width = max((text_width_mm(line, 14, italic=True) for line in lines), default=50)
    rule(document, max(min(width, TEXT_WIDTH_MM) * 0.4, 20), TEXT_WIDTH_MM, gap_pt=3)
    spacer(document)
    if first is not None:
        first.getparent().remove(first)
    for item in appendix.get("body") or []:
        _item(document, item)
    return _to_bytes(document)


def _to_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
