"""How fast the five seed plans print: our PDF pipeline against bare WeasyPrint, and the cached URL.

Run: `uv run python bench/render.py [--runs N]`. It uses a throw-away SQLite database in a
temporary folder (migrated, then filled by the demo loader), never the project's database.

For each seed it prints the median time of
  - pipeline: build_plan_context + render_plan_html + WeasyPrint (no cache);
  - bare: WeasyPrint alone on the same HTML with the same stylesheet, in the same run;
  - ratio pipeline / bare (target ≤ 1.2): what our own code adds;
  - ours: context and HTML alone, the part of the pipeline that is ours (steadier than the ratio);
  - served: GET of the plan's PDF URL through the Django test client once the plan was rendered
    (target ≤ 20 ms): login, context, hash and a cache hit.
"""

import argparse
import statistics
import sys
import tempfile

from support import setup_django, timings_ms

PIPELINE_TARGET = 1.2
SERVED_TARGET_MS = 20.0


def median_ms(function, runs: int) -> float:
    return statistics.median(timings_ms(function, runs))


def measure_seed(plan, client, *, runs: int, requests: int) -> tuple[int, float, float, float, float]:
    """(pages, pipeline ms, bare ms, ours ms, served ms) of one plan; Django is set up."""
    from django.urls import reverse
    from weasyprint import HTML

    from plans.documents.context import build_plan_context
    from plans.documents.html import render_plan_html
    from plans.documents.pdf import render_plan_pdf, stylesheet

    html = render_plan_html(build_plan_context(plan.pk))

    def pipeline():
        return render_plan_pdf(build_plan_context(plan.pk))

    def bare():
        return HTML(string=html).write_pdf(stylesheets=[stylesheet()])

    pages = len(HTML(string=html).render(stylesheets=[stylesheet()]).pages)
    for _ in range(3):  # warm up fonts, caches and the allocator
        pipeline(), bare()
    # Alternate the two measures so that machine noise hits both alike.
    pipeline_runs, bare_runs = [], []
    for _ in range(runs):
        pipeline_runs.append(median_ms(pipeline, 1))
        bare_runs.append(median_ms(bare, 1))
    # Our own share alone (context and HTML), free of WeasyPrint's run-to-run noise.
    ours_ms = median_ms(lambda: render_plan_html(build_plan_context(plan.pk)), runs)

    url = reverse("plans:document_pdf", args=[plan.pk])
    assert client.get(url).status_code == 200  # renders once and fills the cache
    served_ms = median_ms(lambda: client.get(url), requests)
    return pages, statistics.median(pipeline_runs), statistics.median(bare_runs), ours_ms, served_ms


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="timed runs per measure (default 15)")
    parser.add_argument("--requests", type=int, default=30, help="timed requests of the cached URL")
    arguments = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-render-") as folder:
        setup_django(folder)
        from django.contrib.auth import get_user_model
        from django.core.cache import cache
        from django.test import Client

        from plans.management.demo.loader import load_demo

        plans = load_demo()
        client = Client()
        client.force_login(get_user_model().objects.get(username="admin"))
        cache.clear()

        header = (
            f"{'seed':<5} {'pages':>5} {'pipeline ms':>12} {'bare ms':>9} {'ratio':>6} "
            f"{'ours ms':>8} {'served ms':>10}"
        )
        print(header)
        print("-" * len(header))
        worst_ratio = worst_served = 0.0
        for key, plan in plans.items():
            pages, pipeline_ms, bare_ms, ours_ms, served_ms = measure_seed(
                plan, client, runs=arguments.runs, requests=arguments.requests
            )
            ratio = pipeline_ms / bare_ms
            worst_ratio, worst_served = max(worst_ratio, ratio), max(worst_served, served_ms)
            print(
                f"{key:<5} {pages:>5} {pipeline_ms:>12.1f} {bare_ms:>9.1f} {ratio:>6.2f} "
                f"{ours_ms:>8.1f} {served_ms:>10.1f}"
            )

        print()
        print(
            f"worst ratio {worst_ratio:.2f} (target ≤ {PIPELINE_TARGET}); worst served {worst_served:.1f} ms "
            f"(target ≤ {SERVED_TARGET_MS:.0f} ms)"
        )
        ok = worst_ratio <= PIPELINE_TARGET and worst_served <= SERVED_TARGET_MS
        print("OK" if ok else "TARGET MISSED")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
