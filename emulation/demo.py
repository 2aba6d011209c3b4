"""The emulation year of the demo: the cluster of communes (plans.management.demo.today) opens its
registration for the year, the head commune starts its own, the cluster's compact is drawn up, and
its criteria table is drafted (for the head to issue, so that the year's dossier ranks the units).
Receiver of `plans.management.demo.loader.demo_loaded`; loading the demo again changes nothing."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from emulation import criteria as criteria_services
from emulation.choices import CriterionKind
from emulation.models import Award, Compact, CriteriaTable, RegistrationCall
from emulation.services.compact import compact_create
from emulation.services.registrations import call_open, line_add, registration_start

CLUSTER_KEY = "dong_thap_xa_1"
HEAD_KEY = "xa_thap_muoi"
DRAFTER = "soanthao"  # the head commune's drafter (Phòng Văn hóa - Xã hội)
CHAIRMAN = "pheduyet"  # the head commune's chairman, who manages the cluster's criteria table
TABLE_TITLE = "Bảng tiêu chí chấm điểm thi đua năm {year} của Cụm thi đua các xã, phường số 1"
# Title, kind, maximum points: the usual headings of a cluster's table, scored up to a maximum.
CRITERIA = (
    ("Thực hiện nhiệm vụ chính trị, kinh tế - xã hội được giao", CriterionKind.QUALITATIVE, 60),
    ("Tổ chức phong trào thi đua, công tác khen thưởng", CriterionKind.QUALITATIVE, 30),
    ("Tham gia hoạt động chung của Cụm", CriterionKind.QUALITATIVE, 10),
)
SIGNERS = {
    "xa_my_quy": "Phạm Thị Hoa",
    "xa_lai_vung": "Lê Văn Cường",
    "phuong_cao_lanh": "Trần Minh Đức",
    "xa_chau_thanh": "Võ Thanh Sơn",
}
CALL_NOTE = (
    "Các đơn vị thành viên đăng ký danh hiệu thi đua tập thể, cá nhân và gửi bản đăng ký có chữ ký của "
    "Chủ tịch UBND về Trưởng cụm."
)
HEAD_LINES = (
    ("tap-the-lao-dong-xuat-sac", "", ""),
    ("co-thi-dua-tinh", "", ""),
    ("chien-si-thi-dua-co-so", "Nguyễn Thị Mai", "Trưởng phòng Văn hóa - Xã hội"),
)


def load_emulation_demo(*, today: datetime.date, organizations: dict, clusters: dict, **kwargs) -> None:
    cluster, head = clusters.get(CLUSTER_KEY), organizations.get(HEAD_KEY)
    drafter = get_user_model().objects.filter(username=DRAFTER).first()
    if cluster is None or head is None or drafter is None:
        return
    year = today.year
    call = RegistrationCall.objects.filter(cluster=cluster, year=year).first()
    # A deadline still ahead (a demo loaded for a past day included), within the year.
    deadline = max(today + datetime.timedelta(days=14), timezone.localdate())
    if call is None and deadline.year == year:
        call = call_open(user=drafter, cluster=cluster, year=year, deadline=deadline, note=CALL_NOTE)
    if call is not None and not call.registrations.filter(unit=head).exists():
        registration = registration_start(user=drafter, call=call, unit=head)
        for code, name, position in HEAD_LINES:
            award = Award.objects.get(code=code)
            line_add(
                user=drafter, registration=registration, award=award, person_name=name, position=position
            )
    if not Compact.objects.filter(cluster=cluster, year=year).exists():
        compact = compact_create(user=drafter, cluster=cluster, year=year)
        keys = {body.pk: key for key, body in organizations.items()}
        for signatory in compact.signatories.all():
            name = SIGNERS.get(keys.get(signatory.unit_id, ""))
            if name:
                signatory.name = name
                signatory.save(update_fields=["name"])
    chairman = get_user_model().objects.filter(username=CHAIRMAN).first()
    if chairman is not None and not CriteriaTable.objects.filter(cluster=cluster, year=year).exists():
        table = criteria_services.table_create(
            actor=chairman, title=TABLE_TITLE.format(year=year), year=year, cluster=cluster
        )
        for order, (title, kind, points) in enumerate(CRITERIA, start=1):
            criteria_services.criterion_save(
                actor=chairman, table=table, order=order, title=title, kind=kind, max_points=points
            )
