"""Search folding: Vietnamese typed with or without diacritics, in any case, matches."""

import unicodedata

import pytest

from common.text import fold


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Kế hoạch Tập huấn", "ke hoach tap huan"),
        ("ĐỒNG THÁP", "dong thap"),
        ("Sở Giáo dục và Đào tạo", "so giao duc va dao tao"),
        ("  Thi   đua\tkhen thưởng ", "thi dua khen thuong"),
        (unicodedata.normalize("NFD", "Tháp Mười"), "thap muoi"),
    ],
)
def test_fold_drops_diacritics_case_and_extra_spaces(text, folded):
    assert fold(text) == folded
