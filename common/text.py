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
