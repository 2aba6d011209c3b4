"""The daily background work: reminders before deadlines, the personal-data purge, and erasing
evidence files deleted longer ago than they can be restored.

`manage.py daily_tasks` (from cron or a systemd timer, once a day) puts them on the task queue, where
the worker runs them, retries a failure and keeps its result for administrators.
"""

from django.contrib.auth import get_user_model

from activities.registrations.personal_data import RETENTION_DAYS, purge_personal_data
from activities.registrations.reminders import registration_reminders
from activities.tracking.services import purge_deleted_evidence
from common.tasks import background_task
from plans.reminders import consultation_reminders

NO_ADMIN_MESSAGE = "Chưa có quản trị viên nào đang hoạt động để ghi tên vào nhật ký xoá dữ liệu cá nhân."


@background_task("Nhắc hạn đăng ký danh sách, hạn cho ý kiến")
def send_deadline_reminders() -> int:
    """Remind everyone of the registration and consultation deadlines coming; how many were told."""
    return consultation_reminders() + registration_reminders()


def responsible_admin():
    """Who answers in the log for a purge nobody ran by hand: the first active superuser."""
    return get_user_model().objects.filter(is_active=True, is_superuser=True).order_by("pk").first()


@background_task("Xoá dữ liệu cá nhân quá hạn lưu trữ")
def purge_expired_personal_data(days: int = RETENTION_DAYS) -> int:
    """`purge_personal_data` on the queue; how many people's data was erased."""
    actor = responsible_admin()
    if actor is None:
        raise RuntimeError(NO_ADMIN_MESSAGE)
    return purge_personal_data(days=days, user=actor).rows


@background_task("Xoá hẳn tệp minh chứng đã xoá quá thời hạn khôi phục")
def erase_deleted_evidence() -> int:
    """Erase the evidence files deleted longer ago than they can be restored; how many."""
    return purge_deleted_evidence()
