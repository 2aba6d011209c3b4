"""Scoring on an issued criteria table: self-scores with evidence, reviewers and their scores, the
totals and ranking, and the lock the review meeting sets when it closes.

Writes lock the table's row first (`criteria.locked_table`) and ask the policy on it, so a score
written while the meeting closes either lands before the lock or is refused; every write is logged.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from activities.models import Activity, ActivityEvidence
from activities.tracking.evidence import check_evidence, clean_original_name, store_evidence
from common.errors import ServiceError
from emulation import arithmetic
from emulation.choices import CriterionKind, ScoreSide, TableStatus
from emulation.criteria import locked_table, log_change, refuse
from emulation.models.criteria import CriteriaTable, Criterion
from emulation.models.scores import ReviewAssignment, Score, Scorecard, ScoreEvidence
from plans.policy import scoring as policy

POINTS_RANGE_MESSAGE = "Điểm phải từ 0 đến {max} (điểm tối đa của tiêu chí)."
POINTS_NEEDED_MESSAGE = "Nhập số điểm."
RESULT_NEEDED_MESSAGE = "Nhập kết quả đạt được (số, có thể có phần thập phân)."
NUMBER_MESSAGE = "Nhập một số, ví dụ 7,5 hoặc 7.5."
NEGATIVE_MESSAGE = "Kết quả không được âm."
REASON_NEEDED_MESSAGE = "Điểm thẩm định khác điểm tự chấm: ghi rõ lý do."
NOT_SCORABLE_MESSAGE = "Nhóm tiêu chí không chấm điểm trực tiếp."
EVIDENCE_OUTSIDE_MESSAGE = "Chỉ chọn minh chứng của các hoạt động gắn với tiêu chí này."
ALREADY_SUBMITTED_MESSAGE = "Đơn vị đã gửi bản tự chấm."
NOTHING_SCORED_MESSAGE = "Chưa chấm tiêu chí nào; chấm điểm trước khi gửi."
SUBMITTED_LOCKED_MESSAGE = "Đơn vị đã gửi bản tự chấm; không sửa điểm tự chấm được nữa."
NOT_PARTICIPANT_MESSAGE = "Đơn vị này không thuộc danh sách được chấm của bảng tiêu chí."
REVIEWER_NEEDED_MESSAGE = "Chọn người thẩm định hoặc đơn vị chấm chéo."
SELF_REVIEW_MESSAGE = "Đơn vị không chấm chéo cho chính mình."
ALREADY_LOCKED_MESSAGE = policy.LOCKED_MESSAGE


def parse_decimal(value, *, field: str) -> Decimal | None:
    """A number typed by a person: "7,5", "7.5", " 8 "; None when blank."""
    if value is None or isinstance(value, Decimal):
        return value
    text = str(value).strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ServiceError(NUMBER_MESSAGE, field=field) from None
    if not number.is_finite() or abs(number) >= Decimal("100000"):
        raise ServiceError(NUMBER_MESSAGE, field=field)
    return number


def _scorecard(table: CriteriaTable, unit_id: int) -> Scorecard:
    if unit_id not in policy.participant_ids(table):
        raise ServiceError(NOT_PARTICIPANT_MESSAGE)
    return Scorecard.objects.get_or_create(table=table, unit_id=unit_id)[0]


def points_for(
    criterion: Criterion, *, result: Decimal | None, points: Decimal | None
) -> tuple[Decimal, Decimal | None]:
    """(points, result) as stored: from the result for a criterion that takes one, else the
    points entered, refused outside 0..max."""
    if criterion.kind == CriterionKind.GROUP:
        raise ServiceError(NOT_SCORABLE_MESSAGE)
    if criterion.takes_result:
        if result is None:
            raise ServiceError(RESULT_NEEDED_MESSAGE, field="result")
        if result < 0:
            raise ServiceError(NEGATIVE_MESSAGE, field="result")
        result = arithmetic.rounded(result)  # as stored, so the points follow from what is kept
        return arithmetic.points_from_result(criterion, result), result
    if points is None:
        raise ServiceError(POINTS_NEEDED_MESSAGE, field="points")
    if not 0 <= points <= criterion.max_points:
        raise ServiceError(POINTS_RANGE_MESSAGE.format(max=_shown(criterion.max_points)), field="points")
    return arithmetic.rounded(points), None


def _shown(value: Decimal) -> str:
    """7.50 → "7,5"; 10.00 → "10": points as people write them."""
    text = f"{value.normalize():f}" if value is not None else ""
    return text.replace(".", ",")


@transaction.atomic
def score_set(
    *,
    actor,
    table: CriteriaTable | int,
    unit_id: int,
    criterion: Criterion | int,
    side: str,
    result=None,
    points=None,
    note: str = "",
    evidence_ids=(),
    uploads=(),
) -> Score:
    """Write one side's score for a unit on a criterion: the unit's own (with its evidence: the
    linked activities' files chosen, files uploaded) or a reviewer's (with a reason when it differs
    from the self-score)."""
    table = locked_table(table)
    if side == ScoreSide.SELF:
        refuse(policy.self_score_denial(actor, table, unit_id))
    else:
        refuse(policy.review_denial(actor, table, unit_id))
    criterion_id = criterion.pk if isinstance(criterion, Criterion) else criterion
    criterion = Criterion.objects.get(pk=criterion_id, table=table)
    card = _scorecard(table, unit_id)
    if side == ScoreSide.SELF and card.self_submitted:
        raise ServiceError(SUBMITTED_LOCKED_MESSAGE)
    value, result = points_for(
        criterion,
        result=parse_decimal(result, field="result"),
        points=parse_decimal(points, field="points"),
    )
    note = (note or "").strip()
    if side == ScoreSide.REVIEW and not note:
        own = Score.objects.filter(scorecard=card, criterion=criterion, side=ScoreSide.SELF).first()
        if own is not None and own.points != value:
            raise ServiceError(REASON_NEEDED_MESSAGE, field="note")
    score = Score.objects.filter(scorecard=card, criterion=criterion, side=side).first()
    before = None if score is None else {"points": score.points, "result": score.result, "note": score.note}
    if score is None:
        score = Score(scorecard=card, criterion=criterion, side=side)
    score.points, score.result, score.note = value, result, note
    score.max_points = criterion.max_points
    score.scored_by, score.scored_at = actor, timezone.now()
    score.save()
    evidence_names = (
        _attach_evidence(score, criterion, evidence_ids, uploads) if side == ScoreSide.SELF else []
    )
    log_change(
        table=table,
        actor=actor,
        action=f"score_{side}",
        unit=card.unit,
        criterion=criterion.pk,
        before=before,
        after={"points": value, "result": result, "note": note},
        evidence=evidence_names,
    )
    return score


def _attach_evidence(score: Score, criterion: Criterion, evidence_ids, uploads) -> list[str]:
    names = []
    evidence_ids = {int(pk) for pk in evidence_ids}
    if evidence_ids:
        offered = ActivityEvidence.objects.filter(pk__in=evidence_ids, activity__criteria=criterion)
        found = list(offered)
        if len(found) != len(evidence_ids):
            raise ServiceError(EVIDENCE_OUTSIDE_MESSAGE, field="evidence")
        for item in found:
            ScoreEvidence.objects.get_or_create(score=score, activity_evidence=item)
            names.append(item.original_name)
    for upload in uploads:
        kind = check_evidence(upload)
        evidence = ScoreEvidence(
            score=score,
            original_name=clean_original_name(upload.name),
            content_type=kind.content_type,
            size=upload.size,
        )
        store_evidence(evidence, upload, kind)
        names.append(evidence.original_name)
    return names


@transaction.atomic
def self_submit(*, actor, table: CriteriaTable | int, unit_id: int) -> Scorecard:
    """Send the unit's self-score: the managers and the unit's reviewers read it from now on."""
    table = locked_table(table)
    refuse(policy.self_score_denial(actor, table, unit_id))
    card = _scorecard(table, unit_id)
    if card.self_submitted:
        raise ServiceError(ALREADY_SUBMITTED_MESSAGE)
    if not card.scores.filter(side=ScoreSide.SELF).exists():
        raise ServiceError(NOTHING_SCORED_MESSAGE)
    card.self_submitted_at, card.self_submitted_by = timezone.now(), actor
    card.save(update_fields=["self_submitted_at", "self_submitted_by"])
    log_change(table=table, actor=actor, action="self_submit", unit=card.unit)
    return card


@transaction.atomic
def assign_reviewer(
    *, actor, table: CriteriaTable | int, unit_id: int, reviewer=None, reviewer_unit_id: int | None = None
) -> ReviewAssignment:
    """Appoint a person, or a member unit (cross-scoring), to review a unit."""
    table = locked_table(table)
    refuse(policy.manage_denial(actor, table))
    if (reviewer is None) == (reviewer_unit_id is None):
        raise ServiceError(REVIEWER_NEEDED_MESSAGE, field="reviewer")
    if reviewer_unit_id is not None:
        if reviewer_unit_id == unit_id:
            raise ServiceError(SELF_REVIEW_MESSAGE, field="reviewer_unit")
        if reviewer_unit_id not in policy.participant_ids(table):
            raise ServiceError(NOT_PARTICIPANT_MESSAGE, field="reviewer_unit")
    card = _scorecard(table, unit_id)
    assignment, _ = ReviewAssignment.objects.get_or_create(
        scorecard=card, reviewer=reviewer, reviewer_unit_id=reviewer_unit_id
    )
    log_change(
        table=table,
        actor=actor,
        action="assign",
        unit=card.unit,
        reviewer=getattr(reviewer, "pk", None),
        reviewer_unit=reviewer_unit_id,
    )
    return assignment


@transaction.atomic
def lock_table(*, actor, table: CriteriaTable | int, note: str = "") -> CriteriaTable:
    """Lock every score of the table: the review meeting calls this when it closes (in its own
    transaction, so the meeting's close and the lock commit together). Nothing is written after."""
    table = locked_table(table)
    refuse(policy.manage_denial(actor, table))
    if table.status == "draft":
        raise ServiceError(policy.NOT_ISSUED_MESSAGE)
    table.locked_at, table.locked_by = timezone.now(), actor
    table.save(update_fields=["locked_at", "locked_by"])
    log_change(table=table, actor=actor, action="lock", note=note)
    return table


def table_in_force(*, cluster=None, organization=None, year: int) -> CriteriaTable | None:
    """The issued table of a cluster (or a body) for a year: its latest issued version."""
    owner = {"cluster": cluster} if cluster is not None else {"organization": organization}
    return (
        CriteriaTable.objects.filter(**owner, year=year, status=TableStatus.ISSUED)
        .select_related("cluster", "organization")
        .order_by("-version")
        .first()
    )


@transaction.atomic
def lock_scores(
    *, actor, year: int, cluster=None, organization=None, reason: str = ""
) -> CriteriaTable | None:
    """The review meeting's call when it closes: lock the issued table of its cluster (or body) and
    year; None when there is no such table (a meeting may vote without scores). Call it inside the
    meeting's own transaction; a refusal (`ServiceError`) rolls the close back too."""
    table = table_in_force(cluster=cluster, organization=organization, year=year)
    if table is None:
        return None
    return lock_table(actor=actor, table=table, note=reason)


# ---------------------------------------------------------------------------
# Reads: a unit's sheet, totals and ranking
# ---------------------------------------------------------------------------
def criteria_of(table: CriteriaTable) -> list[Criterion]:
    """The table's criteria in the tree's reading order (1, 1.1, 1.2, 2…), each with `depth` and
    `number` set."""
    cached = table.__dict__.get("_criteria")
    if cached is not None:
        return cached
    children = defaultdict(list)
    for criterion in table.criteria.all().order_by("order", "pk"):
        children[criterion.parent_id].append(criterion)
    ordered = []

    def walk(parent_id, prefix, depth):
        for index, criterion in enumerate(children[parent_id], start=1):
            criterion.depth = depth
            criterion.number = f"{prefix}{index}"
            ordered.append(criterion)
            walk(criterion.pk, f"{criterion.number}.", depth + 1)

    walk(None, "", 0)
    table.__dict__["_criteria"] = ordered
    return ordered


def group_maximum(criteria: list[Criterion], group: Criterion) -> Decimal:
    """A group's maximum: the sum of the regular criteria under it, at any depth."""
    inside, found = {group.pk}, []
    for criterion in criteria:  # reading order: a parent comes before its children
        if criterion.parent_id in inside:
            inside.add(criterion.pk)
            found.append(criterion)
    return arithmetic.maximum(found)


@dataclass
class UnitRow:
    """One unit on the scoreboard: its totals on each side and the final (the reviewers' points
    where given, else the unit's own), with its rank on the final total."""

    unit: object
    submitted: bool
    self_totals: arithmetic.Totals
    review_totals: arithmetic.Totals
    final_totals: arithmetic.Totals
    rank: int = 0
    differences: int = 0
    reviewed: bool = False
    extra: dict = field(default_factory=dict)


def _points_by_unit(table: CriteriaTable) -> tuple[dict, dict]:
    cards = {card.pk: card for card in table.scorecards.select_related("unit")}
    points: dict[int, dict[str, dict[int, Decimal]]] = defaultdict(
        lambda: {ScoreSide.SELF: {}, ScoreSide.REVIEW: {}}
    )
    for card_id, criterion_id, side, value in Score.objects.filter(scorecard__table=table).values_list(
        "scorecard_id", "criterion_id", "side", "points"
    ):
        points[card_id][side][criterion_id] = value
    return cards, points


def scoreboard(table: CriteriaTable, *, unit_ids: set[int] | None = None) -> list[UnitRow]:
    """Every unit that has a scorecard (or the units `unit_ids`), ranked on the final total; a
    constant number of queries whatever the number of units and criteria."""
    criteria = criteria_of(table)
    caps = {"bonus_cap": table.bonus_cap, "penalty_cap": table.penalty_cap}
    cards, points = _points_by_unit(table)
    rows = []
    for card in cards.values():
        if unit_ids is not None and card.unit_id not in unit_ids:
            continue
        own, review = points[card.pk][ScoreSide.SELF], points[card.pk][ScoreSide.REVIEW]
        final = {**own, **review}
        rows.append(
            UnitRow(
                unit=card.unit,
                submitted=card.self_submitted,
                self_totals=arithmetic.totals(criteria, own, **caps),
                review_totals=arithmetic.totals(criteria, review, **caps),
                final_totals=arithmetic.totals(criteria, final, **caps),
                differences=sum(1 for pk, value in review.items() if pk in own and own[pk] != value),
                reviewed=bool(review),
            )
        )
    positions = arithmetic.ranks({row.unit.pk: row.final_totals.total for row in rows})
    for row in rows:
        row.rank = positions[row.unit.pk]
    rows.sort(key=lambda row: (row.rank, row.unit.name))
    return rows


def ranking(table: CriteriaTable) -> list[UnitRow]:
    """The ranking the review meeting and the proposal read: every unit scored, best first."""
    return scoreboard(table)


def ranks_for(*, year: int, cluster=None, organization=None) -> dict[int, tuple[int, Decimal]]:
    """{unit id: (rank, final total)} on the issued table of a cluster (or body) and year; empty
    when there is none."""
    table = table_in_force(cluster=cluster, organization=organization, year=year)
    if table is None:
        return {}
    return {row.unit.pk: (row.rank, row.final_totals.total) for row in ranking(table)}


@dataclass
class SheetLine:
    """One criterion on a unit's sheet: both sides' scores and whether they differ."""

    criterion: Criterion
    own: Score | None
    review: Score | None
    offered: list = field(default_factory=list)  # evidence of the linked activities, offered first
    activities: list = field(default_factory=list)  # the plan's activities it measures, with their status
    maximum: Decimal | None = None

    @property
    def differs(self) -> bool:
        return self.own is not None and self.review is not None and self.own.points != self.review.points


def unit_sheet(table: CriteriaTable, unit_id: int | None) -> list[SheetLine]:
    """A unit's sheet: every criterion with its self and review scores, their evidence, and the
    tracking evidence of the criterion's activities; a constant number of queries. With no unit:
    the tree alone, each group with its maximum."""
    criteria = criteria_of(table)
    scores = (
        {}
        if unit_id is None
        else {
            (score.criterion_id, score.side): score
            for score in Score.objects.filter(
                scorecard__table=table, scorecard__unit_id=unit_id
            ).prefetch_related("evidence__activity_evidence")
        }
    )
    offered = defaultdict(list)
    through = Criterion.activities.through
    links = through.objects.filter(criterion__table=table).values_list("criterion_id", "activity_id")
    by_activity = defaultdict(list)
    for criterion_id, activity_id in links:
        by_activity[activity_id].append(criterion_id)
    measured = defaultdict(list)
    if by_activity:
        for activity in Activity.objects.filter(pk__in=by_activity).order_by("order", "pk"):
            for criterion_id in by_activity[activity.pk]:
                measured[criterion_id].append(activity)
        for evidence in ActivityEvidence.objects.filter(activity_id__in=by_activity).select_related(
            "activity"
        ):
            for criterion_id in by_activity[evidence.activity_id]:
                offered[criterion_id].append(evidence)
    lines = []
    for criterion in criteria:
        maximum = (
            group_maximum(criteria, criterion)
            if criterion.kind == CriterionKind.GROUP
            else criterion.max_points
        )
        lines.append(
            SheetLine(
                criterion=criterion,
                own=scores.get((criterion.pk, ScoreSide.SELF)),
                review=scores.get((criterion.pk, ScoreSide.REVIEW)),
                offered=offered[criterion.pk],
                activities=measured[criterion.pk],
                maximum=maximum,
            )
        )
    return lines
