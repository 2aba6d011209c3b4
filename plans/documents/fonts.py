"""Font metrics: how wide a line of Times New Roman prints, and names broken into even lines.

Liberation Serif (or Tinos) has the metrics of Times New Roman, so the widths measured here are the
widths Word and WeasyPrint print; without any of these fonts a width is estimated.
"""

import functools
import itertools
import os
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings

from common.errors import ServiceError
from plans.documents.glue import glued_spans

# The font every document prints with, carried by the project (static/fonts/liberation, OFL) and
# loaded by the stylesheet's @font-face; Word files name Times New Roman, its metric twin.
DOCUMENT_FONT_FAMILY = "Liberation Serif"
FONT_DIRECTORY = Path(settings.BASE_DIR) / "static" / "fonts" / "liberation"
WRONG_FONT_MESSAGE = (
    "Không in được văn bản: chữ trong bản PDF không dùng phông {expected} (tương đương Times New Roman) "
    "của phần mềm mà dùng {found}. Văn bản chưa được ban hành, chưa lưu bản nào; hãy báo quản trị hệ "
    "thống kiểm tra thư mục phông chữ {folder}."
)


class DocumentFontError(ServiceError):
    """The PDF would not print in the document font: nothing may be issued or frozen with it."""


def check_document_fonts(families: Iterable[str]) -> None:
    """Refuse a rendered document whose text reached the PDF in another font than the project's."""
    found = sorted(set(families))
    if set(found) - {DOCUMENT_FONT_FAMILY}:
        raise DocumentFontError(
            WRONG_FONT_MESSAGE.format(
                expected=DOCUMENT_FONT_FAMILY,
                found=", ".join(found),
                folder=FONT_DIRECTORY,
            )
        )


# Words a line of the issuing body's name may well start with, and how much that is worth (mm).
PREFERRED_LINE_STARTS = {"XÃ", "PHƯỜNG", "THỊ", "HUYỆN", "QUẬN", "THÀNH", "TỈNH", "CÁC", "THUỘC", "TẠI", "VÀ"}
PREFERRED_BREAK_MM = 10.0
AVOIDED_BREAK_MM = 20.0
KEPT_BREAK_MM = 1000.0  # inside a phrase the administrator marks: only when nothing else fits
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


_FONT_FILES = {
    (False, False): ("LiberationSerif-Regular.ttf", "Tinos-Regular.ttf", "times.ttf"),
    (True, False): ("LiberationSerif-Bold.ttf", "Tinos-Bold.ttf", "timesbd.ttf"),
    (False, True): ("LiberationSerif-Italic.ttf", "Tinos-Italic.ttf", "timesi.ttf"),
    (True, True): ("LiberationSerif-BoldItalic.ttf", "Tinos-BoldItalic.ttf", "timesbi.ttf"),
}
_FONT_FOLDERS = (
    str(FONT_DIRECTORY),
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    str(Path.home() / ".fonts"),
)


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


@functools.cache
def balanced_lines(
    text: str, size_pt: float, width_mm: float, *, bold: bool = True, kept: tuple[str, ...] = ()
) -> tuple[str, ...]:
    """`text` broken into as few lines as fit `width_mm`, the lines as even as possible.

    "ỦY BAN NHÂN DÂN XÃ TÂN LẬP" in the 63 mm column then reads "ỦY BAN NHÂN DÂN / XÃ TÂN LẬP"
    rather than leaving "LẬP" alone on the second line. A word wider than the column is left to
    the layout engine.
    """
    words = text.split()
    kept_breaks = _breaks_inside(words, kept)

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
            bonus = -KEPT_BREAK_MM if end in kept_breaks else _break_bonus(words, end)
            result = min(result, (max(first, rest) - bonus, (end, *breaks)))
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


def _breaks_inside(words: list[str], kept: tuple[str, ...]) -> set[int]:
    """The indexes of the words that a line may not start with: inside a marked phrase."""
    if not kept:
        return set()
    starts, position = [], 0
    for word in words:
        starts.append(position)
        position += len(word) + 1
    spans = glued_spans(" ".join(words), kept)
    return {index for index, start in enumerate(starts) if any(a < start < b for a, b in spans)}


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
