"""Money in Vietnamese documents: "1.250.000 đồng" and "Một triệu hai trăm năm mươi nghìn đồng"."""

from decimal import ROUND_HALF_UP, Decimal

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_BILLION = 1_000_000_000


def format_number(value: int | Decimal) -> str:
    """Group thousands with dots, the Vietnamese way: 1250000 -> "1.250.000"; decimals after a comma."""
    number = Decimal(value)
    sign = "-" if number < 0 else ""
    number = abs(number)
    whole = int(number)
    fraction = number - whole
    text = f"{whole:,}".replace(",", ".")
    if fraction:
        digits = format(fraction.normalize(), "f").split(".")[1]
        text = f"{text},{digits}"
    return sign + text


def format_vnd(value: int | Decimal) -> str:
    """ "1.250.000 đồng"; amounts are whole đồng (rounded half up)."""
    return f"{format_number(_whole(value))} đồng"


def _whole(value: int | Decimal) -> int:
    return int(Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _three_digits(group: int, *, leading: bool) -> list[str]:
    """Words for 0 < group < 1000.

    A group that is not the leading one always says its hundreds ("không trăm") and uses "linh"
    for a missing ten, so 1.000.005 reads "một triệu không trăm linh năm".
    """
    hundreds, rest = divmod(group, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or not leading:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and words:
            words.append("linh")
    elif tens == 1:
        words.append("mười")
    else:
        words += [_DIGITS[tens], "mươi"]
    if units == 1 and tens >= 2:
        words.append("mốt")
    elif units == 5 and tens >= 1:
        words.append("lăm")
    elif units:
        words.append(_DIGITS[units])
    return words


def _below_billion(number: int, *, leading: bool) -> list[str]:
    """Words for 0 < number < 10^9, read by groups of three digits."""
    millions, rest = divmod(number, 1_000_000)
    thousands, units = divmod(rest, 1000)
    words: list[str] = []
    for group, scale in ((millions, "triệu"), (thousands, "nghìn"), (units, "")):
        if not group:
            continue
        words += _three_digits(group, leading=leading and not words)
        if scale:
            words.append(scale)
    return words


def _words(number: int, *, leading: bool) -> list[str]:
    if number >= _BILLION:
        billions, rest = divmod(number, _BILLION)
        words = [*_words(billions, leading=leading), "tỷ"]
        if rest:
            words += _below_billion(rest, leading=False)
        return words
    return _below_billion(number, leading=leading)


def number_to_words(value: int) -> str:
    """The number in Vietnamese words, lower case: 21 -> "hai mươi mốt", 105 -> "một trăm linh năm"."""
    number = int(value)
    if number == 0:
        return "không"
    if number < 0:
        return "âm " + number_to_words(-number)
    return " ".join(_words(number, leading=True))


def vnd_in_words(value: int | Decimal) -> str:
    """ "Một triệu hai trăm năm mươi nghìn đồng": capitalised, ending with "đồng"."""
    words = number_to_words(_whole(value))
    return f"{words[0].upper()}{words[1:]} đồng"
