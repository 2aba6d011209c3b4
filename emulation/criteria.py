"""Writes to criteria tables: create, edit the tree while a draft, issue, a new version of an issued
table, a copy for next year. Each locks the table, asks the policy on the locked row and logs."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from common.errors import ServiceError
from emulation.choices import CriterionKind, ScoreSide, TableStatus
from emulation.models.criteria import SCORED_KINDS, CriteriaTable, Criterion
from emulation.models.scores import ReviewAssignment, Score, Scorecard, ScoreEvidence, ScoringChange
from plans.policy import scoring as policy

CRITERION_FIELDS = (
    "parent",
    "order",
    "title",
    "kind",
    "max_points",
    "formula",
    "target",
    "measure",
    "base_points",
    "points_per_unit",
    "deduction_per_unit",
    "guidance",
)
NO_CRITERIA_MESSAGE = "Bảng tiêu chí chưa có tiêu chí nào được chấm điểm."
ALREADY_NEXT_MESSAGE = "Đã có phiên bản mới của bảng tiêu chí này."
SAME_YEAR_MESSAGE = "Chọn một năm khác năm của bảng."
NOT_CREATOR_MESSAGE = policy.NOT_MANAGER_MESSAGE
ACTIVITY_OUTSIDE_MESSAGE = "Chỉ chọn hoạt động của kế hoạch gắn với bảng tiêu chí."


def _validation_error(error: ValidationError) -> ServiceError:
    return ServiceError(errors=error.message_dict if hasattr(error, "error_dict") else {None: error.messages})


def log_change(*, table: CriteriaTable, actor, action: str, unit=None, **changes) -> ScoringChange:
    """One row of the table's change log (criteria and scores alike)."""
    return ScoringChange.objects.create(
        table=table,
        unit=unit,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        changes={key: _plain(value) for key, value in changes.items()},
    )


def _plain(value):
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if value is None or isinstance(value, bool | int | str):
        return value
    return str(value)


def locked_table(table: CriteriaTable | int) -> CriteriaTable:
    """The table's row, locked until the transaction ends: every write to a table or its scores
    reads it through here, so a write and the meeting's lock never cross."""
    pk = table.pk if isinstance(table, CriteriaTable) else table
    return (
        CriteriaTable.objects.select_for_update(of=("self",))
        .select_related("cluster", "organization", "document")
        .get(pk=pk)
    )


def refuse(reason: str | None) -> None:
    """A refusal of the policy, asked again on the locked row, as the one error a write raises."""
    if reason is not None:
        raise ServiceError(reason)


@transaction.atomic
def table_create(
    *, actor, title: str, year: int, cluster=None, organization=None, plan=None, **fields
) -> CriteriaTable:
    if not policy.may_create_table(actor, cluster=cluster, organization=organization, year=year):
        raise ServiceError(NOT_CREATOR_MESSAGE)
    table = CriteriaTable(
        title=title, year=year, cluster=cluster, organization=organization, plan=plan, **fields
    )
    table.version = _next_version(table)
    try:
        table.full_clean()
    except ValidationError as error:
        raise _validation_error(error) from None
    table.save()
    log_change(table=table, actor=actor, action="create", title=title, year=year)
    return table


def _next_version(table: CriteriaTable) -> int:
    same = CriteriaTable.objects.filter(
        year=table.year, cluster=table.cluster, organization=table.organization
    )
    return max(same.values_list("version", flat=True), default=0) + 1


def _criterion_values(criterion: Criterion) -> dict:
    values = {
        name: getattr(criterion, name if name != "parent" else "parent_id") for name in CRITERION_FIELDS
    }
    values["activities"] = sorted(criterion.activities.values_list("pk", flat=True)) if criterion.pk else []
    return values


@transaction.atomic
def criterion_save(
    *, actor, table: CriteriaTable, criterion: Criterion | None = None, activities=None, **fields
) -> Criterion:
    """Add a criterion (`criterion` None) or change one, while the table is a draft."""
    table = locked_table(table)
    refuse(policy.manage_denial(actor, table, editing=True))
    if criterion is None:
        criterion = Criterion(table=table)
        before = None
    else:
        criterion = Criterion.objects.get(pk=criterion.pk, table=table)
        before = _criterion_values(criterion)
    for name, value in fields.items():
        if name not in CRITERION_FIELDS:
            raise TypeError(name)
        setattr(criterion, name, value)
    if criterion.kind == CriterionKind.GROUP:
        criterion.max_points = 0  # a group's maximum is its criteria's sum
    try:
        criterion.full_clean()
    except ValidationError as error:
        raise _validation_error(error) from None
    if activities is not None:
        activities = list(activities)
        if any(activity.plan_id != table.plan_id for activity in activities):
            raise ServiceError(ACTIVITY_OUTSIDE_MESSAGE, field="activities")
    criterion.save()
    if activities is not None:
        criterion.activities.set(activities)
    log_change(
        table=table,
        actor=actor,
        action="criterion_update" if before else "criterion_add",
        criterion=criterion.pk,
        before=before,
        after=_criterion_values(criterion),
    )
    return criterion


@transaction.atomic
def criterion_delete(*, actor, criterion: Criterion) -> None:
    table = locked_table(criterion.table_id)
    refuse(policy.manage_denial(actor, table, editing=True))
    before = _criterion_values(criterion)
    criterion.delete()
    log_change(table=table, actor=actor, action="criterion_delete", criterion=before)


@transaction.atomic
def table_issue(*, actor, table: CriteriaTable) -> CriteriaTable:
    """Freeze the draft: scoring opens on it, and the version it replaces is superseded."""
    table = locked_table(table)
    refuse(policy.issue_denial(actor, table))
    if not table.criteria.filter(kind__in=SCORED_KINDS).exists():
        raise ServiceError(NO_CRITERIA_MESSAGE)
    table.status = TableStatus.ISSUED
    table.issued_at = timezone.now()
    table.save(update_fields=["status", "issued_at"])
    log_change(table=table, actor=actor, action="issue")
    if table.previous_id is not None:
        CriteriaTable.objects.filter(pk=table.previous_id).update(status=TableStatus.SUPERSEDED)
        carried, dropped = _carry_scores(table.previous, table)
        log_change(table=table, actor=actor, action="carry", carried=carried, dropped=dropped)
    return table


# What makes a criterion score the same way: a score given under the old version stands in the new.
SCORING_RULE_FIELDS = (
    "kind",
    "max_points",
    "formula",
    "target",
    "base_points",
    "points_per_unit",
    "deduction_per_unit",
)


def _carry_scores(previous: CriteriaTable, table: CriteriaTable) -> tuple[int, int]:
    """Bring the scorecards, reviewers and scores of the version replaced into the new one; a score
    on a criterion whose rule changed (or that was removed) is dropped, and the unit's self-score
    reopens so that it scores that criterion again. Returns (carried, dropped)."""
    same = {
        criterion.copied_from_id: criterion
        for criterion in table.criteria.select_related("copied_from")
        if criterion.copied_from is not None
        and all(
            getattr(criterion, name) == getattr(criterion.copied_from, name) for name in SCORING_RULE_FIELDS
        )
    }
    carried = dropped = 0
    for card in previous.scorecards.prefetch_related("assignments", "scores__evidence"):
        new_card = Scorecard.objects.create(
            table=table,
            unit_id=card.unit_id,
            self_submitted_at=card.self_submitted_at,
            self_submitted_by_id=card.self_submitted_by_id,
        )
        ReviewAssignment.objects.bulk_create(
            ReviewAssignment(
                scorecard=new_card, reviewer_id=item.reviewer_id, reviewer_unit_id=item.reviewer_unit_id
            )
            for item in card.assignments.all()
        )
        reopen = False
        for score in card.scores.all():
            criterion = same.get(score.criterion_id)
            if criterion is None:
                dropped += 1
                reopen = reopen or score.side == ScoreSide.SELF
                continue
            copy = Score.objects.create(
                scorecard=new_card,
                criterion=criterion,
                side=score.side,
                result=score.result,
                points=score.points,
                max_points=score.max_points,
                note=score.note,
                scored_by_id=score.scored_by_id,
                scored_at=score.scored_at,
            )
            ScoreEvidence.objects.bulk_create(
                ScoreEvidence(
                    score=copy,
                    activity_evidence_id=item.activity_evidence_id,
                    file=item.file.name,
                    original_name=item.original_name,
                    content_type=item.content_type,
                    size=item.size,
                )
                for item in score.evidence.all()
            )
            carried += 1
        if reopen and new_card.self_submitted_at is not None:
            new_card.self_submitted_at = new_card.self_submitted_by = None
            new_card.save(update_fields=["self_submitted_at", "self_submitted_by"])
    return carried, dropped


def _copy_criteria(source: CriteriaTable, target: CriteriaTable, *, keep_activities: bool) -> None:
    """Copy the tree, parents before their children (the ordering puts roots first)."""
    new_ids: dict[int, Criterion] = {}
    pending = list(source.criteria.prefetch_related("activities").order_by("pk"))
    while pending:
        waiting = []
        for criterion in pending:
            if criterion.parent_id is not None and criterion.parent_id not in new_ids:
                waiting.append(criterion)
                continue
            copy = Criterion.objects.create(
                table=target,
                parent=new_ids.get(criterion.parent_id),
                copied_from=criterion,
                **{name: getattr(criterion, name) for name in CRITERION_FIELDS if name != "parent"},
            )
            if keep_activities:
                copy.activities.set(criterion.activities.all())
            new_ids[criterion.pk] = copy
        pending = waiting


@transaction.atomic
def table_new_version(*, actor, table: CriteriaTable) -> CriteriaTable:
    """A draft copy of an issued table to change; issuing it supersedes this one."""
    table = locked_table(table)
    refuse(policy.manage_denial(actor, table))
    if table.status == TableStatus.DRAFT:
        raise ServiceError(policy.NOT_ISSUED_MESSAGE)
    if CriteriaTable.objects.filter(previous=table).exists():
        raise ServiceError(ALREADY_NEXT_MESSAGE)
    new = CriteriaTable.objects.create(
        cluster=table.cluster,
        organization=table.organization,
        year=table.year,
        version=_next_version(table),
        title=table.title,
        plan=table.plan,
        previous=table,
        bonus_cap=table.bonus_cap,
        penalty_cap=table.penalty_cap,
        self_scoring_deadline=table.self_scoring_deadline,
    )
    _copy_criteria(table, new, keep_activities=True)
    log_change(table=new, actor=actor, action="new_version", previous=table.pk)
    return new


@transaction.atomic
def table_copy_to_year(*, actor, table: CriteriaTable, year: int, plan=None) -> CriteriaTable:
    """Next year's draft from this table: the same tree, without last year's activities."""
    if year == table.year:
        raise ServiceError(SAME_YEAR_MESSAGE, field="year")
    new = table_create(
        actor=actor,
        title=table.title,
        year=year,
        cluster=table.cluster,
        organization=table.organization,
        plan=plan,
        bonus_cap=table.bonus_cap,
        penalty_cap=table.penalty_cap,
    )
    _copy_criteria(table, new, keep_activities=False)
    log_change(table=new, actor=actor, action="copy", source=table.pk)
    return new
