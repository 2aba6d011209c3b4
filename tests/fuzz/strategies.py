"""Hostile input as people and tools produce it: text pasted from Word, control characters, very
long strings, SQL and HTML, numbers out of range, dates that do not exist."""

from hypothesis import strategies as st

WORD_PASTE = [
    "\u00a0",  # no-break space
    "\u00ad",  # soft hyphen
    "\u200d",  # zero-width joiner
    "\u200b",  # zero-width space
    "\u200f",  # right-to-left mark
    "\u202e",  # right-to-left override
    "\ufeff",  # byte-order mark
    "\x0b",  # Shift+Enter in Word
    "\x1b",  # ESC
    "\x00",
    "\r\n",
    "\n",
    "\t",
    "\u2028",
    "😀",
    "👨\u200d👩\u200d👧",
]
NASTY = [
    "'; DROP TABLE plans_plan; --",
    "' OR '1'='1",
    "<script>alert(1)</script>",
    "<b>đậm</b>",
    "{{ 7*7 }}",
    "{% debug %}",
    "=1+1",
    "+84 912",
    "-5",
    "@SUM(A1)",
    "%s%s%n",
    "../../etc/passwd",
    "Kế hoạch thi đua năm 2024",
    "1.500.000",
    "2,5",
    "1e400",
    "NaN",
    "-0",
    "99999999999999999999999",
    "31/02/2024",
    "01/01/1900",
    "9999-12-31",
    "0",
    "",
    " ",
]

hostile_text = st.one_of(
    st.sampled_from(NASTY),
    st.lists(
        st.one_of(st.sampled_from(WORD_PASTE), st.sampled_from(NASTY), st.text(max_size=8)), max_size=6
    ).map("".join),
    st.text(max_size=40),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.dates().map(lambda day: day.strftime("%d/%m/%Y")),
    st.integers(min_value=300, max_value=6000).map(lambda length: "Đ" * length),
)
