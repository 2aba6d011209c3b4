"""Criteria tables: edited as a draft, frozen once issued, a new version to change, copied to next year."""

from decimal import Decimal

import pytest

from activities.choices import PeriodKind
from activities.models import Activity
from common.errors import ServiceError
from emulation import criteria as services
from emulation.choices import CriterionKind, PointsFormula, TableStatus
from emulation.models.criteria import CriteriaTable
from emulation.models.scores import ScoringChange
from emulation.scoring import criteria_of, group_maximum
from plans.policy import scoring as policy


def test_the_tree_reads_in_order_with_its_numbers_and_the_groups_maximum(table):
    numbered = [(criterion.number, criterion.depth, criterion.kind) for criterion in criteria_of(table)]
    assert numbered == [
        ("1", 0, CriterionKind.GROUP),
        ("1.1", 1, CriterionKind.QUANTITATIVE),
        ("1.2", 1, CriterionKind.QUALITATIVE),
        ("2", 0, CriterionKind.PER_OCCURRENCE),
        ("3", 0, CriterionKind.BONUS),
        ("4", 0, CriterionKind.PENALTY),
    ]
    assert group_maximum(criteria_of(table), table.named["group"]) == Decimal("30")


def test_an_issued_table_is_frozen(world, table):
    with pytest.raises(ServiceError, match="phiên bản mới"):
        services.criterion_save(
            actor=world.users["approver"],
            table=table,
            criterion=table.named["qualitative"],
            max_points=Decimal("12"),
        )


def test_a_quantitative_criterion_needs_its_target_and_formula(world, table):
    draft = services.table_new_version(actor=world.users["approver"], table=table)
    with pytest.raises(ServiceError) as refused:
        services.criterion_save(
            actor=world.users["approver"],
            table=draft,
            kind=CriterionKind.QUANTITATIVE,
            title="Tỷ lệ",
            max_points=5,
        )
    assert set(refused.value.errors) == {"formula", "target"}


def test_a_change_after_issue_makes_a_new_version_that_supersedes_the_old_once_issued(world, table):
    manager = world.users["approver"]
    draft = services.table_new_version(actor=manager, table=table)
    assert (draft.version, draft.previous, draft.status) == (2, table, TableStatus.DRAFT)
    copied = criteria_of(draft)
    assert [(c.number, c.title) for c in copied] == [(c.number, c.title) for c in criteria_of(table)]
    qualitative = next(c for c in copied if c.kind == CriterionKind.QUALITATIVE)
    assert qualitative.parent.table == draft
    services.criterion_save(actor=manager, table=draft, criterion=qualitative, max_points=Decimal("12.5"))
    with pytest.raises(ServiceError, match="phiên bản mới"):
        services.table_new_version(actor=manager, table=table)
    services.table_issue(actor=manager, table=draft)
    table.refresh_from_db()
    assert table.status == TableStatus.SUPERSEDED
    change = ScoringChange.objects.get(table=draft, action="criterion_update")
    assert (change.changes["before"]["max_points"], change.changes["after"]["max_points"]) == (
        "10.00",
        "12.5",
    )


def test_a_copy_to_next_year_keeps_the_tree_and_drops_last_years_activities(world, table):
    activity = Activity.objects.create(
        plan=world.cluster_plan, order=1, content="Hội nghị", period_kind=PeriodKind.QUARTER, quarter=1
    )
    table.named["qualitative"].activities.add(activity)
    # 2025: Lai Vung heads the cluster, so its staff copy the table.
    with pytest.raises(ServiceError, match="Trưởng cụm"):
        services.table_copy_to_year(actor=world.users["approver"], table=table, year=2025)
    copy = services.table_copy_to_year(actor=world.users["member_approver"], table=table, year=2025)
    assert (copy.year, copy.version, copy.status, copy.cluster) == (2025, 1, TableStatus.DRAFT, world.cluster)
    assert len(criteria_of(copy)) == 6
    assert not any(criterion.activities.exists() for criterion in criteria_of(copy))
    assert policy.manages(world.users["member_approver"], copy)
    assert not policy.manages(world.users["approver"], copy)


def test_a_criterion_points_only_to_activities_of_the_tables_plan(world, table):
    draft = services.table_new_version(actor=world.users["approver"], table=table)
    foreign = Activity.objects.create(
        plan=world.other_plan, order=1, content="Khác", period_kind=PeriodKind.QUARTER, quarter=1
    )
    with pytest.raises(ServiceError) as refused:
        services.criterion_save(
            actor=world.users["approver"],
            table=draft,
            kind=CriterionKind.QUANTITATIVE,
            title="Tỷ lệ",
            max_points=5,
            formula=PointsFormula.THRESHOLD,
            target=1,
            activities=[foreign],
        )
    assert refused.value.errors == {"activities": [services.ACTIVITY_OUTSIDE_MESSAGE]}
    assert CriteriaTable.objects.count() == 2


def test_a_new_version_keeps_the_scores_of_unchanged_criteria_and_reopens_the_rest(world, table):
    from emulation import scoring
    from emulation.models.scores import Score, Scorecard

    manager = world.users["approver"]
    for name, value in (("qualitative", {"points": "9"}), ("occurrence", {"result": "2"})):
        scoring.score_set(
            actor=manager,
            table=table,
            unit_id=world.own.pk,
            criterion=table.named[name],
            side="self",
            **value,
        )
    scoring.self_submit(actor=manager, table=table, unit_id=world.own.pk)
    scoring.assign_reviewer(
        actor=manager, table=table, unit_id=world.own.pk, reviewer_unit_id=world.member.pk
    )
    draft = services.table_new_version(actor=manager, table=table)
    occurrence = draft.criteria.get(kind=CriterionKind.PER_OCCURRENCE)
    services.criterion_save(actor=manager, table=draft, criterion=occurrence, max_points=Decimal("9"))
    services.table_issue(actor=manager, table=draft)
    card = Scorecard.objects.get(table=draft, unit=world.own)
    (kept,) = Score.objects.filter(scorecard=card)
    assert (kept.criterion.title, kept.points) == ("Chất lượng phong trào thi đua", Decimal("9.00"))
    assert not card.self_submitted  # the changed criterion is to be scored again
    assert card.assignments.get().reviewer_unit == world.member
    assert ScoringChange.objects.get(table=draft, action="carry").changes == {"carried": 1, "dropped": 1}
    assert scoring.ranks_for(cluster=world.cluster, year=2024) == {world.own.pk: (1, Decimal("9.00"))}
