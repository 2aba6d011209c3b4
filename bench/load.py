"""30 concurrent signed-in users through gunicorn on PostgreSQL (or SQLite), with locust.

Run: `uv run python bench/load.py [--plans 50000] [--users 30] [--seconds 120] [--postgres URL]`.
It builds the data of bench/pages.py in a throw-away database, collects the static files into a
temporary folder, starts gunicorn with the project's gunicorn.conf.py (production settings but
plain HTTP on 127.0.0.1, bench/settings_load.py) and runs locust headless against it for
`--seconds`, with 1–3 s of thought per user (bench/locustfile.py), once the PDF it fetches is
rendered. It prints locust's table and the p50/p95/p99 of all requests against the target (p95 ≤
250 ms, no error). Every request goes to 127.0.0.1 only, and
the run stops by itself.
"""

import argparse
import csv
import os
import secrets
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from support import ROOT, bench_folder, drop_postgres_database, setup_django

PORT = 8765
TARGET_P95_MS = 250


def wait_until_up(url: str, seconds: float = 240) -> None:
    # Each worker loads the app and answers its first page slowly on a busy machine.
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=20)  # noqa: S310 (our own http://127.0.0.1 URL)
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer at {url}")


def warm_up(host: str, plan: str) -> None:
    """The PDF and the preview rendered once before the round, as bench/pages.py does and as the
    worker does at issue: else the first users all render the same document at once."""
    import requests

    with requests.Session() as session:
        session.get(f"{host}/login/", timeout=60)
        session.post(
            f"{host}/login/",
            {"username": "admin", "password": "demo", "csrfmiddlewaretoken": session.cookies["csrftoken"]},
            headers={"Referer": f"{host}/login/"},
            timeout=60,
        )
        for path in (f"/plans/{plan}/document.pdf", f"/plans/{plan}/document/"):
            response = session.get(f"{host}{path}", timeout=300)
            assert response.status_code == 200, (path, response.status_code)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=50_000)
    parser.add_argument("--users", type=int, default=30)
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: gunicorn.conf.py's)")
    parser.add_argument("--threads", type=int, help="threads per worker (default: gunicorn.conf.py's)")
    parser.add_argument("--keep", metavar="FOLDER", help="keep the database (SQLite: in FOLDER) for --reuse")
    parser.add_argument("--reuse", action="store_true", help="reuse the database a --keep run left")
    parser.add_argument("--postgres", help="postgres://…/kehoach_bench_…: run on this database")
    args = parser.parse_args()
    with bench_folder(args.keep) as folder:
        setup_django(folder, database_url=args.postgres, instrument=False, reuse=args.reuse)
        try:
            return run(args, Path(folder))
        finally:
            if args.postgres and not args.keep:
                drop_postgres_database(args.postgres)


def run(args, folder: Path) -> int:
    from data import prepared
    from django.db import connection

    started = time.perf_counter()
    ids = prepared(args.plans, reuse=args.reuse)
    print(f"{connection.vendor}: {args.plans} plans built in {time.perf_counter() - started:.0f} s")
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "settings_load",
        "DATABASE_URL": os.environ["DATABASE_URL"],
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "BENCH_STATIC_ROOT": str(folder / "static"),
        "PYTHONPATH": f"{ROOT / 'bench'}{os.pathsep}{ROOT}",
        "BENCH_PLAN": str(ids["own_issued"]),
        "BENCH_CLUSTER_PLAN": str(ids["cluster_plan"]),
        "BENCH_PDF_PLAN": str(ids["own_issued"]),  # every demo account but the member sees it
        "BENCH_EDIT_PLAN": str(ids["edit"]),
    }
    connection.close()
    # The production path: the static files, and the database cache's table (the bench database
    # was built under the test settings, whose cache lives in memory).
    for command in (["collectstatic", "--noinput"], ["createcachetable"]):
        subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), *command, "-v", "0"], env=environment, check=True
        )
    # gunicorn is the project's server once the production stack lands; until then uv brings it.
    gunicorn = (
        [shutil.which("gunicorn")]
        if shutil.which("gunicorn")
        else ["uv", "run", "--with", "gunicorn", "gunicorn"]
    )
    # The project's configuration (worker class, workers and threads from the cores), bound to the
    # loopback, without the access log (one line per request would compete for the CPU).
    options = [
        "-c",
        str(ROOT / "gunicorn.conf.py"),
        "--bind",
        f"127.0.0.1:{PORT}",
        "--access-logfile",
        "/dev/null",
    ]
    options += ["--workers", str(args.workers)] if args.workers else []
    options += ["--threads", str(args.threads)] if args.threads else []
    server = subprocess.Popen([*gunicorn, *options], env=environment, cwd=ROOT)
    try:
        wait_until_up(f"http://127.0.0.1:{PORT}/login/")
        warm_up(f"http://127.0.0.1:{PORT}", environment["BENCH_PDF_PLAN"])
        print(f"load average before: {' '.join(f'{value:.2f}' for value in os.getloadavg())}")
        subprocess.run(
            [
                sys.executable,
                "-m",
                "locust",
                "-f",
                str(ROOT / "bench" / "locustfile.py"),
                "--headless",
                "--users",
                str(args.users),
                "--spawn-rate",
                "10",
                "--run-time",
                f"{args.seconds}s",
                "--host",
                f"http://127.0.0.1:{PORT}",
                "--csv",
                str(folder / "load"),
                "--only-summary",
            ],
            env=environment,
            check=False,
        )
        print(f"load average after: {' '.join(f'{value:.2f}' for value in os.getloadavg())}")
    finally:
        server.terminate()
        server.wait(timeout=30)
    with open(folder / "load_stats.csv") as stats:
        total = next(row for row in csv.DictReader(stats) if row["Name"] == "Aggregated")
    p50, p95, p99 = (float(total[key]) for key in ("50%", "95%", "99%"))
    failures = int(total["Failure Count"])
    ok = p95 <= TARGET_P95_MS and failures == 0
    print(
        f"all requests: {total['Request Count']} ({float(total['Requests/s']):.1f}/s), p50 {p50:.0f} ms, "
        f"p95 {p95:.0f} ms, p99 {p99:.0f} ms, {failures} errors; target p95 ≤ {TARGET_P95_MS} ms: "
        f"{'ok' if ok else 'MISSED'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
