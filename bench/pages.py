"""Response times of the main pages on a large database, as ratios to a trivial Django view.

Run: `uv run python bench/pages.py [--plans 10000] [--runs 30]`. It builds a throw-away SQLite
database in a temporary folder (never the project's database) holding the five seed plans plus
`--plans` generated plans with 10 activities each, then times, through the Django test client
with a signed-in user:
  - trivial: a view that returns "ok" (the baseline: middleware, session, auth);
  - list: the first page of the plan list; list filtered (year and kind); list searched
    (a diacritics-free query);
  - plan page and edit page of a plan with 10 activities.
For each it prints the median and p95 in milliseconds and both as a ratio to the trivial view.
"""

import argparse
import statistics
import sys
import tempfile
import time

from support import setup_django, timings_ms

KINDS = ["annual", "training", "study_trip", "propaganda", "campaign", "other"]
WORDS = ["thi đua", "khen thưởng", "tập huấn", "tuyên truyền", "giao lưu", "sơ kết", "tổng kết", "phong trào"]


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


def fill(count: int) -> int:
    """`count` plans of the demo bodies with 10 activities each; returns the id of a draft that the
    demo drafter (soanthao, who drafts for UBND huyện Tháp Mười) may open and edit."""
    from activities.models import Activity
    from clusters.models import Organization
    from common.text import fold
    from plans.management.demo.loader import load_demo
    from plans.models import Plan

    load_demo()
    organizations = list(Organization.objects.all())
    batch = []
    for number in range(count):
        words = f"{WORDS[number % len(WORDS)]} {WORDS[(number * 7) % len(WORDS)]}"
        subject = f"Kế hoạch {words} số {number} năm {2020 + number % 6}"
        organization = organizations[number % len(organizations)]
        batch.append(
            Plan(
                organization=organization,
                kind=KINDS[number % len(KINDS)],
                year=2020 + number % 6,
                subject=subject,
                date_year=2020 + number % 6,
                date_month=number % 12 + 1,
                # bulk_create skips save(), so the search column is filled here the same way.
                search_text=fold(f"Kế hoạch {subject} {organization.name}"),
            )
        )
    plans = Plan.objects.bulk_create(batch, batch_size=1000)
    Activity.objects.bulk_create(
        (
            Activity(
                plan=plan,
                order=order,
                content=f"Hoạt động {order} của kế hoạch",
                period_kind="quarter",
                quarter=(order - 1) % 4 + 1,
                implementers_text="Các đơn vị trong Cụm thi đua",
            )
            for plan in plans
            for order in range(1, 11)
        ),
        batch_size=2000,
    )
    drafters_body = Organization.objects.get(name="Ủy ban nhân dân huyện Tháp Mười")
    return next(plan.pk for plan in plans[len(plans) // 2 :] if plan.organization_id == drafters_body.pk)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        setup_django(folder)
        trivial_urls()
        from django.conf import settings

        settings.ROOT_URLCONF = "bench_urls"
        from django.contrib.auth import get_user_model
        from django.test import Client

        started = time.perf_counter()
        plan_id = fill(args.plans)
        print(
            f"database: {args.plans} generated plans + 6 demo plans, 10 activities each "
            f"(built in {time.perf_counter() - started:.1f} s)"
        )
        client = Client()
        client.force_login(get_user_model().objects.get(username="soanthao"))
        pages = {
            "trivial view": ("/bench/trivial/", {}),
            "list": ("/plans/", {}),
            "list filtered": ("/plans/", {"year": 2024, "kind": "training"}),
            "list searched": ("/plans/", {"q": "tap huan so 42"}),
            "plan page": (f"/plans/{plan_id}/", {}),
            "edit page": (f"/plans/{plan_id}/edit/", {}),
        }
        results = {}
        for name, (url, params) in pages.items():
            response = client.get(url, params)
            assert response.status_code == 200, (name, response.status_code)
            results[name] = timings_ms(lambda url=url, params=params: client.get(url, params), args.runs)
        base_median = statistics.median(results["trivial view"])
        base_p95 = p95(results["trivial view"])
        print(f"{'page':<16}{'median ms':>11}{'p95 ms':>9}{'× median':>10}{'× p95':>8}")
        for name, values in results.items():
            median, high = statistics.median(values), p95(values)
            print(
                f"{name:<16}{median:>11.1f}{high:>9.1f}{median / base_median:>10.1f}{high / base_p95:>8.1f}"
            )


if __name__ == "__main__":
    main()
