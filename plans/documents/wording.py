"""Words and numbers as an official document writes them: numerals, dates, sentences, clean text."""

import re
import unicodedata
from typing import Any

from plans.documents.amounts import format_vnd, vnd_in_words

NBSP = "\u00a0"
# Where the clerk writes the number and the day by hand on a draft.
BLANK_NUMBER = NBSP * 6
BLANK_DAY = NBSP * 6
MISSING_PLACE = "……"

# Points (điểm) follow the Vietnamese alphabet: there is no f, j, w or z, and đ comes after d.
VIETNAMESE_LETTERS = tuple("abcdđeghiklmnopqrstuvxy")
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"))
_ROMAN += ((40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))

# C0/C1 control characters cannot be printed and are not allowed in DOCX XML; tabs become spaces.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def roman(number: int) -> str:
    result = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        result.append(letters * count)
    return "".join(result)


def vietnamese_letter(index: int) -> str:
    """1 -> "a", 5 -> "đ", 24 -> "aa": points beyond "y" double the letter."""
    letter = VIETNAMESE_LETTERS[(index - 1) % len(VIETNAMESE_LETTERS)]
    return letter * ((index - 1) // len(VIETNAMESE_LETTERS) + 1)


def two_digits(count: int) -> str:
    """Counts of people print with two digits: 01, 04, 15, 120."""
    return f"{count:02d}"


def full_date(day) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def month_text(month: int) -> str:
    """Months 1 and 2 take a leading zero in the date line (so "tháng 01" cannot be misread)."""
    return f"{month:02d}" if month <= 2 else str(month)


def date_line(place: str, day: str, month: str, year: int) -> str:
    """ "Tháp Mười, ngày 05 tháng 6 năm 2024"; a blank day or month stays a run of spaces."""
    place = place.strip() or MISSING_PLACE
    return f"{place}, ngày{_spaced(day)}tháng{_spaced(month)}năm {year}"


def _spaced(value: str) -> str:
    """A blank stays a run of non-breaking spaces; a number sits between ordinary spaces."""
    return value if value.startswith(NBSP) else f" {value} "


def date_span(start, end) -> str:
    if end and end != start:
        return f"từ ngày {full_date(start)} đến ngày {full_date(end)}"
    return f"ngày {full_date(start)}"


def strip_end(text: str, characters: str = ";.,: ") -> str:
    return (text or "").strip().rstrip(characters).strip()


def sentence(text: str, end: str = ".") -> str:
    """`text` ending with `end`, unless it already ends with terminal punctuation."""
    text = (text or "").strip()
    if not text or text[-1] in ".:!?…":
        return text
    return text.rstrip(";,") + end


def lower_first(text: str) -> str:
    """Lower the first letter of a subject quoted in a sentence, but keep acronyms such as "UBND"."""
    text = (text or "").strip()
    first_word = text.split(" ", 1)[0]
    if len(first_word) > 1 and first_word.isupper():
        return text
    return text[:1].lower() + text[1:]


def money_sentence(label: str, total) -> str:
    return f"{label}: {format_vnd(total)} (Bằng chữ: {vnd_in_words(total)})."


def normalise(value: Any) -> Any:
    """NFC text without control characters, all through the context (NFD input prints badly)."""
    if isinstance(value, str):
        return _CONTROL.sub("", unicodedata.normalize("NFC", value.replace("\t", " ")))
    if isinstance(value, list):
        return [normalise(item) for item in value]
    if isinstance(value, dict):
        return {key: normalise(item) for key, item in value.items()}
    return value
