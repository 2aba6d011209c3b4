"""Turn a plan's document context into HTML, PDF (WeasyPrint) or DOCX (python-docx).

The context (plans.documents.build_plan_context) already holds every word; this module only lays
it out, the same way in every format: A4, margins 20/20/30/15 mm, Times New Roman sizes from
Nghị định 30/2020/NĐ-CP, the two-column header and footer, page numbers from page 2.
Nothing here touches the database, so a frozen context renders the same forever.
"""

import base64
import functools
import hashlib
import io
import itertools
import os
import re
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import mark_safe
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from common.text import fold
from plans.documents import context_hash, normalise
from plans.models import Plan

TEMPLATE_NAME = "plans/document.html"
STYLESHEET_PATH = Path(settings.BASE_DIR) / "static" / "plans" / "document.css"

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
}
CACHE_TIMEOUT = 60 * 60 * 24 * 7

FONT_NAME = "Times New Roman"
TEXT_WIDTH_MM = 165.0  # 210 mm less the 30 mm and 15 mm margins
LEFT_COLUMN_MM = 63.0
SUBJECT_WIDTH_MM = TEXT_WIDTH_MM - 16  # centred with 8 mm on each side
RIGHT_COLUMN_MM = 102.0
INDENT = Mm(10)
# Above this width (14 pt italic) the date line would wrap in the right column: print it at 13 pt.
LONG_DATE_MM = RIGHT_COLUMN_MM - 2
# Words a line of the issuing body's name may well start with, and how much that is worth (mm).
PREFERRED_LINE_STARTS = {"XÃ", "PHƯỜNG", "THỊ", "HUYỆN", "QUẬN", "THÀNH", "TỈNH", "CÁC", "THUỘC", "TẠI", "VÀ"}
PREFERRED_BREAK_MM = 10.0
AVOIDED_BREAK_MM = 20.0
LINE_COST = 0.65  # one more line is worth it only to save this share of the width
# Two-syllable words a line should not split: "NHÂN / DÂN" reads badly.
UNBREAKABLE_PAIRS = {
    "NHÂN DÂN",
    "ĐÀO TẠO",
    "THƯƠNG BINH",
    "XÃ HỘI",
    "THI ĐUA",
    "KHEN THƯỞNG",
    "GIÁO DỤC",
    "NỘI VỤ",
    "TÀI CHÍNH",
    "KẾ HOẠCH",
    "ĐẦU TƯ",
    "VĂN HÓA",
    "THỂ THAO",
    "DU LỊCH",
    "Y TẾ",
    "TƯ PHÁP",
    "MIỀN TÂY",
    "CÔNG TÁC",
    "TUYÊN TRUYỀN",
    "HỌC TẬP",
    "KINH NGHIỆM",
    "TẬP HUẤN",
    "NGHIỆP VỤ",
    "PHONG TRÀO",
    "ĐỔI MỚI",
}


# ---------------------------------------------------------------------------
# Measuring text (for the DOCX rules and the date size): Liberation Serif has the metrics of TNR.
# ---------------------------------------------------------------------------
_FONT_FILES = {
    (False, False): ("LiberationSerif-Regular.ttf", "Tinos-Regular.ttf", "times.ttf"),
    (True, False): ("LiberationSerif-Bold.ttf", "Tinos-Bold.ttf", "timesbd.ttf"),
    (False, True): ("LiberationSerif-Italic.ttf", "Tinos-Italic.ttf", "timesi.ttf"),
    (True, True): ("LiberationSerif-BoldItalic.ttf", "Tinos-BoldItalic.ttf", "timesbi.ttf"),
}
_FONT_FOLDERS = ("/usr/share/fonts", "/usr/local/share/fonts", str(Path.home() / ".fonts"))


@functools.cache
def _font_metrics(bold: bool, italic: bool):
    """(advance widths by character, units per em), or None when no such font is installed."""
    from fontTools.ttLib import TTFont  # a dependency of WeasyPrint

    for name in _FONT_FILES[(bold, italic)]:
        for folder in filter(os.path.isdir, _FONT_FOLDERS):
            for path in Path(folder).glob(f"**/{name}"):
                with TTFont(path) as font:
                    cmap, metrics = font.getBestCmap(), font["hmtx"].metrics
                    widths = {chr(code): metrics[glyph][0] for code, glyph in cmap.items()}
                    return widths, font["head"].unitsPerEm
    return None


def text_width_mm(text: str, size_pt: float, *, bold: bool = False, italic: bool = False) -> float:
    """The printed width of one line of `text`; about half an em per character without the font."""
    metrics = _font_metrics(bold, italic)
    if metrics is None:
        return len(text) * size_pt * 0.5 * 25.4 / 72
    widths, units = metrics
    default = units // 2
    total = sum(widths.get(character, default) for character in text)
    return total / units * size_pt * 25.4 / 72


def is_long_date(date_line: str) -> bool:
    return text_width_mm(date_line, 14, italic=True) > LONG_DATE_MM


@functools.cache
def balanced_lines(text: str, size_pt: float, width_mm: float, *, bold: bool = True) -> tuple[str, ...]:
    """`text` broken into as few lines as fit `width_mm`, the lines as even as possible.

    "ỦY BAN NHÂN DÂN XÃ TÂN LẬP" in the 63 mm column then reads "ỦY BAN NHÂN DÂN / XÃ TÂN LẬP"
    rather than leaving "LẬP" alone on the second line. A word wider than the column is left to
    the layout engine.
    """
    words = text.split()

    def width(start: int, end: int) -> float:
        return text_width_mm(" ".join(words[start:end]), size_pt, bold=bold)

    if not words or width(0, len(words)) <= width_mm:
        return (text,)
    if any(width(index, index + 1) > width_mm for index in range(len(words))):
        return (text,)

    @functools.cache
    def best(start: int, lines: int) -> tuple[float, tuple[int, ...]]:
        """(widest line, break positions) for words[start:] in `lines` lines."""
        if lines == 1:
            rest = width(start, len(words))
            return (rest if rest <= width_mm else float("inf")), ()
        result = (float("inf"), ())
        for end in range(start + 1, len(words) - lines + 2):
            first = width(start, end)
            if first > width_mm:
                break
            rest, breaks = best(end, lines - 1)
            result = min(result, (max(first, rest) - _break_bonus(words, end), (end, *breaks)))
        return result

    # The fewest lines that fit, or one more line when that breaks the name much better.
    options = []
    for count in range(2, len(words) + 1):
        score, breaks = best(0, count)
        if score != float("inf"):
            options.append((score + LINE_COST * width_mm * count, breaks))
            if len(options) == 2:
                break
    if not options:
        return (text,)
    bounds = (0, *min(options)[1], len(words))
    return tuple(" ".join(words[a:b]) for a, b in itertools.pairwise(bounds))


def _break_bonus(words: list[str], index: int) -> float:
    """How much better (in mm of line width) a line starting at words[index] reads.

    A line may start with the level of the unit ("XÃ TÂN LẬP", "TỈNH LÀO CAI") but not with the
    second half of a two-syllable word ("DÂN" of "NHÂN DÂN", "TẠO" of "ĐÀO TẠO").
    """
    word = words[index].upper()
    if word in PREFERRED_LINE_STARTS:
        return PREFERRED_BREAK_MM
    if word in {"-", "–", "&"} or f"{words[index - 1].upper()} {word}" in UNBREAKABLE_PAIRS:
        return -AVOIDED_BREAK_MM
    return 0.0


def issuer_lines(header: dict) -> tuple[str, ...]:
    return balanced_lines(header["issuer_name"], 13, LEFT_COLUMN_MM - 1.5)


def subject_lines(context: dict) -> tuple[str, ...]:
    """The subject in even lines: no year left alone on its second line."""
    return balanced_lines(context["subject"], 14, SUBJECT_WIDTH_MM - 1.5)


# ---------------------------------------------------------------------------
# The view: the context with each paragraph's HTML prepared (escaped here, once)
# ---------------------------------------------------------------------------
_BLOCK_CSS = {"paragraph": "p", "bullet": "bullet", "sub_bullet": "sub-bullet"}
_HEADING_TAGS = {1: "h2", 2: "h3"}


def runs_html(runs: list[dict]) -> str:
    parts = []
    for item in runs:
        text = escape(item["text"])
        if item["bold"]:
            text = f"<strong>{text}</strong>"
        if item["italic"]:
            text = f"<em>{text}</em>"
        parts.append(text)
    return "".join(parts)


def block_view(item: dict) -> dict:
    marker = f"{escape(item['marker'])} " if item["marker"] else ""
    return {
        "kind": "paragraph",
        "tag": "p",
        "css": _BLOCK_CSS[item["kind"]],
        "html": mark_safe(marker + runs_html(item["runs"])),  # noqa: S308 - every piece is escaped
    }


def heading_view(item: dict) -> dict:
    classes = ["h", f"h{min(item['level'], 4)}"]
    title_classes = [name for name, flag in (("bold", item["bold"]), ("italic", item["italic"])) if flag]
    title = " ".join(part for part in (item["number"], item["text"]) if part)
    html = f'<span class="{" ".join(title_classes)}">{escape(title)}</span>{runs_html(item["runs"])}'
    return {
        "kind": "heading",
        "tag": _HEADING_TAGS.get(item["level"], "h4"),
        "css": " ".join(classes),
        "html": mark_safe(html),  # noqa: S308 - every piece is escaped
    }


# ---------------------------------------------------------------------------
# Tables and figures given as data (reports, appendices): {"kind": "table"|"figure", …}
# ---------------------------------------------------------------------------
TABLE_FONT_PT = 13
TABLE_PADDING_MM = 3.0  # 4 pt of padding on each side, and the rules
ALIGNMENTS = ("left", "center", "right")
MAX_SVG_CHARACTERS = 2_000_000
SVG_NAMESPACE = "http://www.w3.org/2000/svg"
_SVG_START = re.compile(r"<svg[\s/>]")
NO_PICTURE_IN_DOCX = "(Hình vẽ chỉ có trong bản PDF.)"


def item_kind(item: dict) -> str:
    """What a body item is: plan contexts say it in "type", items built elsewhere in "kind"."""
    kind = item.get("type") or item.get("kind") or "paragraph"
    return "paragraph" if kind in _BLOCK_CSS else kind


def _cell_text(value) -> str:
    """Any value as printable text: NFC, no control characters (DOCX refuses them)."""
    return "" if value is None else normalise(str(value))


def _fit(values, count: int, fill="") -> list:
    """`values` cut or padded to `count` entries: a ragged row never breaks the table."""
    values = list(values or [])[:count]
    return values + [fill] * (count - len(values))


def _longest_word_mm(text: str, *, bold: bool) -> float:
    return max((text_width_mm(word, TABLE_FONT_PT, bold=bold) for word in text.split()), default=0.0)


def table_widths_mm(table: dict) -> list[float]:
    """The columns' widths in mm over the text width: the given ones scaled to fill it, or
    widths from the contents (each column gets room for its longest line, up to a cap, and never
    less than its longest word), so that HTML, PDF and DOCX share one layout."""
    count = table_columns(table)
    given = [float(width) if _positive(width) else 0.0 for width in _fit(table.get("widths_mm"), count, 0)]
    if count and all(given):
        scale = TEXT_WIDTH_MM / sum(given)
        return [width * scale for width in given]
    natural, minimal = [0.0] * count, [0.0] * count
    lines_by_column: list[list[tuple[str, bool]]] = [[] for _ in range(count)]
    for column, text in enumerate(_fit(table.get("columns"), count)):
        lines_by_column[column] += [(line, True) for line in _cell_text(text).split("\n")]
    for row in [*(table.get("rows") or []), table.get("total") or []]:
        for column, text in enumerate(_fit(row, count)):
            lines_by_column[column] += [(line, False) for line in _cell_text(text).split("\n")]
    for column, lines in enumerate(lines_by_column):
        natural[column] = max(
            (text_width_mm(text, TABLE_FONT_PT, bold=bold) for text, bold in lines), default=0
        )
        minimal[column] = max((_longest_word_mm(text, bold=bold) for text, bold in lines), default=0)
    natural = [min(width, 90.0) + TABLE_PADDING_MM for width in natural]
    minimal = [min(width + TABLE_PADDING_MM, TEXT_WIDTH_MM / count) for width in minimal]
    widths = [width * TEXT_WIDTH_MM / sum(natural) for width in natural]
    # Give a column too narrow for its longest word that room, taken from the widest columns.
    for _ in range(count):
        short = [index for index in range(count) if widths[index] < minimal[index] - 0.01]
        if not short:
            break
        needed = sum(minimal[index] - widths[index] for index in short)
        spare = {index: widths[index] - minimal[index] for index in range(count) if index not in short}
        available = sum(value for value in spare.values() if value > 0)
        if available <= 0:
            break
        share = min(needed / available, 1.0)
        for index, value in spare.items():
            if value > 0:
                widths[index] -= value * share
        for index in short:
            widths[index] += (minimal[index] - widths[index]) * min(available / needed, 1.0)
    return widths


def _positive(value) -> bool:
    try:
        return float(value) > 0
    except (TypeError, ValueError):
        return False


def table_columns(table: dict) -> int:
    """The number of columns: the header's, else the longest row's."""
    rows = [*(table.get("rows") or []), table.get("total") or []]
    return len(table.get("columns") or []) or max((len(row) for row in rows), default=0)


def table_alignments(table: dict) -> list[str]:
    return [
        value if value in ALIGNMENTS else "left" for value in _fit(table.get("align"), table_columns(table))
    ]


def percentages(widths: list[float]) -> list[int]:
    """Whole percentages adding up to 100 (largest remainders), each at least 1: the CSS classes."""
    total = sum(widths) or 1.0
    exact = [width * 100 / total for width in widths]
    result = [max(int(value), 1) for value in exact]
    order = sorted(range(len(widths)), key=lambda index: exact[index] - int(exact[index]), reverse=True)
    for index in itertools.islice(itertools.cycle(order), max(100 - sum(result), 0)):
        result[index] += 1
    while sum(result) > 100 and max(result) > 1:
        result[result.index(max(result))] -= 1
    return result


def _cell_view(value, align: str) -> dict:
    return {"css": f"al-{align}", "lines": _cell_text(value).split("\n")}


def table_view(table: dict) -> dict | None:
    count = table_columns(table)
    if not count:
        return None
    alignments = table_alignments(table)
    total = table.get("total")
    return {
        "kind": "table",
        "caption": _cell_text(table.get("caption")).strip(),
        "widths": [f"w{value}" for value in percentages(table_widths_mm(table))],
        "columns": [_cell_text(text).split("\n") for text in _fit(table.get("columns"), count)]
        if table.get("columns")
        else [],
        "rows": [
            [_cell_view(value, align) for value, align in zip(_fit(row, count), alignments, strict=True)]
            for row in table.get("rows") or []
        ],
        "total": [
            _cell_view(value, align) for value, align in zip(_fit(total, count), alignments, strict=True)
        ]
        if total
        else None,
    }


def svg_data_uri(svg) -> str | None:
    """The figure's SVG as a data: URI for an <img>, or None when it is not an SVG document.

    In an <img> an SVG runs no script and cannot reach the page around it (CSP allows data:
    images), and WeasyPrint draws it as vectors; what it might link to is refused by the fetcher.
    """
    if not isinstance(svg, str):
        return None
    svg = svg.strip()
    if not _SVG_START.match(svg) or len(svg) > MAX_SVG_CHARACTERS:
        return None
    opening = svg.split(">", 1)[0]
    if "xmlns=" not in opening:  # a standalone SVG file must name its namespace to be drawn
        svg = f'<svg xmlns="{SVG_NAMESPACE}"{svg[4:]}'
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def figure_views(item: dict) -> list[dict]:
    """The picture with its caption; without a usable SVG, its table (under the same caption)."""
    caption = _cell_text(item.get("caption")).strip()
    src = svg_data_uri(item.get("svg"))
    if src:
        return [{"kind": "figure", "caption": caption, "src": src}]
    fallback = item.get("table")
    table = table_view({**fallback, "caption": caption}) if isinstance(fallback, dict) else None
    return [table] if table else note_view({"text": caption})


def note_view(item: dict) -> list[dict]:
    """A note of an appendix or report: plain text, one paragraph per line."""
    lines = [line.strip() for line in _cell_text(item.get("text")).split("\n")]
    return [{"kind": "paragraph", "tag": "p", "css": "p", "html": escape(line)} for line in lines if line]


def element_views(item: dict) -> list[dict]:
    """The printed pieces of one body item (a note of several lines gives several paragraphs)."""
    kind = item_kind(item)
    if kind == "heading":
        return [heading_view(item)]
    if kind == "paragraph":
        return [block_view(item)]
    if kind == "note":
        return note_view(item)
    if kind == "table":
        view = table_view(item)
        return [view] if view else []
    if kind == "figure":
        return figure_views(item)
    if kind == "activities":
        groups = [
            {
                "label": group["label"],
                "rows": [
                    {
                        "number": row["number"],
                        "content": [block_view(line) for line in row["content"]],
                        "units": [block_view(line) for line in row["units"]],
                    }
                    for row in group["rows"]
                ],
            }
            for group in item["groups"]
        ]
        return [{"kind": "activities", "columns": item["columns"], "groups": groups}]
    return [{**item, "kind": kind}]


def body_views(items: list[dict]) -> list[dict]:
    return [view for item in items for view in element_views(item)]


def split_ending(context: dict) -> tuple[list[dict], list[dict]]:
    """(body, tail): the last paragraph goes with the signature so that it is never alone on a page."""
    body = body_views(context["body"])
    tail = [block_view(item) for item in context["closing"]]
    if not tail and body and body[-1]["kind"] in ("paragraph", "heading"):
        tail = [body.pop()]
    return body, tail


def document_view(context: dict) -> dict:
    body, tail = split_ending(context)
    closing_keep = tail[-1:]
    body += tail[:-1]
    return {
        "doc": context,
        "bases": [
            {"css": f"basis basis-{basis['form']}", "text": basis["text"]} for basis in context["legal_bases"]
        ],
        "preamble": [block_view(item) for item in context["preamble"]],
        "body": body,
        "tail": closing_keep,
        "long_date": is_long_date(context["header"]["date_line"]),
        "issuer_lines": issuer_lines(context["header"]),
        "subject_lines": subject_lines(context),
    }


def render_plan_html(context: dict, *, preview: bool = False, **extra) -> str:
    """The document as one HTML page; `preview` adds the findings bar and a stylesheet link."""
    view = document_view(context)
    if preview:
        view.update(preview=True, **extra)
    return render_to_string(TEMPLATE_NAME, view)


# ---------------------------------------------------------------------------
# Appendices (Phụ lục, Mẫu 2.1): a document of their own, numbered from page 1
# ---------------------------------------------------------------------------
APPENDIX_LABEL = "Phụ lục"


def appendix_heading(appendix: dict) -> dict:
    """Label, title (upper case) and subtitle, each balanced over lines of the text width."""
    label = " ".join(_cell_text(appendix.get("label")).split()) or APPENDIX_LABEL
    title = " ".join(_cell_text(appendix.get("title")).split()).upper()
    subtitle = " ".join(_cell_text(appendix.get("subtitle")).split())
    width = TEXT_WIDTH_MM - 1.5
    return {
        "label": label,
        "title": title,
        "subtitle": subtitle,
        "title_lines": balanced_lines(title, 14, width) if title else (),
        # Upright widths: italic letters are narrower, so the lines fit.
        "subtitle_lines": balanced_lines(subtitle, 14, width, bold=False) if subtitle else (),
    }


def render_appendix_html(appendix: dict, *, stylesheet_url: str | None = None) -> str:
    """The appendix as one HTML page; with `stylesheet_url` it shows as a sheet on screen."""
    view = {"appendix": appendix_heading(appendix), "body": body_views(appendix.get("body") or [])}
    if stylesheet_url:
        view["stylesheet_url"] = stylesheet_url
    return render_to_string(TEMPLATE_NAME, view)


# ---------------------------------------------------------------------------
# PDF
# ---------------------------------------------------------------------------
@functools.cache
def _stylesheet():
    from weasyprint import CSS

    return CSS(filename=str(STYLESHEET_PATH))


def _offline_fetcher():
    """A URL fetcher that fetches nothing: a document never loads anything from outside.

    Only data: images pass (a figure's SVG is one); they come from the document itself.
    """
    from weasyprint.urls import URLFetcher

    class OfflineFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:image/"):
                return super().fetch(url, headers)
            raise ValueError(f"Văn bản không được tải tài nguyên bên ngoài: {url[:80]}")

    return OfflineFetcher()


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    document = HTML(string=html, base_url=str(STYLESHEET_PATH.parent), url_fetcher=_offline_fetcher())
    return document.write_pdf(stylesheets=[_stylesheet()])


def render_plan_pdf(context: dict) -> bytes:
    return html_to_pdf(render_plan_html(context))


# ---------------------------------------------------------------------------
# DOCX
# ---------------------------------------------------------------------------
def _set_fonts(element, size: float | None = None) -> None:
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


def _add_runs(paragraph, runs: list[dict], *, size: float = 14, bold=False, italic=False) -> None:
    for item in runs:
        text_run = paragraph.add_run(item["text"])
        text_run.font.size = Pt(size)
        text_run.font.bold = bold or item["bold"] or None
        text_run.font.italic = italic or item["italic"] or None


def _format(
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


def _rule(container, width_mm: float, column_mm: float, *, gap_pt: float = 1):
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


def _line(container, text: str, *, size: float, bold=False, italic=False, align=WD_ALIGN_PARAGRAPH.CENTER):
    paragraph = container.add_paragraph()
    _format(paragraph, align=align, indent=None, after=0, line=1.0)
    _add_runs(paragraph, [{"text": text, "bold": bold, "italic": italic}], size=size)
    return paragraph


def _table_properties(table, *, borders: bool, widths_mm: list[float]) -> None:
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


def _row_flags(row, *, header: bool = False) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    cant_split = OxmlElement("w:cantSplit")
    tr_pr.append(cant_split)
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))


def _cell_lines(cell, lines: list[dict], *, size: float = 13, bold=False, align=WD_ALIGN_PARAGRAPH.LEFT):
    first = True
    for line in lines or [{"kind": "paragraph", "marker": "", "runs": []}]:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        _format(paragraph, align=align, indent=None, after=0, line=1.0)
        runs = line["runs"]
        if line.get("marker"):
            runs = [{"text": f"{line['marker']} ", "bold": False, "italic": False}, *runs]
        _add_runs(paragraph, runs, size=size, bold=bold)


def _text_cell(cell, text: str, **options):
    _cell_lines(cell, [{"marker": "", "runs": [{"text": text, "bold": False, "italic": False}]}], **options)


def _page_number_header(section) -> None:
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


def _docx_setup(document, *, title: str, author: str, subject: str) -> None:
    """A4 portrait, the ND30 margins, page numbers from page 2, Times New Roman 14 pt, metadata."""
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    _page_number_header(section)
    normal = document.styles["Normal"]
    normal.font.name = FONT_NAME
    normal.font.size = Pt(14)
    _set_fonts(normal.element, 14)
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


def _docx_header(document, header: dict) -> None:
    table = document.add_table(rows=2, cols=2)
    _table_properties(table, borders=False, widths_mm=[LEFT_COLUMN_MM, RIGHT_COLUMN_MM])
    left, right = table.rows[0].cells
    left.paragraphs[0]._p.getparent().remove(left.paragraphs[0]._p)
    right.paragraphs[0]._p.getparent().remove(right.paragraphs[0]._p)
    if header["parent_line"]:
        _line(left, header["parent_line"], size=13)
    lines = issuer_lines(header)
    _line(left, "\n".join(lines), size=13, bold=True)
    name_width = min(max(text_width_mm(line, 13, bold=True) for line in lines), LEFT_COLUMN_MM)
    _rule(left, max(name_width * 0.4, 12), LEFT_COLUMN_MM, gap_pt=4)
    _line(right, header["national_name"], size=13, bold=True)
    _line(right, header["motto"], size=14, bold=True)
    _rule(right, text_width_mm(header["motto"], 14, bold=True), RIGHT_COLUMN_MM, gap_pt=2)
    number_cell, date_cell = table.rows[1].cells
    for cell in (number_cell, date_cell):
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    _line(number_cell, header["number_line"], size=13).paragraph_format.space_before = Pt(6)
    date_size = 13 if is_long_date(header["date_line"]) else 14
    _line(date_cell, header["date_line"], size=date_size, italic=True).paragraph_format.space_before = Pt(6)


def _docx_paragraph(document, item: dict, *, keep_next: bool = False) -> None:
    paragraph = document.add_paragraph()
    indent = Mm(15) if item["kind"] == "sub_bullet" else INDENT
    _format(paragraph, indent=indent, keep_next=keep_next)
    runs = item["runs"]
    if item["marker"]:
        runs = [{"text": f"{item['marker']} ", "bold": False, "italic": False}, *runs]
    _add_runs(paragraph, runs)


def _docx_heading(document, item: dict) -> None:
    paragraph = document.add_paragraph()
    _format(paragraph, keep_next=True, before=6 if item["level"] == 1 else 0)
    title = " ".join(part for part in (item["number"], item["text"]) if part)
    _add_runs(paragraph, [{"text": title, "bold": item["bold"], "italic": item["italic"]}])
    _add_runs(paragraph, item["runs"])


def _docx_activities(document, item: dict) -> None:
    widths = [12.0, TEXT_WIDTH_MM - 12 - 55, 55.0]
    rows = 1 + sum(1 + len(group["rows"]) for group in item["groups"])
    table = document.add_table(rows=rows, cols=3)
    _table_properties(table, borders=True, widths_mm=widths)
    header_row = table.rows[0]
    _row_flags(header_row, header=True)
    for cell, column in zip(header_row.cells, item["columns"], strict=True):
        _text_cell(cell, column, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    index = 1
    for group in item["groups"]:
        row = table.rows[index]
        _row_flags(row)
        merged = row.cells[1].merge(row.cells[2])
        _text_cell(row.cells[0], "")
        _text_cell(merged, group["label"], bold=True)
        for paragraph in merged.paragraphs + row.cells[0].paragraphs:
            paragraph.paragraph_format.keep_with_next = True
        index += 1
        for entry in group["rows"]:
            row = table.rows[index]
            _row_flags(row)
            _text_cell(row.cells[0], entry["number"], align=WD_ALIGN_PARAGRAPH.CENTER)
            _cell_lines(row.cells[1], entry["content"])
            _cell_lines(row.cells[2], entry["units"])
            index += 1
    _spacer(document)


def _docx_budget(document, item: dict) -> None:
    widths = [TEXT_WIDTH_MM - 20 - 22 - 30 - 30, 20.0, 22.0, 30.0, 30.0]
    table = document.add_table(rows=len(item["rows"]) + 2, cols=5)
    _table_properties(table, borders=True, widths_mm=widths)
    _row_flags(table.rows[0], header=True)
    for cell, column in zip(table.rows[0].cells, item["columns"], strict=True):
        _text_cell(cell, column, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    right = WD_ALIGN_PARAGRAPH.RIGHT
    for row, entry in zip(table.rows[1:], item["rows"], strict=False):
        _row_flags(row)
        _text_cell(row.cells[0], entry["item"])
        _text_cell(row.cells[1], entry["quantity"], align=right)
        _text_cell(row.cells[2], entry["unit"])
        _text_cell(row.cells[3], entry["unit_price"], align=right)
        _text_cell(row.cells[4], entry["amount"], align=right)
    total_row = table.rows[-1]
    _row_flags(total_row)
    label = total_row.cells[0].merge(total_row.cells[3])
    _text_cell(label, item["total_label"], bold=True)
    _text_cell(total_row.cells[4], item["total"], bold=True, align=right)
    _spacer(document)


_DOCX_ALIGNMENTS = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}


def _text_lines(value) -> list[dict]:
    return [
        {"marker": "", "runs": [{"text": line, "bold": False, "italic": False}]}
        for line in _cell_text(value).split("\n")
    ]


def _docx_caption(document, caption: str) -> None:
    if caption:
        paragraph = _line(document, caption, size=14, bold=True)
        paragraph.paragraph_format.keep_with_next = True
        paragraph.paragraph_format.space_after = Pt(3)


def _docx_data_table(document, table: dict, *, caption: str | None = None) -> None:
    """A {"kind": "table"} item: bold centred caption, header row repeated on each page, bold total."""
    count = table_columns(table)
    if not count:
        return
    _docx_caption(document, _cell_text(table.get("caption")).strip() if caption is None else caption)
    columns, rows, total = table.get("columns") or [], table.get("rows") or [], table.get("total")
    entries = [*rows, *([total] if total else [])]
    docx_table = document.add_table(rows=len(entries) + (1 if columns else 0), cols=count)
    _table_properties(docx_table, borders=True, widths_mm=table_widths_mm(table))
    table_rows = list(docx_table.rows)
    if columns:
        header_row = table_rows.pop(0)
        _row_flags(header_row, header=True)
        for cell, text in zip(header_row.cells, _fit(columns, count), strict=True):
            _cell_lines(cell, _text_lines(text), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    alignments = [_DOCX_ALIGNMENTS[value] for value in table_alignments(table)]
    for index, (row, entry) in enumerate(zip(table_rows, entries, strict=True)):
        _row_flags(row)
        bold = bool(total) and index == len(entries) - 1
        for cell, text, align in zip(row.cells, _fit(entry, count), alignments, strict=True):
            _cell_lines(cell, _text_lines(text), bold=bold, align=align)
    _spacer(document)


def _docx_figure(document, item: dict) -> None:
    """Word cannot show an SVG: the figure's caption, then its data as a table."""
    caption = _cell_text(item.get("caption")).strip()
    fallback = item.get("table")
    if isinstance(fallback, dict) and table_columns(fallback):
        _docx_data_table(document, fallback, caption=caption)
        return
    _docx_caption(document, caption)
    _docx_note(document, {"text": NO_PICTURE_IN_DOCX})


def _docx_note(document, item: dict) -> None:
    for line in _cell_text(item.get("text")).split("\n"):
        if line.strip():
            runs = [{"text": line.strip(), "bold": False, "italic": False}]
            _docx_paragraph(document, {"kind": "paragraph", "marker": "", "runs": runs})


def _docx_item(document, item: dict) -> None:
    kind = item_kind(item)
    if kind == "heading":
        _docx_heading(document, item)
    elif kind == "paragraph":
        _docx_paragraph(document, item)
    elif kind == "note":
        _docx_note(document, item)
    elif kind == "table":
        _docx_data_table(document, item)
    elif kind == "figure":
        _docx_figure(document, item)
    elif kind == "activities":
        _docx_activities(document, item)
    elif kind == "budget":
        _docx_budget(document, item)


def _spacer(document) -> None:
    paragraph = document.add_paragraph()
    _format(paragraph, indent=None, after=0, line=Pt(6))


def _docx_footer(document, context: dict) -> None:
    table = document.add_table(rows=1, cols=2)
    _table_properties(table, borders=False, widths_mm=[LEFT_COLUMN_MM, RIGHT_COLUMN_MM])
    _row_flags(table.rows[0])
    left, right = table.rows[0].cells
    for cell in (left, right):
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    recipients = context["recipients"]
    if recipients["lines"]:
        heading = _line(left, recipients["heading"], size=12, bold=True, italic=True)
        heading.alignment = WD_ALIGN_PARAGRAPH.LEFT
        heading.paragraph_format.space_before = Pt(2)
        for text in recipients["lines"]:
            paragraph = _line(left, text, size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
            paragraph.paragraph_format.left_indent = Mm(2.5)
            paragraph.paragraph_format.first_line_indent = Mm(-2.5)
    else:
        _line(left, "", size=11)
    signature = context["signature"]
    for text in signature["lines"]:
        _line(right, text, size=14, bold=True)
    space = _line(right, "", size=14)
    space.paragraph_format.line_spacing = Mm(25)
    if signature["position"]:
        _line(right, signature["position"], size=14, bold=True)
    _line(right, signature["name"], size=14, bold=True)


def render_plan_docx(context: dict) -> bytes:
    document = Document()
    _docx_setup(
        document,
        title=f"{context['title'].capitalize()} {context['subject']}",
        author=context["header"]["issuer_name"],
        subject=context["meta"]["symbol"],
    )
    # The template starts with one empty paragraph; the header table goes before it, and it is removed.
    first = document.paragraphs[0]._p if document.paragraphs else None
    _docx_header(document, context["header"])
    if first is not None:
        first.getparent().remove(first)
    title = _line(document, context["title"], size=14, bold=True)
    title.paragraph_format.space_before = Pt(18)
    lines = subject_lines(context)
    subject = _line(document, "\n".join(lines), size=14, bold=True)
    subject.paragraph_format.left_indent = subject.paragraph_format.right_indent = Mm(8)
    subject_width = min(max(text_width_mm(line, 14, bold=True) for line in lines), SUBJECT_WIDTH_MM)
    _rule(document, max(subject_width * 0.4, 20), TEXT_WIDTH_MM, gap_pt=3)
    _spacer(document)
    for basis in context["legal_bases"]:
        paragraph = _format(document.add_paragraph())
        _add_runs(paragraph, [{"text": basis["text"], "bold": False, "italic": basis["form"] == "can_cu"}])
    for item in context["preamble"]:
        _docx_paragraph(document, item)
    body, tail = list(context["body"]), list(context["closing"])
    if not tail and body and item_kind(body[-1]) in ("paragraph", "heading"):
        tail = [body.pop()]
    for item in body:
        _docx_item(document, item)
    for item in tail:
        if item.get("type") == "heading":
            _docx_heading(document, item)
        else:
            _docx_paragraph(document, item, keep_next=True)
    _docx_footer(document, context)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def render_appendix_docx(appendix: dict) -> bytes:
    heading = appendix_heading(appendix)
    meta = appendix.get("meta") or {}
    document = Document()
    _docx_setup(
        document,
        title=f"{heading['label']} {heading['title']}",
        author="",
        subject=_cell_text(meta.get("symbol")),
    )
    first = document.paragraphs[0]._p if document.paragraphs else None
    _line(document, heading["label"], size=14, bold=True).paragraph_format.keep_with_next = True
    if heading["title_lines"]:
        title = _line(document, "\n".join(heading["title_lines"]), size=14, bold=True)
        title.paragraph_format.keep_with_next = True
    lines = heading["subtitle_lines"]
    if lines:
        _line(document, "\n".join(lines), size=14, italic=True).paragraph_format.keep_with_next = True
    width = max((text_width_mm(line, 14, italic=True) for line in lines), default=50)
    _rule(document, max(min(width, TEXT_WIDTH_MM) * 0.4, 20), TEXT_WIDTH_MM, gap_pt=3)
    _spacer(document)
    if first is not None:
        first.getparent().remove(first)
    for item in appendix.get("body") or []:
        _docx_item(document, item)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------------------
# File names and cached rendering
# ---------------------------------------------------------------------------
def _slug(text: str, words: int = 4) -> str:
    ascii_text = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    return "-".join(ascii_text.split("-")[:words])


def document_filename(source: Plan | dict, ext: str) -> str:
    """ "KH-CTD-2024-giao-luu-hoc-tap.pdf"; an issued plan starts with its number: "05-KH-UBND-…"."""
    if isinstance(source, Plan):
        number, symbol, year, subject = (
            source.number,
            source.effective_symbol,
            source.date_year,
            source.subject,
        )
    else:
        meta = source["meta"]
        number, symbol, year, subject = meta["number"], meta["symbol"], meta["date_year"], source["subject"]
    parts = [f"{number:02d}" if number else "", _slug(symbol, words=10).upper(), str(year), _slug(subject)]
    stem = "-".join(part for part in parts if part) or "ke-hoach"
    return f"{stem}.{ext.lstrip('.')}"


RENDERERS = {"pdf": "render_plan_pdf", "docx": "render_plan_docx", "html": "render_plan_html"}


@functools.cache
def renderer_fingerprint() -> str:
    """Changes when the template, the stylesheet or this module change, so caches never go stale."""
    template = Path(settings.BASE_DIR) / "templates" / TEMPLATE_NAME
    digest = hashlib.sha256()
    for path in (template, STYLESHEET_PATH, Path(__file__)):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def document_etag(context_digest: str, fmt: str) -> str:
    return f'"{fmt}-{context_digest[:40]}-{renderer_fingerprint()}"'


def render_document(context: dict, fmt: str, *, digest: str | None = None) -> bytes:
    """The rendered bytes, from the cache when this exact context was rendered before."""
    digest = digest or context_hash(context)
    key = f"plans:document:{fmt}:{renderer_fingerprint()}:{digest}"
    content = cache.get(key)
    if content is None:
        output = globals()[RENDERERS[fmt]](context)
        content = output.encode("utf-8") if isinstance(output, str) else output
        cache.set(key, content, CACHE_TIMEOUT)
    return content


def appendix_filename(appendix: dict, ext: str) -> str:
    """ "PL-KH-CTD-2024-danh-sach-nguoi-tham.pdf"; "Phụ lục II" gives "PL-II-…", an issued plan "PL-05-…"."""
    meta = appendix.get("meta") or {}
    label_words = _cell_text(appendix.get("label")).split()
    numeral = fold(" ".join(label_words[2:])) if fold(" ".join(label_words[:2])) == "phu luc" else ""
    number = meta.get("number")
    parts = [
        "-".join(part for part in ("PL", _slug(numeral).upper()) if part),
        f"{number:02d}" if isinstance(number, int) and number > 0 else "",
        _slug(_cell_text(meta.get("symbol")), words=10).upper(),
        str(meta.get("year") or ""),
        _slug(_cell_text(appendix.get("title"))),
    ]
    return f"{'-'.join(part for part in parts if part)}.{ext.lstrip('.')}"


def render_appendix(appendix: dict, fmt: str, *, stylesheet_url: str | None = None) -> bytes:
    """The appendix as a document of its own: "html", "pdf" or "docx".

    Not cached: an appendix may list personal data, which stays out of the shared cache.
    """
    if fmt == "pdf":
        return html_to_pdf(render_appendix_html(appendix))
    if fmt == "docx":
        return render_appendix_docx(appendix)
    if fmt == "html":
        return render_appendix_html(appendix, stylesheet_url=stylesheet_url).encode("utf-8")
    raise ValueError(f"Định dạng không hỗ trợ: {fmt}")


__all__ = [
    "CONTENT_TYPES",
    "appendix_filename",
    "document_etag",
    "document_filename",
    "render_appendix",
    "render_document",
    "render_plan_docx",
    "render_plan_html",
    "render_plan_pdf",
]
