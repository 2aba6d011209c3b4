from django.contrib import admin

from common.admin import ReadOnlyAdmin, ReadOnlyMixin
from emulation.models import Award, AwardRule, CriteriaTable, Criterion, Score, Scorecard, ScoringChange


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
