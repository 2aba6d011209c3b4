from django.contrib import admin

from emulation.models import Award, AwardRule


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
