"""The arithmetic of scoring: formulas of points, caps of penalty and bonus, totals and ranking."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from emulation.arithmetic import maximum, points_from_result, ranks, rounded, totals
from emulation.choices import CriterionKind, PointsFormula

D = Decimal
points = st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False, allow_infinity=False)
positive = st.decimals(min_value=D("0.01"), max_value=1000, places=2, allow_nan=False, allow_infinity=False)


def criterion(kind=CriterionKind.QUANTITATIVE, pk=1, **fields):
    values = {
        "pk": pk,
        "kind": kind,
        "max_points": D("10"),
        "formula": "",
        "target": None,
        "base_points": None,
        "points_per_unit": None,
        "deduction_per_unit": None,
    }
    return SimpleNamespace(**(values | fields))


@pytest.mark.parametrize(
    ("result", "expected"),
    [(D("0"), D("0")), (D("50"), D("5.00")), (D("80"), D("8.00")), (D("100"), D("10")), (D("150"), D("10"))],
)
def test_proportional_points_grow_with_the_result_and_stop_at_the_maximum(result, expected):
    rule = criterion(formula=PointsFormula.PROPORTIONAL, target=D("100"))
    assert points_from_result(rule, result) == expected


def test_proportional_points_are_rounded_half_up_to_two_places():
    rule = criterion(formula=PointsFormula.PROPORTIONAL, target=D("3"), max_points=D("10"))
    assert points_from_result(rule, D("1")) == D("3.33")
    assert points_from_result(rule, D("2")) == D("6.67")
    assert rounded(D("0.125")) == D("0.13")


def test_threshold_gives_the_maximum_only_once_the_target_is_reached():
    rule = criterion(formula=PointsFormula.THRESHOLD, target=D("12"), max_points=D("5"))
    assert points_from_result(rule, D("11.99")) == 0
    assert points_from_result(rule, D("12")) == D("5")
    assert points_from_result(rule, D("40")) == D("5")


def test_stepped_adds_per_unit_above_and_deducts_per_unit_below_within_zero_and_maximum():
    rule = criterion(
        formula=PointsFormula.STEPPED,
        target=D("10"),
        max_points=D("10"),
        base_points=D("8"),
        points_per_unit=D("0.5"),
        deduction_per_unit=D("1"),
    )
    assert points_from_result(rule, D("10")) == D("8")
    assert points_from_result(rule, D("12")) == D("9")
    assert points_from_result(rule, D("30")) == D("10")  # capped
    assert points_from_result(rule, D("7")) == D("5")
    assert points_from_result(rule, D("0")) == D("0")  # never below zero


def test_per_occurrence_counts_points_each_up_to_the_cap():
    rule = criterion(kind=CriterionKind.PER_OCCURRENCE, points_per_unit=D("0.5"), max_points=D("2"))
    assert points_from_result(rule, D("3")) == D("1.5")
    assert points_from_result(rule, D("9")) == D("2")


def test_a_penalty_per_occurrence_deducts_at_most_its_cap():
    rule = criterion(kind=CriterionKind.PENALTY, points_per_unit=D("1"), max_points=D("3"))
    assert points_from_result(rule, D("5")) == D("3")


def test_totals_add_bonus_deduct_penalty_and_apply_the_tables_caps():
    rules = [
        criterion(CriterionKind.QUALITATIVE, pk=1, max_points=D("40")),
        criterion(CriterionKind.QUALITATIVE, pk=2, max_points=D("60")),
        criterion(CriterionKind.BONUS, pk=3, max_points=D("5")),
        criterion(CriterionKind.BONUS, pk=4, max_points=D("5")),
        criterion(CriterionKind.PENALTY, pk=5, max_points=D("10")),
        criterion(CriterionKind.GROUP, pk=6, max_points=D("0")),
    ]
    given_points = {1: D("35.5"), 2: D("50"), 3: D("4"), 4: D("3"), 5: D("6")}
    assert maximum(rules) == D("100")
    free = totals(rules, given_points, bonus_cap=None, penalty_cap=None)
    assert (free.regular, free.bonus, free.penalty, free.total) == (D("85.5"), D("7"), D("6"), D("86.5"))
    capped = totals(rules, given_points, bonus_cap=D("5"), penalty_cap=D("2.5"))
    assert (capped.bonus, capped.penalty, capped.total) == (D("5"), D("2.5"), D("88.0"))
    assert capped.scored == 5


def test_a_total_never_drops_below_zero():
    rules = [
        criterion(CriterionKind.QUALITATIVE, pk=1),
        criterion(CriterionKind.PENALTY, pk=2, max_points=D("20")),
    ]
    assert totals(rules, {1: D("3"), 2: D("20")}, bonus_cap=None, penalty_cap=None).total == 0


def test_equal_totals_share_a_rank_and_the_next_rank_skips():
    assert ranks({10: D("90"), 11: D("95.5"), 12: D("90"), 13: D("80")}) == {11: 1, 10: 2, 12: 2, 13: 4}


@given(
    formula=st.sampled_from(PointsFormula.values),
    top=points,
    target=positive,
    result=points,
    base_share=st.decimals(min_value=0, max_value=1, places=2),
    step=points,
    deduction=points,
)
def test_quantitative_points_always_lie_within_zero_and_the_maximum(
    formula, top, target, result, base_share, step, deduction
):
    rule = criterion(
        formula=formula,
        max_points=top,
        target=target,
        base_points=rounded(top * base_share),
        points_per_unit=step,
        deduction_per_unit=deduction,
    )
    value = points_from_result(rule, result)
    assert 0 <= value <= top
    assert value == value.quantize(D("0.01"))


@given(formula=st.sampled_from(PointsFormula.values), top=points, target=positive, low=points, high=points)
def test_a_better_result_never_earns_fewer_points(formula, top, target, low, high):
    low, high = sorted((low, high))
    rule = criterion(
        formula=formula, max_points=top, target=target, points_per_unit=D("0.5"), deduction_per_unit=D("0.5")
    )
    assert points_from_result(rule, low) <= points_from_result(rule, high)


@given(
    regular=st.lists(points, max_size=6),
    bonus=st.lists(points, max_size=3),
    penalty=st.lists(points, max_size=3),
    bonus_cap=st.none() | points,
    penalty_cap=st.none() | points,
)
def test_caps_bound_bonus_and_penalty_and_the_total_stays_within_them(
    regular, bonus, penalty, bonus_cap, penalty_cap
):
    rules, given_points = [], {}
    for kind, values in (
        (CriterionKind.QUALITATIVE, regular),
        (CriterionKind.BONUS, bonus),
        (CriterionKind.PENALTY, penalty),
    ):
        for value in values:
            pk = len(rules) + 1
            rules.append(criterion(kind, pk=pk, max_points=value))
            given_points[pk] = value
    result = totals(rules, given_points, bonus_cap=bonus_cap, penalty_cap=penalty_cap)
    assert result.regular == sum(regular, D("0"))
    if bonus_cap is not None:
        assert result.bonus <= bonus_cap
    if penalty_cap is not None:
        assert result.penalty <= penalty_cap
    assert 0 <= result.total <= result.regular + result.bonus
    assert result.total >= result.regular + result.bonus - result.penalty


@given(st.dictionaries(st.integers(1, 50), points, max_size=12))
def test_a_higher_total_always_ranks_ahead(totals_by_unit):
    positions = ranks(totals_by_unit)
    for unit, value in totals_by_unit.items():
        assert positions[unit] == 1 + sum(1 for other in totals_by_unit.values() if other > value)
