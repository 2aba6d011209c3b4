"""Text helpers for Vietnamese: search folding that ignores diacritics and case."""

import re
import unicodedata

# "đ" is a letter of its own, not "d" plus a combining mark, so NFD does not strip it.
_EXTRA_FOLDS = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text: str) -> str:
    """Lower-case `text` and drop its diacritics: "Kế hoạch Tập huấn" -> "ke hoach tap huan"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_EXTRA_FOLDS))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())


# One Vietnamese syllable, folded: an onset, a vowel nucleus, a final. Capitals that are not one
# (UBND, HĐND, TĐKT, MTTQ) are an abbreviation; Roman numerals (Quý II) are kept as well.
_SYLLABLE = re.compile(
    r"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]+(ng|nh|ch|[cmnpt])?$"
)
_ROMAN = re.compile(r"^[IVXLC]+$")
# A quoted name ("phong trào “Chung sức …”") starts with a capital, as the sentence does.
_QUOTED_START = re.compile(r"(“)(\w)")


def _keeps_capitals(word: str) -> bool:
    letters = "".join(character for character in word if character.isalpha())
    if not letters or not letters.isupper():
        return False
    return bool(_ROMAN.match(letters)) or not _SYLLABLE.match(fold(letters))


def sentence_case(text: str) -> str:
    """ "KẾ HOẠCH TỔ CHỨC HỘI NGHỊ TĐKT NĂM 2024" -> "Kế hoạch tổ chức hội nghị TĐKT năm 2024".

    Abbreviations keep their capitals; proper names (a place, a body) are lowered like the rest and
    are left for the drafter to capitalise again.
    """
    words = [word if _keeps_capitals(word) else word.lower() for word in text.split(" ")]
    result = _QUOTED_START.sub(lambda match: match[1] + match[2].upper(), " ".join(words))
    for index, character in enumerate(result):
        if character.isalpha():
            return result[:index] + character.upper() + result[index + 1 :]
    return result


# ---------------------------------------------------------------------------
# Text coming in: the one rule every form and every import applies
# ---------------------------------------------------------------------------
_LINE_BREAKS = {"\r\n": "\n", "\r": "\n"}
# Word's Shift+Enter (vertical tab), form feed, NEL and the Unicode line and paragraph separators
# are line breaks; tabs and the odd spaces of pasted text are plain spaces.
_AS_NEWLINE = dict.fromkeys(map(ord, "\x0b\x0c\x85\u2028\u2029"), "\n")
_AS_SPACE = dict.fromkeys(
    map(ord, "\t\u00a0\u1680\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B)))), " "
)
# Invisible characters that only get in the way of search, comparison and printing: zero-width
# space, word joiner, byte-order mark, soft hyphen, and the bidirectional marks and overrides
# (which can make text read differently from what it holds).
_DROPPED = dict.fromkeys(
    map(
        ord,
        "\u200b\u2060\ufeff\u00ad\u200e\u200f\u061c"
        + "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
    ),
    None,
)
_TRANSLATION = {**_AS_NEWLINE, **_AS_SPACE, **_DROPPED}
_JOINERS = "\u200c\u200d"


def _keeps_joiner(text: str, index: int) -> bool:
    """A zero-width joiner or non-joiner stays between two symbols (it binds emoji such as 👨‍👩‍👧)."""
    before = text[index - 1] if index > 0 else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    return (
        bool(before and after)
        and unicodedata.category(before) == "So"
        and unicodedata.category(after) == "So"
    )


def clean_text(value: str, *, single_line: bool) -> str:
    """Text as the app keeps it: NFC, "\\n" line ends, no control or invisible characters, plain
    spaces; `single_line` text has its line breaks folded into one space (a subject pasted from
    Word) and no spaces at either end or in a row."""
    text = unicodedata.normalize("NFC", value)
    for old, new in _LINE_BREAKS.items():
        text = text.replace(old, new)
    text = text.translate(_TRANSLATION)
    text = "".join(
        char
        for index, char in enumerate(text)
        if char == "\n"
        or (char in _JOINERS and _keeps_joiner(text, index))
        or (
            char not in _JOINERS
            and unicodedata.category(char) not in ("Cc", "Cs")
            and char not in "\ufffe\uffff"
        )
    )
    if single_line:
        return " ".join(text.split())
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")
