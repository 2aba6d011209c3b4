"""How fast the records clerk issues plans: with the PDF and emails on the task queue against with them
run in the same process right after commit (the immediate backend, as before the queue).

Run: `uv run python bench/issuing.py [--plans N]`. It uses a throw-away SQLite database in a temporary
folder, never the project's database. It prints, for each way, the plans issued per second (the
clerk's wait) and, for the queue, how long the worker then takes to render every PDF and send every
email, and the ratio queue / immediate of plans per second.
"""

import argparse
import sys
import tempfile
import time

from support import setup_django


def issue_all(plans, clerk) -> float:
    """Seconds to issue every plan, one after the other, as the clerk's requests would."""
    from plans import workflow

    start = time.perf_counter()
    for plan in plans:
        workflow.plan_issue(plan=plan, user=clerk)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=10, help="plans issued each way (default 10)")
    arguments = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-issuing-") as folder:
        setup_django(folder)
        from django.core.management import call_command
        from django.test.utils import override_settings

        from plans.choices import PlanStatus
        from tests.world import build_world, plan_of

        world = build_world()
        clerk = world.users["clerk"]

        def approved(count: int):
            return [
                plan_of(world.own, status=PlanStatus.APPROVED, subject=f"Kế hoạch {n}") for n in range(count)
            ]

        immediate = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
        database = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
        issue_all(approved(2), clerk)  # warm up fonts and WeasyPrint

        with override_settings(TASKS=immediate):
            inline = issue_all(approved(arguments.plans), clerk)
        with override_settings(TASKS=database):
            queued = issue_all(approved(arguments.plans), clerk)
            start = time.perf_counter()
            call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
            worker = time.perf_counter() - start

        n = arguments.plans
        print(f"{'way':<28} {'plans/s':>8} {'s per plan':>11}")
        print(f"{'PDF and emails in process':<28} {n / inline:>8.2f} {inline / n:>11.3f}")
        print(f"{'PDF and emails on the queue':<28} {n / queued:>8.2f} {queued / n:>11.3f}")
        print(f"worker afterwards: {worker:.1f} s for {n} PDFs and their emails")
        print(f"ratio queue / in process (plans per second): {inline / queued:.1f}x")
        return 0


if __name__ == "__main__":
    sys.exit(main())
