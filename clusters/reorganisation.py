"""Reorganising bodies: merge, split or rename, keeping every earlier body and plan as it was.

The predecessors are closed the day before the date, the successors open on it, and the links are
recorded (`Succession`). Nothing is renamed in place: a plan keeps printing the names it was drafted
and issued under. What the law and practice carry over is carried:
- staff roles go to the successor when there is exactly one (a merge or a rename); after a split the
  administrator gives them out, so they stay where they were and are reported;
- cluster memberships of the next period (years that start on or after the date) go to the single
  successor; those of earlier years stay, as the plans of those years name them;
- numbering registers: a renamed body is the same body and goes on with its year's numbers, bodies
  formed by a merge or a split start at 01 (Nghị định 30/2020, Điều 15: one series per body and
  year). Registers belong to the plans app, which does this on the `body_reorganised` signal.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.dispatch import Signal

from clusters.choices import MembershipRole, ReorganisationKind
from clusters.models import ClusterMembership, Organization, Staff, Succession
from common.errors import ServiceError

# Sent inside the reorganising transaction, with `predecessors`, `successors`, `kind`, `date`.
body_reorganised = Signal()

ROLE_RANK = {MembershipRole.HEAD: 0, MembershipRole.DEPUTY: 1, MembershipRole.MEMBER: 2}

NO_PREDECESSOR_MESSAGE = "Chọn ít nhất một cơ quan được sắp xếp."
NO_SUCCESSOR_MESSAGE = "Chọn ít nhất một cơ quan kế thừa."
SAME_BODY_MESSAGE = "Cơ quan kế thừa không được là cơ quan được sắp xếp: {names}."
KIND_SHAPE_MESSAGES = {
    ReorganisationKind.MERGE: "Sáp nhập, hợp nhất: nhiều cơ quan vào đúng một cơ quan kế thừa.",
    ReorganisationKind.SPLIT: "Chia, tách: một cơ quan thành ít nhất hai cơ quan kế thừa.",
    ReorganisationKind.RENAME: "Đổi tên: một cơ quan sang đúng một cơ quan mang tên mới.",
}
CLOSED_MESSAGE = "{name} đã hết hiệu lực từ {day:%d/%m/%Y}, trước ngày sắp xếp."
SUCCESSOR_ENDED_MESSAGE = "Cơ quan kế thừa {name} hết hiệu lực ngày {day:%d/%m/%Y}, trước ngày sắp xếp."
ALREADY_LINKED_MESSAGE = "{predecessor} đã được ghi là tiền thân của {successor}."


@dataclass
class Reorganisation:
    """What a reorganisation did, for the administrator's message."""

    links: list[Succession] = field(default_factory=list)
    staff_moved: int = 0
    staff_left: int = 0
    memberships_moved: int = 0

    def summary(self) -> str:
        text = (
            f"Đã ghi {len(self.links)} quan hệ kế thừa; chuyển {self.staff_moved} vai trò cán bộ, "
            f"{self.memberships_moved} lượt tham gia cụm, khối thi đua của các năm sau."
        )
        if self.staff_left:
            text += f" Còn {self.staff_left} vai trò cán bộ cần phân công cho cơ quan kế thừa."
        return text


def first_year_after(date: datetime.date) -> int:
    """The first calendar year that lies wholly on or after `date`."""
    return date.year if (date.month, date.day) == (1, 1) else date.year + 1


def _check(kind: str, predecessors: Sequence[Organization], successors: Sequence[Organization], date) -> None:
    if not predecessors:
        raise ServiceError(NO_PREDECESSOR_MESSAGE, field="predecessors")
    if not successors:
        raise ServiceError(NO_SUCCESSOR_MESSAGE, field="successors")
    shapes = {
        ReorganisationKind.MERGE: len(successors) == 1,
        ReorganisationKind.SPLIT: len(predecessors) == 1 and len(successors) >= 2,
        ReorganisationKind.RENAME: len(predecessors) == 1 and len(successors) == 1,
    }
    if kind not in shapes:
        raise ServiceError("Hình thức sắp xếp không hợp lệ.", field="kind")
    if not shapes[kind]:
        raise ServiceError(KIND_SHAPE_MESSAGES[kind], field="successors")
    both = {body.pk for body in predecessors} & {body.pk for body in successors}
    if both:
        names = ", ".join(str(body) for body in predecessors if body.pk in both)
        raise ServiceError(SAME_BODY_MESSAGE.format(names=names), field="successors")
    for body in predecessors:
        if body.valid_to is not None and body.valid_to < date - datetime.timedelta(days=1):
            raise ServiceError(CLOSED_MESSAGE.format(name=body, day=body.valid_to), field="date")
    for body in successors:
        if body.valid_to is not None and body.valid_to < date:
            raise ServiceError(SUCCESSOR_ENDED_MESSAGE.format(name=body, day=body.valid_to), field="date")
    linked = Succession.objects.filter(predecessor__in=predecessors, successor__in=successors).first()
    if linked is not None:
        raise ServiceError(
            ALREADY_LINKED_MESSAGE.format(predecessor=linked.predecessor, successor=linked.successor),
            field="successors",
        )


@transaction.atomic
def reorganise(
    *,
    kind: str,
    predecessors: Sequence[Organization],
    successors: Sequence[Organization],
    date: datetime.date,
    new_successors: bool = True,
) -> Reorganisation:
    """Close `predecessors` the day before `date`, open `successors` on it (unless they are bodies
    that existed before and take the others in: `new_successors=False`), link them and carry over
    what goes to a single successor (see the module's note)."""
    predecessors = list(Organization.objects.select_for_update().filter(pk__in=[b.pk for b in predecessors]))
    successors = list(Organization.objects.select_for_update().filter(pk__in=[b.pk for b in successors]))
    _check(kind, predecessors, successors, date)
    result = Reorganisation()
    last_day = date - datetime.timedelta(days=1)
    for body in predecessors:
        if body.valid_to is None or body.valid_to > last_day:
            body.valid_to = last_day
            body.save(update_fields=["valid_to"])
    for body in successors if new_successors else ():
        if body.valid_from is None or body.valid_from > date:
            body.valid_from = date
            body.save(update_fields=["valid_from"])
    result.links = Succession.objects.bulk_create(
        Succession(predecessor=old, successor=new, date=date, kind=kind)
        for old in predecessors
        for new in successors
    )
    if len(successors) == 1:
        (successor,) = successors
        result.staff_moved = _move_staff(predecessors, successor)
        result.memberships_moved = _move_memberships(predecessors, successor, first_year_after(date))
    else:
        result.staff_left = Staff.objects.filter(organization__in=predecessors).count()
    body_reorganised.send(
        sender=Organization, predecessors=predecessors, successors=successors, kind=kind, date=date
    )
    return result


def _move_staff(predecessors: list[Organization], successor: Organization) -> int:
    """Each role held at a predecessor is held at the successor instead (once, however many held it)."""
    moved = 0
    for staff in Staff.objects.filter(organization__in=predecessors):
        _, created = Staff.objects.get_or_create(
            user_id=staff.user_id, organization=successor, role=staff.role
        )
        moved += created
        staff.delete()
    return moved


def _move_memberships(predecessors: list[Organization], successor: Organization, from_year: int) -> int:
    """Memberships of `from_year` on pass to the successor; where it already sits in that cluster and
    year, it keeps the higher of the two roles."""
    moved = 0
    memberships = ClusterMembership.objects.filter(organization__in=predecessors, year__gte=from_year)
    for membership in memberships.order_by("role"):
        existing = ClusterMembership.objects.filter(
            cluster_id=membership.cluster_id, year=membership.year, organization=successor
        ).first()
        if existing is None:
            membership.organization = successor
            membership.save(update_fields=["organization"])
        else:
            role = min(existing.role, membership.role, key=ROLE_RANK.__getitem__)
            membership.delete()  # before the role moves: one head per cluster and year
            if role != existing.role:
                existing.role = role
                existing.save(update_fields=["role"])
        moved += 1
    return moved


def earlier_bodies() -> dict[int, list[int]]:
    """For each successor's id, the ids of the bodies it took over (one query)."""
    earlier: dict[int, list[int]] = {}
    # Unordered: the model's order joined the bodies to sort a table read whole on every request.
    for predecessor_id, successor_id in Succession.objects.order_by().values_list(
        "predecessor_id", "successor_id"
    ):
        earlier.setdefault(successor_id, []).append(predecessor_id)
    return earlier


def predecessors_of(organization_ids, earlier: dict[int, list[int]] | None = None) -> frozenset[int]:
    """Every body that `organization_ids` took over, however many reorganisations back."""
    earlier = earlier_bodies() if earlier is None else earlier
    found: set[int] = set()
    stack = list(organization_ids)
    while stack:
        for pk in earlier.get(stack.pop(), ()):
            if pk not in found:
                found.add(pk)
                stack.append(pk)
    return frozenset(found)
