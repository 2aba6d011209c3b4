"""Scoring on an issued table: self-scores with evidence, reviewers, differences, totals, ranking,
who reads what before the meeting, and the lock after it (run on SQLite and PostgreSQL)."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from activities.choices import PeriodKind
from activities.models import Activity, ActivityEvidence
from clusters.choices import OrganizationLevel
from clusters.models import ClusterMembership, Organization
from common.errors import ServiceError
from emulation import criteria as criteria_services
from emulation import scoring
from emulation.choices import ScoreSide
from emulation.models.criteria import CriteriaTable, Criterion
from emulation.models.scores import Score, Scorecard, ScoringChange
from plans.policy import scoring as policy

D = Decimal
PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF\n"


def self_score(world, table, name, unit=None, user="approver", **values):
    return scoring.score_set(
        actor=world.users[user],
        table=table,
        unit_id=(unit or world.own).pk,
        criterion=table.named[name],
        side=ScoreSide.SELF,
        **values,
    )


def test_a_quantitative_self_score_takes_the_result_and_the_formula_gives_the_points(world, table):
    score = self_score(world, table, "quantitative", result="87,5")
    score.refresh_from_db()
    assert (score.result, score.points, score.max_points) == (D("87.50"), D("17.50"), D("20.00"))
    change = ScoringChange.objects.filter(table=table, action="score_self").get()
    assert change.unit == world.own
    assert change.changes["after"] == {"points": "17.50", "result": "87.50", "note": ""}


@pytest.mark.parametrize(
    ("typed", "field", "message"),
    [
        ("10,5", "points", "Điểm phải từ 0 đến 10 (điểm tối đa của tiêu chí)."),
        ("-1", "points", "Điểm phải từ 0 đến 10 (điểm tối đa của tiêu chí)."),
        ("bảy", "points", scoring.NUMBER_MESSAGE),
        ("", "points", scoring.POINTS_NEEDED_MESSAGE),
    ],
)
def test_a_qualitative_score_outside_zero_and_the_maximum_is_refused_next_to_the_field(
    world, table, typed, field, message
):
    with pytest.raises(ServiceError) as refused:
        self_score(world, table, "qualitative", points=typed)
    assert refused.value.errors == {field: [message]}
    assert not Score.objects.exists()


def test_half_points_are_kept_exactly(world, table):
    assert self_score(world, table, "qualitative", points=" 7,5 ").points == D("7.5")
    assert Score.objects.get().points == D("7.50")


def test_the_database_keeps_every_score_within_its_maximum_and_a_penalty_within_its_cap(world, table):
    score = self_score(world, table, "penalty", result="2")
    assert score.points == D("2")
    with pytest.raises(IntegrityError), transaction.atomic():
        Score.objects.filter(pk=score.pk).update(points=D("4.01"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Score.objects.filter(pk=score.pk).update(points=D("-0.5"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Criterion.objects.filter(pk=table.named["bonus"].pk).update(max_points=D("-1"))
    with pytest.raises(IntegrityError), transaction.atomic():
        CriteriaTable.objects.filter(pk=table.pk).update(organization=world.own)  # two owners


def test_a_unit_scores_only_itself(world, table):
    with pytest.raises(ServiceError, match="đơn vị của mình"):
        self_score(world, table, "qualitative", unit=world.own, user="member_staff", points="5")
    self_score(world, table, "qualitative", unit=world.member, user="member_staff", points="5")


def test_a_reviewer_scores_only_the_units_assigned_and_gives_a_reason_when_they_differ(world, table):
    manager, reviewer = world.users["approver"], world.users["member_approver"]
    self_score(world, table, "qualitative", points="9")

    def review(points, note=""):
        return scoring.score_set(
            actor=reviewer,
            table=table,
            unit_id=world.own.pk,
            criterion=table.named["qualitative"],
            side=ScoreSide.REVIEW,
            points=points,
            note=note,
        )

    with pytest.raises(ServiceError, match="phân công"):
        review("7")
    # Cross-scoring: Lai Vung, a member, reviews Tháp Mười.
    scoring.assign_reviewer(
        actor=manager, table=table, unit_id=world.own.pk, reviewer_unit_id=world.member.pk
    )
    with pytest.raises(ServiceError) as refused:
        review("7")
    assert refused.value.errors == {"note": [scoring.REASON_NEEDED_MESSAGE]}
    review("7", note="Chưa có kế hoạch phát động phong trào quý III")
    review("9")  # the same points as the unit's own need no reason
    review("6.5", note="Thiếu minh chứng")
    line = next(
        line
        for line in scoring.unit_sheet(table, world.own.pk)
        if line.criterion.pk == table.named["qualitative"].pk
    )
    assert line.differs
    assert (line.own.points, line.review.points, line.review.note) == (D("9"), D("6.5"), "Thiếu minh chứng")
    (row,) = scoring.scoreboard(table)
    assert row.differences == 1
    with pytest.raises(ServiceError, match="chính mình"):
        scoring.assign_reviewer(
            actor=manager, table=table, unit_id=world.own.pk, reviewer_unit_id=world.own.pk
        )


def test_totals_and_ranking_read_the_reviewers_points_where_given_else_the_units_own(world, table):
    manager = world.users["approver"]
    self_score(world, table, "quantitative", result="100")  # 20
    self_score(world, table, "qualitative", points="10")  # 10
    self_score(world, table, "occurrence", result="5")  # 7.5 capped at 6
    self_score(world, table, "bonus", points="8")  # capped by the table at 5
    self_score(world, table, "penalty", result="1")  # -1
    self_score(world, table, "qualitative", unit=world.member, user="member_staff", points="9.5")
    self_score(world, table, "quantitative", unit=world.member, user="member_staff", result="95")  # 19
    scoring.assign_reviewer(actor=manager, table=table, unit_id=world.own.pk, reviewer=world.users["drafter"])
    scoring.score_set(
        actor=world.users["drafter"],
        table=table,
        unit_id=world.own.pk,
        criterion=table.named["qualitative"],
        side=ScoreSide.REVIEW,
        points="2",
        note="Không có minh chứng",
    )
    first, second = scoring.ranking(table)
    assert (first.unit, first.rank) == (world.own, 1)
    assert first.self_totals.total == D("40")  # 20 + 10 + 6 + 5 − 1
    assert (first.final_totals.regular, first.final_totals.total) == (D("28"), D("32"))  # 2, not 10
    assert (second.unit, second.rank, second.final_totals.total) == (world.member, 2, D("28.5"))


def test_a_unit_never_reads_another_units_draft_self_score_before_the_meeting(world, table):
    self_score(world, table, "qualitative", points="9")
    member, overseer = world.users["member_staff"], world.users["overseer"]
    own = world.own.pk
    assert policy.reads_self_score(world.users["approver"], table, own, submitted=False)
    assert not policy.reads_self_score(member, table, own, submitted=False)
    scoring.self_submit(actor=world.users["approver"], table=table, unit_id=own)
    assert not policy.reads_self_score(member, table, own, submitted=True)
    assert not policy.sees_ranking(member, table)
    assert policy.sees_ranking(overseer, table)
    with pytest.raises(ServiceError, match="đã gửi"):
        self_score(world, table, "qualitative", points="10")
    scoring.lock_table(actor=world.users["approver"], table=table)
    table.refresh_from_db()
    assert policy.reads_self_score(member, table, own, submitted=True)
    assert policy.sees_ranking(member, table)
    assert policy.sees_table(world.users["outsider"], table) is False


def test_the_head_reads_a_members_self_score_only_once_sent(world, table):
    self_score(world, table, "qualitative", unit=world.member, user="member_staff", points="9")
    head = world.users["approver"]
    assert not policy.reads_self_score(head, table, world.member.pk, submitted=False)
    scoring.self_submit(actor=world.users["member_staff"], table=table, unit_id=world.member.pk)
    assert policy.reads_self_score(head, table, world.member.pk, submitted=True)


def test_the_lock_after_the_meeting_refuses_every_later_change_and_is_logged(world, table):
    manager = world.users["approver"]
    self_score(world, table, "qualitative", points="9")
    scoring.assign_reviewer(actor=manager, table=table, unit_id=world.own.pk, reviewer=world.users["drafter"])
    scoring.lock_table(actor=manager, table=table, note="Cuộc họp bình xét ngày 15/12/2024")
    table.refresh_from_db()
    assert table.is_locked
    assert table.locked_by == manager
    for attempt in (
        lambda: self_score(world, table, "qualitative", points="10"),
        lambda: scoring.self_submit(actor=manager, table=table, unit_id=world.own.pk),
        lambda: scoring.score_set(
            actor=world.users["drafter"],
            table=table,
            unit_id=world.own.pk,
            criterion=table.named["qualitative"],
            side=ScoreSide.REVIEW,
            points="5",
            note="muộn",
        ),
        lambda: scoring.assign_reviewer(
            actor=manager, table=table, unit_id=world.member.pk, reviewer=world.users["drafter"]
        ),
        lambda: scoring.lock_table(actor=manager, table=table),
        lambda: criteria_services.table_new_version(actor=manager, table=table),
    ):
        with pytest.raises(ServiceError, match="khoá"):
            attempt()
    assert Score.objects.get().points == D("9")
    actions = list(ScoringChange.objects.filter(table=table).order_by("pk").values_list("action", flat=True))
    assert actions[-3:] == ["score_self", "assign", "lock"]
    assert ScoringChange.objects.get(action="lock").changes == {"note": "Cuộc họp bình xét ngày 15/12/2024"}


def test_only_the_clusters_head_locks_and_only_an_issued_table(world, table):
    with pytest.raises(ServiceError):
        scoring.lock_table(actor=world.users["member_approver"], table=table)
    draft = criteria_services.table_new_version(actor=world.users["approver"], table=table)
    with pytest.raises(ServiceError, match="chưa ban hành"):
        scoring.lock_table(actor=world.users["approver"], table=draft)


def test_the_evidence_of_linked_activities_is_offered_first_and_only_it_may_be_chosen(world, table):
    activity = Activity.objects.create(
        plan=world.cluster_plan,
        order=1,
        content="Hội nghị phát động",
        period_kind=PeriodKind.QUARTER,
        quarter=1,
    )
    Criterion.objects.get(pk=table.named["qualitative"].pk).activities.add(activity)
    evidence = ActivityEvidence(
        activity=activity,
        original_name="biên bản.pdf",
        content_type="application/pdf",
        size=len(PDF),
        uploaded_by=world.users["drafter"],
    )
    evidence.file.save("e.pdf", ContentFile(PDF), save=True)
    stray = ActivityEvidence.objects.create(
        activity=Activity.objects.create(
            plan=world.cluster_plan, order=2, content="Khác", period_kind=PeriodKind.QUARTER, quarter=2
        ),
        file=evidence.file.name,
        original_name="khác.pdf",
        content_type="application/pdf",
        size=1,
        uploaded_by=world.users["drafter"],
    )
    lines = {line.criterion.pk: line for line in scoring.unit_sheet(table, world.own.pk)}
    assert lines[table.named["qualitative"].pk].offered == [evidence]
    assert lines[table.named["qualitative"].pk].activities == [activity]
    assert lines[table.named["bonus"].pk].offered == []
    with pytest.raises(ServiceError) as refused:
        self_score(world, table, "qualitative", points="9", evidence_ids=[stray.pk])
    assert refused.value.errors == {"evidence": [scoring.EVIDENCE_OUTSIDE_MESSAGE]}
    upload = SimpleUploadedFile("bao cao.pdf", PDF, content_type="application/pdf")
    score = self_score(world, table, "qualitative", points="9", evidence_ids=[evidence.pk], uploads=[upload])
    assert sorted(item.name for item in score.evidence.all()) == ["bao cao.pdf", "biên bản.pdf"]


def test_the_scoreboard_reads_in_constant_queries(world, table, django_assert_max_num_queries):
    province = world.province
    for index in range(8):
        unit = Organization.objects.create(
            name=f"Ủy ban nhân dân xã số {index}",
            level=OrganizationLevel.COMMUNE,
            parent=province,
            abbreviation="UBND",
        )
        ClusterMembership.objects.create(cluster=world.cluster, organization=unit, year=2024)
        card = Scorecard.objects.create(table=table, unit=unit)
        for name in ("qualitative", "bonus"):
            Score.objects.create(
                scorecard=card,
                criterion=table.named[name],
                side=ScoreSide.SELF,
                points=D(index % 5),
                max_points=table.named[name].max_points,
                scored_by=world.users["admin"],
            )
    fresh = CriteriaTable.objects.get(pk=table.pk)
    with django_assert_max_num_queries(3):
        rows = scoring.ranking(fresh)
    assert len(rows) == 8
    with django_assert_max_num_queries(5):
        scoring.unit_sheet(fresh, world.own.pk)


def test_the_meeting_locks_the_clusters_table_of_the_year_and_reads_its_ranks(world, table):
    self_score(world, table, "qualitative", points="9")
    self_score(world, table, "qualitative", unit=world.member, user="member_staff", points="9.5")
    assert scoring.ranks_for(cluster=world.cluster, year=2024) == {
        world.member.pk: (1, D("9.50")),
        world.own.pk: (2, D("9.00")),
    }
    assert scoring.ranks_for(cluster=world.cluster, year=2025) == {}
    assert scoring.lock_scores(actor=world.users["approver"], cluster=world.cluster, year=2025) is None
    locked = scoring.lock_scores(
        actor=world.users["approver"], cluster=world.cluster, year=2024, reason="Họp"
    )
    assert locked == table
    assert CriteriaTable.objects.get(pk=table.pk).is_locked


def test_a_unit_no_longer_scores_itself_after_the_deadline(world, table):
    CriteriaTable.objects.filter(pk=table.pk).update(self_scoring_deadline=datetime.date(2024, 12, 10))
    table.refresh_from_db()
    assert (
        policy.self_score_denial(
            world.users["approver"], table, world.own.pk, today=datetime.date(2024, 12, 10)
        )
        is None
    )
    assert (
        policy.self_score_denial(
            world.users["approver"], table, world.own.pk, today=datetime.date(2024, 12, 11)
        )
        == "Đã hết hạn tự chấm điểm (ngày 10/12/2024)."
    )
    CriteriaTable.objects.filter(pk=table.pk).update(self_scoring_deadline=datetime.date(2000, 1, 1))
    with pytest.raises(ServiceError, match="hết hạn"):
        self_score(world, table, "qualitative", points="9")
