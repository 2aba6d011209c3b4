"""What the benchmarks share: a throw-away database and wall-clock timing."""

import gc
import os
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timings_ms(function, runs: int) -> list[float]:
    """Wall time of each run; the garbage collector runs between runs, never inside one."""
    result = []
    for _ in range(runs):
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            function()
            result.append((time.perf_counter() - start) * 1000)
        finally:
            gc.enable()
    return result


def setup_django(folder: str) -> None:
    """Django on a fresh, migrated SQLite database in `folder`, never the project's database."""
    # WhiteNoise warns that collectstatic's folder is missing; the benchmarks serve no static file.
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    call_command("migrate", verbosity=0)
    setup_test_environment()  # lets the test client in (ALLOWED_HOSTS) and keeps mail local
