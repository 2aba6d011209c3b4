"""The arithmetic of scoring, on plain values: a criterion's points from a result, a unit's totals,
and the ranking. No database here, so every rule is tested on its own (tests/emulation/
test_arithmetic.py, with hypothesis).

Points are Decimals with two places, rounded half up (0.125 → 0.13), as scores are read aloud at
the meeting; every criterion's points lie within 0..its maximum; a penalty is a deduction within
its cap; bonus and penalty totals are capped by the table when it says so; a total never drops
below zero.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from emulation.choices import CriterionKind, PointsFormula
from emulation.models.criteria import REGULAR_KINDS

CENT = Decimal("0.01")
ZERO = Decimal("0")


def rounded(value: Decimal) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def clamp(value: Decimal, high: Decimal, low: Decimal = ZERO) -> Decimal:
    return max(low, min(high, value))


def points_from_result(criterion, result: Decimal) -> Decimal:
    """The points a result earns on a criterion that takes one (quantitative, per occurrence, or a
    bonus or penalty counted per occurrence), capped at the criterion's maximum."""
    top = criterion.max_points
    if criterion.kind == CriterionKind.QUANTITATIVE:
        target = criterion.target
        if criterion.formula == PointsFormula.PROPORTIONAL:
            return rounded(clamp(top * result / target, top))
        if criterion.formula == PointsFormula.THRESHOLD:
            return top if result >= target else ZERO
        # Stepped: the base at the target, plus each unit above, minus each unit below.
        base = criterion.base_points if criterion.base_points is not None else top
        if result >= target:
            value = base + (criterion.points_per_unit or ZERO) * (result - target)
        else:
            value = base - (criterion.deduction_per_unit or ZERO) * (target - result)
        return rounded(clamp(value, top))
    return rounded(clamp((criterion.points_per_unit or ZERO) * result, top))


@dataclass(frozen=True)
class Totals:
    """A unit's totals on one side: regular points (of the table's maximum), bonus, penalty, total."""

    regular: Decimal = ZERO
    bonus: Decimal = ZERO
    penalty: Decimal = ZERO
    scored: int = 0  # criteria given points

    @property
    def total(self) -> Decimal:
        return max(ZERO, self.regular + self.bonus - self.penalty)


def totals(
    criteria: Iterable,
    points: Mapping[int, Decimal],
    *,
    bonus_cap: Decimal | None,
    penalty_cap: Decimal | None,
) -> Totals:
    """The totals of `points` (criterion id → points) over `criteria`; a criterion not scored
    counts zero. The table's caps bound the sums of bonus and of penalty."""
    regular = bonus = penalty = ZERO
    scored = 0
    for criterion in criteria:
        value = points.get(criterion.pk)
        if value is None:
            continue
        scored += 1
        if criterion.kind in REGULAR_KINDS:
            regular += value
        elif criterion.kind == CriterionKind.BONUS:
            bonus += value
        elif criterion.kind == CriterionKind.PENALTY:
            penalty += value
    if bonus_cap is not None:
        bonus = min(bonus, bonus_cap)
    if penalty_cap is not None:
        penalty = min(penalty, penalty_cap)
    return Totals(regular=regular, bonus=bonus, penalty=penalty, scored=scored)


def maximum(criteria: Iterable) -> Decimal:
    """The table's maximum: the sum of its regular criteria's maxima (bonus comes on top)."""
    return sum((criterion.max_points for criterion in criteria if criterion.kind in REGULAR_KINDS), ZERO)


def ranks(totals_by_unit: Mapping[int, Decimal]) -> dict[int, int]:
    """Competition ranking (1, 2, 2, 4): equal totals share a rank, the next rank skips."""
    ordered = sorted(totals_by_unit.values(), reverse=True)
    first_place = {}
    for index, value in enumerate(ordered, start=1):
        first_place.setdefault(value, index)
    return {unit: first_place[value] for unit, value in totals_by_unit.items()}
