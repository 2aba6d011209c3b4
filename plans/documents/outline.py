"""How a plan numbers its parts: the style of each level, and the number every section prints.

A plan chooses the style of its top-level sections (I., 1., A. or none) and the ladder of the levels
below them (1., a), -, + as Nghị định 30/2020/NĐ-CP sets them out, or 1.1., 1.1.1., or a), -, +, or
-, +). `section_numbers(plan)` is the one place that gives each section its printed number: the
document walks the sections with it, and the editor shows it beside each row.
"""

import re
from dataclasses import dataclass

from plans.choices import ClauseNumbering, HeadingNumbering, SectionBlock
from plans.documents.wording import roman, vietnamese_letter
from plans.models import Plan, Section

# The styles one level can take.
ROMAN = "roman"  # I., II.
ARABIC = "arabic"  # 1., 2.
UPPER_LETTER = "upper_letter"  # A., B.
DECIMAL = "decimal"  # 5.1., 5.2. under "5."; 1., 2. under anything else
LETTER = "letter"  # a), b), … đ)
DASH = "dash"  # -
PLUS = "plus"  # +
NONE = "none"

TOP_STYLES = {
    HeadingNumbering.ROMAN: ROMAN,
    HeadingNumbering.ARABIC: ARABIC,
    HeadingNumbering.UPPER_LETTERS: UPPER_LETTER,
    HeadingNumbering.NONE: NONE,
}
# The levels below the top one; deeper than its ladder, a level prints no number.
SUB_LADDERS = {
    ClauseNumbering.STANDARD: (ARABIC, LETTER, DASH, PLUS),
    ClauseNumbering.DECIMAL: (DECIMAL,),  # repeats: 5.1., 5.1.1.
    ClauseNumbering.LETTERS: (LETTER, DASH, PLUS),
    ClauseNumbering.DASHES: (DASH, PLUS),
}
_DECIMAL_NUMBER = re.compile(r"(\d+\.)+")
# Blocks that number their items below their section, with the part of the plan they number.
NUMBERING_BLOCKS = {SectionBlock.SESSIONS: "sessions", SectionBlock.DUTIES: "duties"}


@dataclass(frozen=True)
class Numbering:
    """The plan's numbering styles: the top level's and the ladder below it."""

    top: str = ROMAN
    ladder: tuple[str, ...] = SUB_LADDERS[ClauseNumbering.STANDARD]

    @classmethod
    def of(cls, plan: Plan) -> "Numbering":
        return cls(
            TOP_STYLES.get(plan.heading_numbering, ROMAN),
            SUB_LADDERS.get(plan.clause_numbering, SUB_LADDERS[ClauseNumbering.STANDARD]),
        )

    def style(self, level: int) -> str:
        if level <= 1:
            return self.top
        if self.ladder == (DECIMAL,):
            return DECIMAL
        index = level - 2
        return self.ladder[index] if index < len(self.ladder) else NONE

    def numeral(self, level: int, index: int, parent_number: str) -> str:
        """The numeral of the index-th numbered item at depth `level`: "II.", "3.", "b)", "5.2.", "-"."""
        style = self.style(level)
        if style == ROMAN:
            return f"{roman(index)}."
        if style == ARABIC:
            return f"{index}."
        if style == UPPER_LETTER:
            return f"{vietnamese_letter(index).upper()}."
        if style == DECIMAL:
            parent = parent_number if _DECIMAL_NUMBER.fullmatch(parent_number or "") else ""
            return f"{parent}{index}."
        if style == LETTER:
            return f"{vietnamese_letter(index)})"
        return {DASH: "-", PLUS: "+"}.get(style, "")

    def upper_heading(self, level: int) -> bool:
        """Top-level headings print in capitals ("I. MỤC ĐÍCH"), except in plans numbered "1. Mục đích"."""
        return level <= 1 and self.top not in (ARABIC, DECIMAL)


def is_numbered(section: Section) -> bool:
    """A section takes a number when it has a heading, or when the drafter asked for one (a clause
    "1. …" of text alone); an untitled section otherwise only continues its parent's text."""
    return bool(section.heading.strip()) or section.numbered


@dataclass(frozen=True)
class Place:
    """Where a section stands in the printed outline."""

    level: int
    number: str  # "" when it prints none


def section_numbers(
    plan: Plan, sections: list[Section] | None = None, *, counts: dict[str, int] | None = None
) -> dict[int, Place]:
    """Every section's level and printed number, by id, in the plan's order.

    `sections` are the plan's sections (read from the plan when omitted); `counts` the classes and
    duties that a section's block numbers below it, by block (counted from the plan when omitted).
    """
    sections = list(plan.sections.all()) if sections is None else sections
    numbering = Numbering.of(plan)
    children: dict[int | None, list[Section]] = {}
    for section in sections:
        children.setdefault(section.parent_id, []).append(section)
    if counts is None:
        counts = _block_counts(plan, {section.block for section in sections})
    places: dict[int, Place] = {}

    def walk(parent_id: int | None, level: int, parent_number: str, start: int) -> None:
        counter = start
        for section in children.get(parent_id, []):
            number = ""
            if is_numbered(section):
                counter += 1
                number = numbering.numeral(level, counter, parent_number)
            places[section.pk] = Place(level, number)
            walk(section.pk, level + 1, number, counts.get(section.block, 0))

    walk(None, 1, "", 0)
    return places


def _block_counts(plan: Plan, blocks: set[str]) -> dict[str, int]:
    """How many items each numbering block shown by the plan prints (so sub-sections continue after)."""
    numbering = {block: part for block, part in NUMBERING_BLOCKS.items() if block in blocks}
    return {block: len(getattr(plan, part).all()) for block, part in numbering.items()}
