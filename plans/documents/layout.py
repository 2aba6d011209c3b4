"""What the HTML, PDF and DOCX layouts share: the page's measures, the lines of the header and the
subject, and the columns of tables given as data (reports, appendices).

A4, margins 20/20/30/15 mm, Times New Roman sizes from Nghị định 30/2020/NĐ-CP. Nothing here
touches the database, so a frozen context lays out the same forever.
"""

import itertools
import re
from typing import get_args

from plans.documents.fonts import balanced_lines, text_width_mm
from plans.documents.markup import BlockKind
from plans.documents.wording import normalise

TEXT_WIDTH_MM = 165.0  # 210 mm less the 30 mm and 15 mm margins
LEFT_COLUMN_MM = 63.0
SUBJECT_WIDTH_MM = TEXT_WIDTH_MM - 16  # centred with 8 mm on each side
RIGHT_COLUMN_MM = 102.0

TABLE_FONT_PT = 13
TABLE_PADDING_MM = 3.0  # 4 pt of padding on each side, and the rules
ALIGNMENTS = ("left", "center", "right")
APPENDIX_LABEL = "Phụ lục"
_PARAGRAPH_KINDS = set(get_args(BlockKind))


# The left column widens, in these steps, for a letterhead line the administrator placed that is
# wider than 63 mm ("BAN THI ĐUA – KHEN THƯỞNG", 70.3 mm at 13 pt bold). The widest step leaves
# the Quốc hiệu room for one line at 12 pt (88.3 mm; the decree allows 12–13 pt).
LEFT_COLUMN_STEPS_MM = (63.0, 67.0, 71.0, 75.0)
CELL_SLACK_MM = 1.5


def is_long_date(date_line: str, right_mm: float = RIGHT_COLUMN_MM) -> bool:
    return text_width_mm(date_line, 14, italic=True) > right_mm - 2


def issuer_lines(header: dict, kept: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The lines the administrator placed (IssuingBody.header_name), else the name balanced, never
    broken inside a `kept` phrase (kept_phrases) when it can be helped."""
    if header.get("issuer_lines"):
        return tuple(header["issuer_lines"])
    return balanced_lines(header["issuer_name"], 13, LEFT_COLUMN_MM - CELL_SLACK_MM, kept=kept)


def header_columns(header: dict, kept: tuple[str, ...] = ()) -> dict:
    """The header's column widths and the sizes that keep its lines whole: the left column as wide
    as the widest letterhead line needs (up to the last step), the Quốc hiệu at 13 pt while it fits
    the right column on one line, else 12 pt; the date at 14 pt, else 13 pt."""
    needed = max(
        [text_width_mm(line, 13, bold=True) for line in issuer_lines(header, kept)]
        + [text_width_mm(header.get("parent_line") or "", 13)]
    )
    left = next(
        (step for step in LEFT_COLUMN_STEPS_MM if needed + CELL_SLACK_MM <= step), LEFT_COLUMN_STEPS_MM[-1]
    )
    right = TEXT_WIDTH_MM - left
    national_fits = text_width_mm(header["national_name"], 13, bold=True) + CELL_SLACK_MM <= right
    return {
        "left_mm": left,
        "right_mm": right,
        "css": f"left-{int(left)}",
        "national_size": 13 if national_fits else 12,
        "long_date": is_long_date(header["date_line"], right),
    }


def kept_phrases(context: dict) -> tuple[str, ...]:
    """The phrases marked as unbreakable when the context was built (frozen with it)."""
    return tuple(context.get("kept_phrases") or ())


def subject_lines(context: dict) -> tuple[str, ...]:
    """The subject in even lines: no year left alone on its second line."""
    return balanced_lines(context["subject"], 14, SUBJECT_WIDTH_MM - 1.5, kept=kept_phrases(context))


def footer_rows(context: dict) -> list[list[dict]]:
    """The foot of the document in the header's two columns, row by row: "Nơi nhận" on the left
    beside the signer's block; with a co-signer (the minutes' secretary), the co-signer's block on
    the left of the signer's, on one line, and "Nơi nhận" below them on the left (Phụ lục III, mẫu
    biên bản). A cell is {"kind": "recipients"}, {"kind": "signer", "signer": {lines, position,
    name}} or {"kind": "empty"}."""
    signature = context["signature"]
    signer = {"kind": "signer", "signer": signature}
    recipients = {"kind": "recipients"}
    co_signer = signature.get("co_signer")
    if not co_signer:
        return [[recipients, signer]]
    below = [[recipients, {"kind": "empty"}]] if context["recipients"]["lines"] else []
    return [[{"kind": "signer", "signer": co_signer}, signer], *below]


def appendix_heading(appendix: dict) -> dict:
    """Label, title (upper case) and subtitle, each balanced over lines of the text width."""
    label = " ".join(cell_text(appendix.get("label")).split()) or APPENDIX_LABEL
    title = " ".join(cell_text(appendix.get("title")).split()).upper()
    subtitle = " ".join(cell_text(appendix.get("subtitle")).split())
    width = TEXT_WIDTH_MM - 1.5
    return {
        "label": label,
        "title": title,
        "subtitle": subtitle,
        "title_lines": balanced_lines(title, 14, width) if title else (),
        # Upright widths: italic letters are narrower, so the lines fit.
        "subtitle_lines": balanced_lines(subtitle, 14, width, bold=False) if subtitle else (),
    }


# ---------------------------------------------------------------------------
# Tables and figures given as data (reports, appendices): {"kind": "table"|"figure", …}
# ---------------------------------------------------------------------------
def item_kind(item: dict) -> str:
    """What a body item is: plan contexts say it in "type", items built elsewhere in "kind"."""
    kind = item.get("type") or item.get("kind") or "paragraph"
    return "paragraph" if kind in _PARAGRAPH_KINDS else kind


def cell_text(value) -> str:
    """Any value as printable text: NFC, no control characters (DOCX refuses them)."""
    return "" if value is None else normalise(str(value))


def fit(values, count: int, fill="") -> list:
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
    given = [float(width) if _positive(width) else 0.0 for width in fit(table.get("widths_mm"), count, 0)]
    if count and all(given):
        scale = TEXT_WIDTH_MM / sum(given)
        return [width * scale for width in given]
    natural, minimal = [0.0] * count, [0.0] * count
    lines_by_column: list[list[tuple[str, bool]]] = [[] for _ in range(count)]
    for column, text in enumerate(fit(table.get("columns"), count)):
        lines_by_column[column] += [(line, True) for line in cell_text(text).split("\n")]
    for row in [*(table.get("rows") or []), table.get("total") or []]:
        for column, text in enumerate(fit(row, count)):
            lines_by_column[column] += [(line, False) for line in cell_text(text).split("\n")]
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
        value if value in ALIGNMENTS else "left" for value in fit(table.get("align"), table_columns(table))
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


MAX_SVG_CHARACTERS = 2_000_000
SVG_NAMESPACE = "http://www.w3.org/2000/svg"
_SVG_START = re.compile(r"<svg[\s/>]")


def standalone_svg(svg) -> str | None:
    """A figure's SVG as a standalone file (its namespace named), or None when it is not an SVG
    document: HTML shows it as an <img>, Word as a picture drawn from it; otherwise its table."""
    if not isinstance(svg, str):
        return None
    svg = svg.strip()
    if not _SVG_START.match(svg) or len(svg) > MAX_SVG_CHARACTERS:
        return None
    opening = svg.split(">", 1)[0]
    if "xmlns=" not in opening:  # a standalone SVG file must name its namespace to be drawn
        svg = f'<svg xmlns="{SVG_NAMESPACE}"{svg[4:]}'
    return svg
