"""Response times of the main pages on a province-sized database, as ratios to a trivial view.

Run: `uv run python bench/pages.py [--plans 50000] [--runs 30] [--postgres URL]`. It builds a
throw-away database (SQLite in a temporary folder, or with `--postgres` the PostgreSQL database
of that URL, whose name must contain "bench", dropped after) with bench/data.py: the demo, 300
more communes, twelve clusters and `--plans` plans of ten activities (most issued, 5% cluster
plans). It then times each page through the Django test client WITHOUT the test runner's
template instrumentation, a signed-in user per row, the trivial login-required view measured in
the same run as the baseline:
  - list, list filtered (year and kind: rows come back), list searched, for a drafter, the
    provincial overseer and the superuser; each again as a "1st view", a new query every run, so
    that its count and page are read, not found among those the list keeps;
  - the plan page (an issued plan of the drafter's commune, and a cluster plan);
  - the PDF of a seed plan served again unchanged (rendered once before timing);
  - the edit page of a 30-activity draft, for the drafter and the superuser;
  - the dashboard for every demo role.
It prints median and p95 in ms, each as a ratio to the trivial view, the targets (list, plan
page, dashboard p95 ≤ 5×; PDF again ≤ 3×; edit page ≤ 25×), and with `--explain` the query
plans of the list's queries.
"""

import argparse
import os
import statistics
import sys
import time

from support import bench_folder, drop_postgres_database, setup_django, timings_ms

FIRST_VIEW = "1st view"
TARGETS = {"list": 5, "plan page": 5, "dashboard": 5, "pdf again": 3, "edit page": 25}


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def trivial_urls():
    """The project's URLs plus the baseline view, as a module Django can import."""
    import types

    from django.contrib.auth.decorators import login_required
    from django.http import HttpResponse
    from django.urls import include, path

    module = types.ModuleType("bench_urls")
    module.urlpatterns = [
        path("bench/trivial/", login_required(lambda request: HttpResponse("ok"))),
        path("", include("config.urls")),
    ]
    sys.modules["bench_urls"] = module


def pages(ids: dict) -> list[tuple[str, str, str, dict]]:
    """(name, user, url, params) of every timed page."""
    from plans.models import Plan

    seed = Plan.objects.filter(subject__isnull=False).order_by("pk").first().pk  # a demo seed plan
    rows = [("trivial view", "soanthao", "/bench/trivial/", {})]
    for user in ("soanthao", "giamsat", "admin"):
        rows += [
            (f"list ({user})", user, "/plans/", {}),
            (f"list filtered ({user})", user, "/plans/", {"year": 2024, "kind": "training"}),
            (f"list searched ({user})", user, "/plans/", {"q": "tap huan"}),
        ]
    # The same lists seen for the first time: a new query each run, so that no count or page kept
    # by an earlier run is found (FIRST_VIEW adds a parameter the filters ignore).
    rows += [
        (f"{name} {FIRST_VIEW}", user, url, params)
        for name, user, url, params in rows
        if name.startswith("list")
    ]
    rows += [
        ("plan page (drafter)", "soanthao", f"/plans/{ids['own_issued']}/", {}),
        ("plan page (cluster)", "admin", f"/plans/{ids['cluster_plan']}/", {}),
        ("pdf again", "admin", f"/plans/{seed}/document.pdf", {}),
        ("edit page (30 act.)", "soanthao", f"/plans/{ids['edit']}/edit/", {}),
        ("edit page (30 act., admin)", "admin", f"/plans/{ids['edit']}/edit/", {}),
    ]
    for user in ("soanthao", "pheduyet", "vanthu", "thanhvien", "giamsat", "admin"):
        rows.append((f"dashboard ({user})", user, "/", {}))
    return rows


def explain(client, url: str, params: dict, label: str, out, *, slowest: int | None = None) -> None:
    """The query plans of the page's queries: on the list, those that read the plans table (the
    count and the page); elsewhere the `slowest` queries, with their time. The shared cache is
    emptied first, so that a count or a page kept there is read again."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        client.get(url, params)
    prefix = "EXPLAIN " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
    queries = captured.captured_queries
    if slowest:
        queries = sorted(queries, key=lambda query: -float(query["time"]))[:slowest]
    else:
        queries = [
            query
            for query in queries
            # the count and the page (the newest plan's id, one row at the key's end, is left out)
            if 'FROM "plans_plan"' in query["sql"]
            and (query["sql"].startswith("SELECT COUNT") or '"plans_plan"."subject"' in query["sql"])
        ]
    for query in queries:
        sql = query["sql"]
        kind = "count" if sql.startswith("SELECT COUNT") else "query"
        print(f"--- {label}: {kind} ({float(query['time']) * 1000:.1f} ms)\n{sql}\n", file=out)
        with connection.cursor() as cursor:
            cursor.execute(prefix + sql)
            for row in cursor.fetchall():
                print("  " + " | ".join(str(value) for value in row), file=out)
        print(file=out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--keep", metavar="FOLDER", help="keep the database (SQLite: in FOLDER) for --reuse")
    parser.add_argument("--reuse", action="store_true", help="reuse the database a --keep run left")
    parser.add_argument("--postgres", help="postgres://…/kehoach_bench_…: bench on this database")
    parser.add_argument("--skip", nargs="*", default=[], help="leave out the pages whose name starts so")
    parser.add_argument("--explain", help="write the list's query plans to this file")
    args = parser.parse_args()
    # Connections persist between requests as in production (config/settings/production.py).
    os.environ.setdefault("CONN_MAX_AGE", "60")
    with bench_folder(args.keep) as folder:
        setup_django(folder, database_url=args.postgres, instrument=False, reuse=args.reuse)
        try:
            run(args)
        finally:
            if args.postgres and not args.keep:
                drop_postgres_database(args.postgres)


def run(args) -> None:
    trivial_urls()
    from django.conf import settings

    settings.ROOT_URLCONF = "bench_urls"
    from data import prepared
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    started = time.perf_counter()
    ids = prepared(args.plans, reuse=args.reuse)
    print(
        f"{connection.vendor}: {args.plans} generated plans + demo, 10 activities each "
        f"(built in {time.perf_counter() - started:.0f} s); load average {os.getloadavg()[0]:.2f}"
    )
    clients = {}
    for user in get_user_model().objects.filter(
        username__in=["soanthao", "pheduyet", "vanthu", "thanhvien", "giamsat", "admin"]
    ):
        clients[user.username] = Client()
        clients[user.username].force_login(user)
    rows = [row for row in pages(ids) if not row[0].startswith(tuple(args.skip))]
    results = {}
    # Warm up every page (and render the PDF once), then time the pages round-robin, so that
    # machine noise hits them all alike.
    for name, user, url, params in rows:
        response = clients[user].get(url, params)
        assert response.status_code == 200, (name, response.status_code)
        results[name] = []
    for number in range(args.runs):
        for name, user, url, params in rows:
            client = clients[user]
            if name.endswith(FIRST_VIEW):
                params = {**params, "first_view": number}
            results[name] += timings_ms(
                lambda client=client, url=url, params=params: client.get(url, params), 1
            )
    base_median = statistics.median(results["trivial view"])
    base_p95 = p95(results["trivial view"])
    print(f"{'page':<26}{'median ms':>10}{'p95 ms':>9}{'× median':>10}{'× p95':>8}  target")
    for name, values in results.items():
        median, high = statistics.median(values), p95(values)
        target = next((limit for key, limit in TARGETS.items() if name.startswith(key)), None)
        verdict = "" if target is None else f"≤ {target}× {'ok' if high / base_p95 <= target else 'MISSED'}"
        ratios = f"{median / base_median:>10.1f}{high / base_p95:>8.1f}"
        print(f"{name:<26}{median:>10.1f}{high:>9.1f}{ratios}  {verdict}")
    print(f"load average after: {' '.join(f'{value:.2f}' for value in os.getloadavg())}")
    if args.explain:
        with open(args.explain, "w") as out:
            for name, user, url, params in rows:
                if name.endswith(FIRST_VIEW):
                    continue
                if name.startswith("list"):
                    explain(clients[user], url, params, name, out)
                elif not name.startswith(("trivial", "edit")):
                    explain(clients[user], url, params, name, out, slowest=2)
        print(f"query plans written to {args.explain}")


if __name__ == "__main__":
    main()
