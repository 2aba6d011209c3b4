"""The emulation year's background work, queued daily by `manage.py daily_tasks` (common.tasks.run_daily)."""

from common.tasks import background_task
from emulation.reminders import registration_call_reminders


@background_task("Nhắc hạn đăng ký thi đua")
def send_registration_call_reminders() -> int:
    return registration_call_reminders()
