"""Where a printed line may not break: inside a document number or symbol ("17/NQ-HĐND"), a date
("15/3/2026"), a compound ("KH-UBND", "2022-2025"), a phrase the administrator marks, and between
the last word and the end mark ("thực hiện./.").

One function, `pieces`, cuts a text into pieces that are glued or not; the HTML (and so the PDF)
wraps glued pieces in a nowrap span, Word writes them with non-breaking spaces and hyphens. The
letters stay the same: a copy from the PDF or a search in it finds the text as typed.
"""

import functools
import re
from collections.abc import Iterable

from django.utils.html import escape

NO_BREAK_SPACE = "\u00a0"
# Stands for Word's <w:noBreakHyphen/> between `word_text` and the DOCX writer; never printed.
NO_BREAK_HYPHEN = "\u2011"
# A longer "compound" is a run-on text, not a number: let it wrap rather than overflow the line.
MAX_GLUED_CHARACTERS = 40

# 17/NQ-HĐND, 30/2020/NĐ-CP, 15/3/2026, KH-UBND, TĐKT-VP, 2022-2025, I/2024.
_COMPOUND = r"(?<![\w/-])\w+(?:[/-]\w+)+(?![\w/-])"
# The end mark with the word before it, whatever that word ends with: "hiện./.", "ngày))./.".
_END_MARK = r"\S+\./\.(?!\S)"


@functools.lru_cache(maxsize=64)
def _pattern(phrases: tuple[str, ...]) -> re.Pattern:
    alternatives = [_phrase_pattern(phrase) for phrase in phrases if phrase.strip()]
    return re.compile("|".join([*alternatives, _END_MARK, _COMPOUND]), re.IGNORECASE)


def _phrase_pattern(phrase: str) -> str:
    """A marked phrase, spaces matching any run of spaces; one ending in "-" or "/" ("TĐKT-") takes
    the word that follows it."""
    words = phrase.split()
    body = r"\s+".join(re.escape(word) for word in words)
    if words[-1][-1] in "-/":
        body += r"\w+(?:[/-]\w+)*"
    return rf"(?<!\w){body}(?!\w)"


def glued_spans(text: str, phrases: Iterable[str] = ()) -> list[list[int]]:
    """[start, end) of each piece of `text` no line may break inside, in order, not overlapping."""
    spans: list[list[int]] = []
    for match in _pattern(tuple(phrases)).finditer(text):
        start, end = match.span()
        if end - start > MAX_GLUED_CHARACTERS and match.group().count(" ") == 0:
            continue
        if spans and start <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    return spans


def pieces(text: str, phrases: Iterable[str] = ()) -> list[tuple[str, bool]]:
    """`text` as consecutive (piece, glued) pairs; joined again they give `text` unchanged."""
    result, position = [], 0
    for start, end in glued_spans(text, phrases):
        if start > position:
            result.append((text[position:start], False))
        result.append((text[start:end], True))
        position = end
    if position < len(text):
        result.append((text[position:], False))
    return result


def glued_html(text: str, phrases: Iterable[str] = ()) -> str:
    """`text` escaped, its glued pieces in <span class="glue"> (white-space: nowrap)."""
    return "".join(
        f'<span class="glue">{escape(piece)}</span>' if glued else escape(piece)
        for piece, glued in pieces(text, phrases)
    )


def word_text(text: str, phrases: Iterable[str] = ()) -> str:
    """`text` for Word: in glued pieces, non-breaking spaces and NO_BREAK_HYPHEN for hyphens."""
    return "".join(
        piece.replace(" ", NO_BREAK_SPACE).replace("-", NO_BREAK_HYPHEN) if glued else piece
        for piece, glued in pieces(text, phrases)
    )
