"""Admin helpers shared by the apps, and the administrators' page of background tasks."""

import json

from django.contrib import admin
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django_tasks_db.models import DBTaskResult, get_date_max

from common.models import BackgroundTask
from common.tasks import RETRY_DELAYS, label_of
from common.text import fold


class ReadOnlyMixin:
    """An admin page or inline that shows rows and never adds, changes or deletes them."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """Rows that only the services (or another admin page) write: administrators may look, never edit."""


class FoldedSearchMixin:
    """Admin search that ignores diacritics and case: "tap huan" finds "Tập huấn".

    The term is folded the way `SearchableModel.search_text` is, then Django's own search
    runs over `search_fields`, which name `search_text` columns (own or related).
    """

    search_fields = ("search_text",)
    search_help_text = "Gõ có dấu hoặc không dấu, ví dụ: tap huan"

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, fold(search_term))


STATUS_LABELS = {"READY": "Chờ chạy", "RUNNING": "Đang chạy", "FAILED": "Lỗi", "SUCCESSFUL": "Xong"}


class TaskStatusFilter(admin.SimpleListFilter):
    title = "trạng thái"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return list(STATUS_LABELS.items())

    def queryset(self, request, queryset):
        return queryset.filter(status=self.value()) if self.value() in STATUS_LABELS else queryset


@admin.register(BackgroundTask)
class BackgroundTaskAdmin(ReadOnlyAdmin):
    """The work queued after each step (PDFs, emails, reminders, the purge): a failed attempt stays here
    with its error, and the next attempt, queued by itself, appears as a task waiting to run."""

    list_display = ("enqueued_at", "label", "state", "attempt", "run_after_shown", "finished_at", "error")
    list_filter = (TaskStatusFilter,)
    fields = (
        "label",
        "state",
        "attempt",
        "arguments",
        "enqueued_at",
        "run_after_shown",
        "started_at",
        "finished_at",
        "error",
        "traceback_shown",
    )
    readonly_fields = fields
    actions = ("run_again",)

    @admin.display(description="tác vụ")
    def label(self, task):
        return label_of(task.task_path)

    @admin.display(description="trạng thái", ordering="status")
    def state(self, task):
        return STATUS_LABELS.get(task.status, task.status)

    @admin.display(description="lần thử")
    def attempt(self, task):
        return task.args_kwargs.get("kwargs", {}).get("attempt", 1)

    @admin.display(description="tham số")
    def arguments(self, task):
        return format_html("<pre>{}</pre>", json.dumps(task.args_kwargs, ensure_ascii=False, indent=1))

    @admin.display(description="chạy sau", ordering="run_after")
    def run_after_shown(self, task):
        return (
            "—" if task.run_after == get_date_max() else date_format(localtime(task.run_after), "d/m/Y H:i")
        )

    @admin.display(description="lỗi")
    def error(self, task):
        return task.exception_class_path.rsplit(".", 1)[-1] or "—"

    @admin.display(description="chi tiết lỗi")
    def traceback_shown(self, task):
        return format_html("<pre>{}</pre>", task.traceback) if task.traceback else "—"

    @admin.action(description="Chạy lại các tác vụ lỗi đã hết lượt tự thử lại")
    def run_again(self, request, queryset):
        """Only a task that will not retry by itself: one whose retry is queued would then run twice."""
        again = skipped = 0
        for failed in queryset.filter(status="FAILED"):
            kwargs = dict(failed.args_kwargs["kwargs"])
            if kwargs.pop("attempt", 1) <= len(RETRY_DELAYS):
                skipped += 1
                continue
            failed.task.using(run_after=None).enqueue(*failed.args_kwargs["args"], **kwargs)
            again += 1
        message = f"Đã đưa lại {again} tác vụ vào hàng đợi."
        if skipped:
            message += f" Bỏ qua {skipped} tác vụ còn lượt tự thử lại (sẽ tự chạy lại, xem cột “chạy sau”)."
        self.message_user(request, message)


# The package's own page speaks English and repeats this one: administrators read the one above.
if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)
