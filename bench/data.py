"""A province's worth of plans for the benches, built with bulk_create (minutes, not hours).

On top of the demo (its bodies, users, clusters and five seed plans): `communes` more communes
under the demo province, twelve more clusters whose members rotate the head each year, and
`count` plans of ten activities each: 60% issued (numbered, full date), 15% submitted or
approved, the rest drafts; 5% cluster plans; kind and year independent, so that a filter on both
returns rows. Plus one 30-activity draft that the demo drafter may edit. Never used by the tests.
"""

import itertools
import random

KINDS = ["annual", "training", "study_trip", "propaganda", "campaign", "other"]
WORDS = ["thi đua", "khen thưởng", "tập huấn", "tuyên truyền", "giao lưu", "sơ kết", "tổng kết", "phong trào"]
YEARS = range(2020, 2026)
CHUNK = 5000
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

    return Activity.objects.bulk_create(
        (
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
        ),
        batch_size=2000,
    )


def fill(count: int, *, communes: int = 300, seed: int = 13) -> dict:
    """Build the data; returns the ids the benches open (see the keys)."""
    from django.db import connection, transaction

    from clusters.models import Organization
    from common.text import fold
    from plans.choices import PlanStatus
    from plans.management.demo.loader import load_demo
    from plans.models import Plan

    rng = random.Random(seed)
    load_demo()
    organizations, clusters = _bodies(communes)
    home = Organization.objects.get(name=HOME)
    numbers = itertools.count(1)
    created = 0
    while created < count:
        batch = []
        for number in range(created, min(created + CHUNK, count)):
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
            words = f"{rng.choice(WORDS)} {rng.choice(WORDS)}"
            subject = f"Kế hoạch {words} số {number} năm {year}"
            issuer = cluster or organization
            batch.append(
                Plan(
                    organization=None if cluster else organization,
                    cluster=cluster,
                    kind=kind,
                    year=year,
                    subject=subject,
                    status=status,
                    number=next(numbers) if issued else None,  # unique, so no series collides
                    symbol=f"KH-{issuer.abbreviation}",
                    date_year=year,
                    date_month=rng.randint(1, 12),
                    date_day=rng.randint(1, 28) if issued else None,
                    # bulk_create skips save(), so the search column is filled here the same way.
                    search_text=fold(f"{subject} {issuer.name}"),
                )
            )
        with transaction.atomic():
            _activities(Plan.objects.bulk_create(batch, batch_size=1000), 10)
        created += len(batch)
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
        cursor.execute("ANALYZE")
    return bench_ids()


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
