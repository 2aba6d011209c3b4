"""Money as Vietnamese documents write it: "1.250.000 đồng", "Một triệu hai trăm năm mươi nghìn đồng"."""

from decimal import Decimal

import pytest

from plans.documents.amounts import format_number, format_vnd, number_to_words, vnd_in_words


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "0"),
        (7, "7"),
        (1000, "1.000"),
        (1_250_000, "1.250.000"),
        (1_000_000_000, "1.000.000.000"),
        (Decimal("2.50"), "2,5"),
        (Decimal("1.00"), "1"),
        (-1500, "-1.500"),
    ],
)
def test_numbers_group_thousands_with_dots_and_decimals_after_a_comma(value, expected):
    assert format_number(value) == expected


def test_an_amount_in_dong_is_whole_and_rounded_half_up():
    assert format_vnd(1_250_000) == "1.250.000 đồng"
    assert format_vnd(Decimal("999.5")) == "1.000 đồng"
    assert format_vnd(0) == "0 đồng"


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (0, "không"),
        (1, "một"),
        (5, "năm"),
        (10, "mười"),
        (11, "mười một"),
        (14, "mười bốn"),
        (15, "mười lăm"),
        (20, "hai mươi"),
        (21, "hai mươi mốt"),
        (25, "hai mươi lăm"),
        (55, "năm mươi lăm"),
        (91, "chín mươi mốt"),
        (100, "một trăm"),
        (101, "một trăm linh một"),
        (105, "một trăm linh năm"),
        (110, "một trăm mười"),
        (111, "một trăm mười một"),
        (115, "một trăm mười lăm"),
        (121, "một trăm hai mươi mốt"),
        (1000, "một nghìn"),
        (1001, "một nghìn không trăm linh một"),
        (1010, "một nghìn không trăm mười"),
        (1005, "một nghìn không trăm linh năm"),
        (10_010, "mười nghìn không trăm mười"),
        (100_000, "một trăm nghìn"),
        (1_000_005, "một triệu không trăm linh năm"),
        (1_005_000, "một triệu không trăm linh năm nghìn"),
        (1_250_000, "một triệu hai trăm năm mươi nghìn"),
        (21_000_000, "hai mươi mốt triệu"),
        (1_000_000_000, "một tỷ"),
        (1_000_000_001, "một tỷ không trăm linh một"),
        (15_000_000_000, "mười lăm tỷ"),
        (2_000_000_000_000, "hai nghìn tỷ"),
        (-21, "âm hai mươi mốt"),
    ],
)
def test_numbers_read_in_vietnamese_words(value, words):
    assert number_to_words(value) == words


def test_the_amount_in_words_is_capitalised_and_ends_with_dong():
    assert vnd_in_words(1_250_000) == "Một triệu hai trăm năm mươi nghìn đồng"
    assert vnd_in_words(0) == "Không đồng"
    assert vnd_in_words(Decimal("1000005")) == "Một triệu không trăm linh năm đồng"


def test_no_number_up_to_twenty_thousand_breaks_the_reading_rules():
    for value in range(20_001):
        words = number_to_words(value)
        assert "  " not in words, value
        # "mốt" after a ten from twenty on, "lăm" after any ten, "linh" only after "trăm".
        assert "mươi một" not in words, value
        assert "mươi năm" not in words.replace("mươi năm mươi", ""), value
        assert "mười năm" not in words, value
        tokens = words.split()
        for index, token in enumerate(tokens):
            if token == "linh":
                assert tokens[index - 1] == "trăm", value
            if token == "mốt":
                assert tokens[index - 1] == "mươi", value
