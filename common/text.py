"""Text helpers for Vietnamese: search folding that ignores diacritics and case."""

import unicodedata

# "đ" is a letter of its own, not "d" plus a combining mark, so NFD does not strip it.
_EXTRA_FOLDS = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text: str) -> str:
    """Lower-case `text` and drop its diacritics: "Kế hoạch Tập huấn" -> "ke hoach tap huan"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_EXTRA_FOLDS))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())
