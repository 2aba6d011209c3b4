"""Numbers of issued documents: consecutive from 01 in each series of an issuer and year, never reused.

Allocation locks the register row (SELECT … FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE
transactions already let one writer in at a time), and the plan's unique constraint on
(issuer, symbol, year, number) stands behind it.
"""

from django.db import IntegrityError, transaction

from clusters.choices import ReorganisationKind
from clusters.models import Cluster, Organization
from plans.models import NumberingRegister

DOCUMENT_TYPE = "KH"


def series_for(issuer: Organization | Cluster, document_type: str = DOCUMENT_TYPE) -> str:
    return document_type if issuer.numbering_per_type else ""


def _register(issuer: Organization | Cluster, year: int, series: str) -> NumberingRegister:
    issuer_field = "cluster" if isinstance(issuer, Cluster) else "organization"
    lookup = {issuer_field: issuer, "year": year, "series": series}
    registers = NumberingRegister.objects.select_for_update()
    register = registers.filter(**lookup).first()
    if register is not None:
        return register
    try:
        # A savepoint: if another transaction created the row meanwhile, lock that one instead.
        with transaction.atomic():
            return NumberingRegister.objects.create(**lookup)
    except IntegrityError:
        return registers.get(**lookup)


@transaction.atomic
def allocate_number(*, issuer: Organization | Cluster, year: int, document_type: str = DOCUMENT_TYPE) -> int:
    """The next number of the issuer's series for `year`; the caller's transaction keeps it."""
    register = _register(issuer, year, series_for(issuer, document_type))
    register.last_number += 1
    register.save(update_fields=["last_number"])
    return register.last_number


def carry_registers(*, predecessors, successors, kind: str, date, **kwargs) -> None:
    """On a rename the body goes on with its year's numbers (one series per body and year, Nghị định
    30/2020, Điều 15); bodies formed by a merge or a split start at 01. Receiver of `body_reorganised`."""
    if kind != ReorganisationKind.RENAME:
        return
    ((predecessor,), (successor,)) = predecessors, successors
    for register in NumberingRegister.objects.filter(organization=predecessor, year=date.year):
        NumberingRegister.objects.update_or_create(
            organization=successor,
            year=register.year,
            series=register.series,
            defaults={"last_number": register.last_number},
        )
