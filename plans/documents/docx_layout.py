"""python-docx building blocks of the Word documents: page setup, fonts, paragraph formats, rules,
fixed-width tables and the page number, as Nghị định 30/2020/NĐ-CP sets them."""

from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from plans.documents.glue import NO_BREAK_HYPHEN, word_text

FONT_NAME = "Times New Roman"
INDENT = Mm(10)


def set_fonts(element, size: float | None = None) -> None:
    """Times New Roman for every script (Vietnamese letters are 'complex' for some Word versions)."""
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT_NAME)
    if size is not None:
        for tag in ("w:sz", "w:szCs"):
            node = rpr.find(qn(tag))
            if node is None:
                node = OxmlElement(tag)
                rpr.append(node)
            node.set(qn("w:val"), str(int(size * 2)))


def add_runs(paragraph, runs: list[dict], *, size: float = 14, bold=False, italic=False, phrases=()) -> None:
    """The runs, glued where no line may break (plans.documents.glue; `phrases`: the marked ones)."""
    for item in runs:
        text_run = paragraph.add_run()
        add_text(text_run, word_text(item["text"], phrases))
        text_run.font.size = Pt(size)
        text_run.font.bold = bold or item["bold"] or None
        text_run.font.italic = italic or item["italic"] or None


def add_text(text_run, text: str) -> None:
    """`text` into the run, NO_BREAK_HYPHEN as Word's own non-breaking hyphen (read back as "-")."""
    for index, part in enumerate(text.split(NO_BREAK_HYPHEN)):
        if index:
            text_run._r.append(OxmlElement("w:noBreakHyphen"))
        if part:
            text_run._r.add_t(part)


def format_paragraph(
    paragraph,
    *,
    align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    indent=INDENT,
    after: float = 6,
    before: float = 0,
    line: float = 1.05,
    keep_next: bool = False,
):
    fmt = paragraph.paragraph_format
    fmt.alignment = align
    fmt.first_line_indent = indent
    fmt.space_after = Pt(after)
    fmt.space_before = Pt(before)
    fmt.line_spacing = line
    fmt.widow_control = True
    if keep_next:
        fmt.keep_with_next = True
    return paragraph


def rule(container, width_mm: float, column_mm: float, *, gap_pt: float = 1):
    """A centred solid rule `width_mm` long, `gap_pt` under the text above it.

    It is the top border of an empty one-point paragraph whose indents leave `width_mm` between
    them: Word and LibreOffice both draw it where it belongs, whatever the text above.
    """
    paragraph = container.add_paragraph()
    side = max((column_mm - width_mm) / 2, 0)
    fmt = paragraph.paragraph_format
    fmt.left_indent = Mm(side)
    fmt.right_indent = Mm(side)
    fmt.space_before = Pt(gap_pt)
    fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(1)
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "0"), ("w:color", "000000")):
        top.set(qn(key), value)
    borders.append(top)
    ppr.append(borders)
    mark = OxmlElement("w:rPr")
    for tag in ("w:sz", "w:szCs"):
        size = OxmlElement(tag)
        size.set(qn("w:val"), "2")
        mark.append(size)
    ppr.append(mark)
    return paragraph


def text_line(
    container,
    text: str,
    *,
    size: float,
    bold=False,
    italic=False,
    align=WD_ALIGN_PARAGRAPH.CENTER,
    phrases=(),
):
    paragraph = container.add_paragraph()
    format_paragraph(paragraph, align=align, indent=None, after=0, line=1.0)
    add_runs(paragraph, [{"text": text, "bold": bold, "italic": italic}], size=size, phrases=phrases)
    return paragraph


def table_properties(table, *, borders: bool, widths_mm: list[float]) -> None:
    """Fixed column widths, no cell padding on borderless tables, optional 0.5 pt grid."""
    table.alignment = WD_TABLE_ALIGNMENT.CENTER if borders else WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    border_element = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        node = OxmlElement(f"w:{edge}")
        node.set(qn("w:val"), "single" if borders else "nil")
        if borders:
            node.set(qn("w:sz"), "4")
            node.set(qn("w:color"), "000000")
        border_element.append(node)
    tbl_pr.append(border_element)
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        node = OxmlElement(f"w:{edge}")
        node.set(qn("w:w"), str(Mm(1.4).twips if borders else 0))
        node.set(qn("w:type"), "dxa")
        margins.append(node)
    tbl_pr.append(margins)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=False):
            cell.width = Mm(width)
    grid = table._tbl.tblGrid
    for column, width in zip(grid.findall(qn("w:gridCol")), widths_mm, strict=False):
        column.set(qn("w:w"), str(Mm(width).twips))


def row_flags(row, *, header: bool = False, keep_next: bool = False) -> None:
    """A row never split over two pages; a header row repeated on each page. A header row, and a
    row marked `keep_next` (a group's label), stays on the page of the row after it."""
    tr_pr = row._tr.get_or_add_trPr()
    cant_split = OxmlElement("w:cantSplit")
    tr_pr.append(cant_split)
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))
    if header or keep_next:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True


def cell_lines(
    cell, lines: list[dict], *, size: float = 13, bold=False, align=WD_ALIGN_PARAGRAPH.LEFT, phrases=()
):
    first = True
    for line in lines or [{"kind": "paragraph", "marker": "", "runs": []}]:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        format_paragraph(paragraph, align=align, indent=None, after=0, line=1.0)
        runs = line["runs"]
        if line.get("marker"):
            runs = [{"text": f"{line['marker']} ", "bold": False, "italic": False}, *runs]
        add_runs(paragraph, runs, size=size, bold=bold, phrases=phrases)


def text_cell(cell, text: str, **options):
    cell_lines(cell, [{"marker": "", "runs": [{"text": text, "bold": False, "italic": False}]}], **options)


def page_number_header(section) -> None:
    """A PAGE field centred at the top of every page but the first (a different first page)."""
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for kind, text in (
        ("begin", None),
        ("instr", " PAGE "),
        ("separate", None),
        ("text", "2"),
        ("end", None),
    ):
        field_run = paragraph.add_run()
        field_run.font.size = Pt(14)
        if kind == "instr":
            node = OxmlElement("w:instrText")
            node.set(qn("xml:space"), "preserve")
            node.text = text
        elif kind == "text":
            node = OxmlElement("w:t")
            node.text = text
        else:
            node = OxmlElement("w:fldChar")
            node.set(qn("w:fldCharType"), kind)
        field_run._r.append(node)


def setup_document(document, *, title: str, author: str, subject: str) -> None:
    """A4 portrait, the ND30 margins, page numbers from page 2, Times New Roman 14 pt, metadata."""
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    page_number_header(section)
    normal = document.styles["Normal"]
    normal.font.name = FONT_NAME
    normal.font.size = Pt(14)
    set_fonts(normal.element, 14)
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "vi-VN")
    normal.element.get_or_add_rPr().append(language)
    properties = document.core_properties
    properties.title = title[:250]
    properties.author = author[:250]
    properties.last_modified_by = properties.author
    properties.subject = subject
    properties.language = "vi-VN"
    properties.comments = ""


def spacer(document) -> None:
    paragraph = document.add_paragraph()
    format_paragraph(paragraph, indent=None, after=0, line=Pt(6))
