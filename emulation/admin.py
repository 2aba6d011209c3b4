from django.contrib import admin

from common.admin import ReadOnlyAdmin, ReadOnlyMixin
from emulation.models import (
    Attendee,
    Award,
    AwardRule,
    Candidate,
    CriteriaTable,
    Criterion,
    Objection,
    Proposal,
    ProposedEntry,
    ReviewMeeting,
    Score,
    Scorecard,
    ScoringChange,
    VotingRule,
)


class AwardRuleInline(admin.TabularInline):
    model = AwardRule
    extra = 0
    fields = ("authority", "valid_from", "valid_until", "legal_basis", "confirmed", "conditions", "note")
    autocomplete_fields = ("legal_basis",)


@admin.register(Award)
class AwardAdmin(admin.ModelAdmin):
    list_display = ("name", "category", "recipient", "rank")
    list_filter = ("category", "recipient")
    search_fields = ("name", "code")
    inlines = [AwardRuleInline]


# ---------------------------------------------------------------------------
# Criteria tables and scoring: written by their services (rules, locks, the change log), read here
# ---------------------------------------------------------------------------
class CriterionInline(ReadOnlyMixin, admin.TabularInline):
    model = Criterion
    extra = 0
    fields = ("parent", "order", "title", "kind", "max_points", "formula", "target", "points_per_unit")


@admin.register(CriteriaTable)
class CriteriaTableAdmin(ReadOnlyAdmin):
    list_display = ("title", "year", "version", "status", "locked_at")
    list_filter = ("status", "year")
    list_select_related = ("cluster", "organization")
    inlines = [CriterionInline]


class ScoreInline(ReadOnlyMixin, admin.TabularInline):
    model = Score
    extra = 0
    fields = ("criterion", "side", "result", "points", "max_points", "note", "scored_by", "scored_at")


@admin.register(Scorecard)
class ScorecardAdmin(ReadOnlyAdmin):
    list_display = ("unit", "table", "self_submitted_at")
    list_select_related = ("unit", "table")
    inlines = [ScoreInline]


@admin.register(ScoringChange)
class ScoringChangeAdmin(ReadOnlyAdmin):
    list_display = ("at", "actor", "action", "table", "unit")
    list_select_related = ("actor", "table", "unit")


# ---------------------------------------------------------------------------
# Review meetings and proposal dossiers: the voting rule is data an administrator sets; meetings and
# dossiers are written by their services (rights, the lock of the scores, the posting), read here
# ---------------------------------------------------------------------------
@admin.register(VotingRule)
class VotingRuleAdmin(admin.ModelAdmin):
    list_display = ("__str__", "year", "share", "inclusive", "basis", "source")
    list_filter = ("year", "basis")
    list_select_related = ("cluster", "organization")
    autocomplete_fields = ("cluster", "organization")


class AttendeeInline(ReadOnlyMixin, admin.TabularInline):
    model = Attendee
    extra = 0
    fields = ("order", "full_name", "position", "organization", "present", "absence_reason")


class CandidateInline(ReadOnlyMixin, admin.TabularInline):
    model = Candidate
    extra = 0
    fields = ("order", "kind", "organization", "person_name", "award", "votes", "passed")


@admin.register(ReviewMeeting)
class ReviewMeetingAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "year", "held_on", "status", "ballots_issued", "ballots_valid")
    list_filter = ("status", "year")
    list_select_related = ("cluster", "organization")
    inlines = [AttendeeInline, CandidateInline]


class ProposedEntryInline(ReadOnlyMixin, admin.TabularInline):
    model = ProposedEntry
    extra = 0
    fields = ("order", "name", "award_name", "rank", "score", "votes", "vote_share", "withdrawn")


class ObjectionInline(ReadOnlyMixin, admin.TabularInline):
    model = Objection
    extra = 0
    fields = ("received_on", "sender", "entry", "content", "outcome", "answer")


@admin.register(Proposal)
class ProposalAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "authority_level", "posting_starts", "posting_ends", "document")
    list_select_related = ("meeting__cluster", "meeting__organization", "document")
    inlines = [ProposedEntryInline, ObjectionInline]
