"""A province's worth of plans for the benches: 200,000 plans build in minutes on either database.

On top of the demo (its bodies, users, clusters and five seed plans): `communes` more communes
under the demo province, twelve more clusters whose members rotate the head each year, and
`count` plans of ten activities each: 60% issued (numbered, full date), 15% submitted or
approved, the rest drafts; 5% cluster plans; kind and year independent, so that a filter on both
returns rows; every plan's search text filled as save() fills it, and in the search index. Plus
one 30-activity draft that the demo drafter may edit. Never used by the tests.

The first BASE plans are built with the ORM (bulk_create); the rest are copies of them made in SQL
with new ids and numbers (`multiply`).
"""

import contextlib
import itertools
import random
import sys
import time

KINDS = ["annual", "training", "study_trip", "propaganda", "campaign", "other"]
WORDS = ["thi đua", "khen thưởng", "tập huấn", "tuyên truyền", "giao lưu", "sơ kết", "tổng kết", "phong trào"]
YEARS = range(2020, 2026)
# Plans built with the ORM; beyond them the plans are copies made in SQL (see multiply).
BASE = 5000
# The demo drafter's body (soanthao drafts for it): a commune since the 2025 reform.
HOME = "Ủy ban nhân dân xã Tháp Mười"
EDITABLE_SUBJECT = "Kế hoạch thi đua năm 2025 có 30 hoạt động"


def _bodies(communes: int):
    from clusters.choices import MembershipRole, OrganizationLevel
    from clusters.models import Cluster, ClusterMembership, Organization
    from common.text import fold

    # Two levels of local government: the new communes sit under the demo commune's province.
    province = Organization.objects.get(name=HOME).parent
    made = []
    for number in range(communes):
        name = f"Ủy ban nhân dân xã Bình Thành {number}"
        made.append(
            Organization(
                name=name,
                short_name=f"UBND xã Bình Thành {number}",
                abbreviation="UBND",
                place_name="Đồng Tháp",
                level=OrganizationLevel.COMMUNE,
                parent=province,
                search_text=fold(f"{name} UBND Đồng Tháp"),
            )
        )
    Organization.objects.bulk_create(made, batch_size=1000)
    units = list(Organization.objects.filter(level=OrganizationLevel.COMMUNE))
    clusters = Cluster.objects.bulk_create(
        Cluster(
            name=f"Cụm thi đua số {number}",
            abbreviation=f"CTĐ{number}",
            place_name="Đồng Tháp",
            organization=province,
            search_text=fold(f"Cụm thi đua số {number}"),
        )
        for number in range(10, 22)
    )
    memberships = []
    for index, cluster in enumerate(clusters):
        members = units[index * 10 : index * 10 + 10] or units[:10]
        for year in YEARS:
            for position, unit in enumerate(members):
                head = position == year % len(members)
                role = MembershipRole.HEAD if head else MembershipRole.MEMBER
                memberships.append(
                    ClusterMembership(cluster=cluster, organization=unit, year=year, role=role)
                )
    ClusterMembership.objects.bulk_create(memberships, batch_size=2000)
    return list(Organization.objects.all()), list(Cluster.objects.all())


def _activities(plans, per_plan: int):
    from activities.models import Activity

    activities = [
        Activity(
            plan=plan,
            order=order,
            content=f"Hoạt động {order}: tổ chức {WORDS[order % len(WORDS)]} trong các đơn vị",
            period_kind="quarter",
            quarter=(order - 1) % 4 + 1,
            implementers_text="Các đơn vị trong Cụm thi đua",
        )
        for plan in plans
        for order in range(1, per_plan + 1)
    ]
    for activity in activities:
        activity.search_text = _search_text(activity)
    return Activity.objects.bulk_create(activities, batch_size=2000)


def _search_text(row) -> str:
    """The folded search text as SearchableModel.save() derives it (bulk_create skips save())."""
    from common.text import fold

    return fold(" ".join(part for part in row.search_parts() if part))


def _base_plans(count: int, rng: random.Random, organizations, clusters, home) -> list:
    """`count` plans built with the ORM, their search text as save() would fill it."""
    from plans.choices import PlanStatus
    from plans.models import Plan

    numbers = itertools.count(1)
    plans = []
    for number in range(count):
        year = rng.choice(YEARS)
        kind = rng.choice(KINDS)
        # One plan in 25 is the demo commune's, so that its drafter's list has rows.
        organization = home if number % 25 == 0 else rng.choice(organizations)
        cluster = rng.choice(clusters) if rng.random() < 0.05 else None
        roll = rng.random()
        status = (
            PlanStatus.ISSUED
            if roll < 0.6
            else PlanStatus.APPROVED
            if roll < 0.68
            else PlanStatus.SUBMITTED
            if roll < 0.75
            else PlanStatus.DRAFT
        )
        issued = status == PlanStatus.ISSUED
        issuer = cluster or organization
        plan = Plan(
            organization=None if cluster else organization,
            cluster=cluster,
            kind=kind,
            year=year,
            subject=f"Kế hoạch {rng.choice(WORDS)} {rng.choice(WORDS)} năm {year}",
            status=status,
            number=next(numbers) if issued else None,  # unique, so no series collides
            symbol=f"KH-{issuer.abbreviation}",
            date_year=year,
            date_month=rng.randint(1, 12),
            date_day=rng.randint(1, 28) if issued else None,
        )
        plan.search_text = _search_text(plan)
        plans.append(plan)
    return plans


def fill(count: int, *, communes: int = 300, seed: int = 13) -> dict:
    """Build the data; returns the ids the benches open (see the keys).

    At most BASE plans are built with the ORM; the rest are copies of them made in SQL (see
    `multiply`), so that 200,000 plans build in minutes on either database."""
    from django.db import connection, transaction

    from clusters.models import Organization
    from plans.management.demo.loader import load_demo
    from plans.models import Plan

    rng = random.Random(seed)
    load_demo()
    organizations, clusters = _bodies(communes)
    home = Organization.objects.get(name=HOME)
    base = _base_plans(min(count, BASE), rng, organizations, clusters, home)
    with transaction.atomic():
        base = Plan.objects.bulk_create(base, batch_size=1000)
        _activities(base, 10)
    if count > len(base):
        multiply(base, count - len(base))
    with transaction.atomic():
        editable = Plan.objects.create(
            organization=home,
            kind="annual",
            year=2025,
            subject=EDITABLE_SUBJECT,
            date_year=2025,
        )
        _activities([editable], 30)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")  # as autovacuum would have left a live database
        else:
            cursor.execute("ANALYZE")
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return bench_ids()


# Stands for the number in a base plan's search text, which its copies replace by theirs.
SENTINEL = 987654321


def multiply(base: list, extra: int) -> None:
    """`extra` more plans, copies of the `base` plans (ids following each other) and of their
    activities, made with INSERT … SELECT: a copy keeps its plan's issuer, kind, year, status and
    texts, and takes new ids and, if issued, a number of its own (the base numbers plus a step per
    round of copies, so that no register holds a number twice), written into its search text too.

    The plain indexes of plans and activities and the search index are dropped for the load and
    made again after it, once (SQLite's FTS5 table is rebuilt from the plans' search text)."""
    from django.core.management.color import no_style
    from django.db import connection, transaction
    from django.db.models import Count, Max, Min

    from activities.models import Activity
    from plans.models import Plan

    first, last = min(plan.pk for plan in base), max(plan.pk for plan in base)
    assert last - first + 1 == len(base), "the base plans' ids follow each other"
    span = len(base)
    number_step = max(100, max(plan.number or 0 for plan in base))
    activities = Activity.objects.filter(plan__gte=first, plan__lte=last).aggregate(
        low=Min("id"), high=Max("id"), count=Count("id")
    )
    activity_span = activities["high"] - activities["low"] + 1
    assert activity_span == activities["count"], "the base activities' ids follow each other"

    quote = connection.ops.quote_name
    plan_columns = [field.column for field in Plan._meta.concrete_fields if not field.generated]
    activity_columns = [field.column for field in Activity._meta.concrete_fields if not field.generated]

    def insert(model, columns, overrides, source):
        chosen = ", ".join(overrides.get(column, f"original.{quote(column)}") for column in columns)
        # The names come from the models, the numbers from here: nothing a user typed.
        table, names = quote(model._meta.db_table), ", ".join(quote(column) for column in columns)
        return f"INSERT INTO {table} ({names}) SELECT {chosen} FROM {table} original {source}"  # noqa: S608

    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE bench_search_text (plan_id integer PRIMARY KEY, head text, tail text)"
        )
        rows = []
        for plan in base:
            if plan.number:
                number, plan.number = plan.number, SENTINEL
                rows.append((plan.pk, *_search_text(plan).split(str(SENTINEL))))
                plan.number = number
        cursor.executemany("INSERT INTO bench_search_text VALUES (%s, %s, %s)", rows)
    started, copied = time.perf_counter(), extra
    with _indexes_dropped(connection, (Plan, Activity)):
        round_ = 0
        while extra > 0:
            round_ += 1
            size = min(extra, span)
            shift, numbers = round_ * span, round_ * number_step
            plans = insert(
                Plan,
                plan_columns,
                {
                    "id": f"original.id + {shift}",
                    "number": f"original.number + {numbers}",
                    "search_text": "CASE WHEN original.number IS NULL THEN original.search_text "
                    f"ELSE folded.head || CAST(original.number + {numbers} AS TEXT) || folded.tail END",
                },
                "LEFT JOIN bench_search_text folded ON folded.plan_id = original.id "
                "WHERE original.id BETWEEN %s AND %s",
            )
            copies = insert(
                Activity,
                activity_columns,
                {"id": f"original.id + {round_ * activity_span}", "plan_id": f"original.plan_id + {shift}"},
                "WHERE original.plan_id BETWEEN %s AND %s",
            )
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(plans, [first, first + size - 1])
                cursor.execute(copies, [first, first + size - 1])
            extra -= size
        loaded = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE bench_search_text")
            for sql in connection.ops.sequence_reset_sql(no_style(), [Plan, Activity]):
                cursor.execute(sql)
    print(
        f"{copied} plans copied in {loaded - started:.0f} s, "
        f"indexes made again in {time.perf_counter() - loaded:.0f} s",
        file=sys.stderr,
    )


@contextlib.contextmanager
def _indexes_dropped(connection, models):
    """The plain indexes of `models` and the plans' search index dropped for a load, and made
    again after it (also if it fails): once over the loaded rows instead of row by row."""
    from plans import search_index

    with connection.schema_editor() as editor:
        for model in models:
            for index in model._meta.indexes:
                editor.remove_index(model, index)
    search_index.drop_search_index(connection)
    try:
        yield
    finally:
        with connection.schema_editor() as editor:
            for model in models:
                for index in model._meta.indexes:
                    editor.add_index(model, index)
        search_index.create_search_index(connection)


def prepared(count: int, *, reuse: bool) -> dict:
    """The bench data: reused as it is if `reuse` and the database already holds it (built by
    an earlier run kept with `--keep`), else built here."""
    from plans.models import Plan

    if reuse and Plan.objects.filter(subject=EDITABLE_SUBJECT).exists():
        return bench_ids()
    return fill(count)


def bench_ids() -> dict:
    """The ids the benches open: the 30-activity draft, an issued cluster plan, an issued plan
    of the demo commune."""
    from clusters.models import Organization
    from plans.choices import PlanStatus
    from plans.models import Plan

    home = Organization.objects.get(name=HOME)
    editable = Plan.objects.filter(subject=EDITABLE_SUBJECT).get()
    cluster_plan = Plan.objects.filter(cluster__isnull=False, status=PlanStatus.ISSUED).order_by("pk").first()
    own_issued = Plan.objects.filter(organization=home, status=PlanStatus.ISSUED).order_by("-pk").first()
    return {"edit": editable.pk, "cluster_plan": cluster_plan.pk, "own_issued": own_issued.pk}
