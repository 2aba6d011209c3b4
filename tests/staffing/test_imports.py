"""A provincial administrator imports bodies, clusters with their members by year and staff from one
XLSX, all or nothing, and exports them."""

from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from clusters.choices import MembershipRole, OrganizationLevel, StaffRole
from clusters.models import Cluster, ClusterMembership, Organization, Staff
from common.errors import ServiceError
from staffing import imports
from staffing.choices import StaffChangeKind
from staffing.models import StaffChange
from staffing.sheets import BODIES, CLUSTERS, MEMBERS, STAFF
from tests.factories import OrganizationFactory, staff_user

pytestmark = pytest.mark.django_db
PROVINCE = "Ủy ban nhân dân tỉnh Đồng Tháp"


def workbook(bodies=(), clusters=(), members=(), staff=()) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for spec, rows in ((BODIES, bodies), (CLUSTERS, clusters), (MEMBERS, members), (STAFF, staff)):
        sheet = book.create_sheet(spec.title)
        sheet.append([column.label for column in spec.columns])
        for row in rows:
            sheet.append(list(row))
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


TWO_COMMUNES = [
    (
        "Ủy ban nhân dân xã Mỹ An",
        "UBND xã Mỹ An",
        "Cấp xã",
        PROVINCE,
        "UBND",
        "Mỹ An",
        "UBND TỈNH ĐỒNG THÁP",
        "Có",
    ),
    ("Phòng Văn hóa – Xã hội xã Mỹ An", "", "Phòng, ban chuyên môn", "Ủy ban nhân dân xã Mỹ An", "VHXH"),
    ("Ủy ban nhân dân xã Mỹ Hòa", "UBND xã Mỹ Hòa", "Cấp xã", PROVINCE, "UBND", "Mỹ Hòa", "", "Có"),
]
CLUSTER = [("Cụm thi đua các xã phía Bắc", "Cụm", "CTĐ", "Đồng Tháp")]
MEMBERS_2026 = [
    ("Cụm thi đua các xã phía Bắc", 2026, "Ủy ban nhân dân xã Mỹ An", "Trưởng cụm"),
    ("Cụm thi đua các xã phía Bắc", 2026, "Ủy ban nhân dân xã Mỹ Hòa", "Phó trưởng cụm"),
]
FOUR_STAFF = [
    (
        "myan.soanthao",
        "Nguyễn Thị Lan",
        "lan@example.vn",
        "Phòng Văn hóa – Xã hội xã Mỹ An",
        "Chuyên viên soạn thảo",
    ),
    ("myan.chutich", "Trần Văn Bình", "binh@example.vn", "Ủy ban nhân dân xã Mỹ An", "Lãnh đạo phê duyệt"),
    ("myan.vanthu", "Lê Thị Cúc", "", "Ủy ban nhân dân xã Mỹ An", "Văn thư"),
    (
        "myhoa.canbo",
        "Phạm Văn Dũng",
        "dung@example.vn",
        "Ủy ban nhân dân xã Mỹ Hòa",
        "Cán bộ đơn vị thành viên",
    ),
]


@pytest.fixture
def province_admin(province):
    return staff_user(province, StaffRole.STAFF_ADMIN, username="quantritinh")


def test_a_whole_file_is_imported(province_admin, province):
    content = workbook(TWO_COMMUNES, CLUSTER, MEMBERS_2026, FOUR_STAFF)
    result = imports.province_import(user=province_admin, province=province, content=content)
    assert (result.bodies, result.clusters, result.memberships, result.accounts, result.roles) == (
        3,
        1,
        2,
        4,
        4,
    )
    office = Organization.objects.get(name="Phòng Văn hóa – Xã hội xã Mỹ An")
    assert (office.level, office.parent.name, office.parent.parent) == (
        OrganizationLevel.OFFICE,
        "Ủy ban nhân dân xã Mỹ An",
        province,
    )
    assert office.parent.is_collective
    assert office.parent.header_parent_line == "UBND TỈNH ĐỒNG THÁP"
    cluster = Cluster.objects.get(name="Cụm thi đua các xã phía Bắc")
    assert cluster.organization == province
    assert cluster.head_for(2026).name == "Ủy ban nhân dân xã Mỹ An"
    drafter = get_user_model().objects.get(username="myan.soanthao")
    assert drafter.get_full_name() == "Nguyễn Thị Lan"
    assert not drafter.has_usable_password()  # set by "Quên mật khẩu" or by the administrator
    assert list(Staff.objects.filter(user=drafter).values_list("organization", "role")) == [
        (office.pk, StaffRole.DRAFTER)
    ]
    kinds = list(StaffChange.objects.values_list("kind", flat=True))
    assert kinds.count(StaffChangeKind.ACCOUNT_CREATED) == 4
    assert kinds.count(StaffChangeKind.IMPORTED) == 1


def test_a_file_with_bad_rows_is_refused_whole_with_every_row_and_column_named(province_admin, province):
    before = (Organization.objects.count(), get_user_model().objects.count(), Cluster.objects.count())
    staff = [
        *FOUR_STAFF[:3],
        ("myhoa.canbo", "Phạm Văn Dũng", "dung@", "Ủy ban nhân dân xã Mỹ Hoà Bình", "Cán bộ"),
    ]
    content = workbook(TWO_COMMUNES, CLUSTER, [*MEMBERS_2026, MEMBERS_2026[0]], staff)
    with pytest.raises(ServiceError) as refusal:
        imports.province_import(user=province_admin, province=province, content=content)
    assert refusal.value.messages == [
        "Thành viên cụm – Dòng 4, cột “Đơn vị”: Trùng với dòng 2.",
        "Thành viên cụm – Dòng 4, cột “Vai trò”: Cụm đã có Trưởng cụm năm 2026 ở dòng 2.",
        "Cán bộ – Dòng 5, cột “Thư điện tử”: Địa chỉ thư điện tử không hợp lệ, ví dụ: ten@example.vn.",
        "Cán bộ – Dòng 5, cột “Đơn vị”: Không thấy cơ quan, đơn vị “Ủy ban nhân dân xã Mỹ Hoà Bình” "
        "trong tỉnh hoặc trong trang “Cơ quan, đơn vị” của tệp.",
        "Cán bộ – Dòng 5, cột “Vai trò”: “Cán bộ” không có trong danh sách; ghi một trong: "
        "“Chuyên viên soạn thảo”, “Lãnh đạo phê duyệt”, “Văn thư”, “Cán bộ đơn vị thành viên”, "
        "“Theo dõi, giám sát”, “Quản trị cán bộ”.",
    ]
    assert (Organization.objects.count(), get_user_model().objects.count(), Cluster.objects.count()) == before
    assert not StaffChange.objects.exists()


def test_a_body_outside_the_province_or_a_parent_loop_is_refused(province_admin, province):
    elsewhere = OrganizationFactory(name="Ủy ban nhân dân tỉnh Cao Bằng", level=OrganizationLevel.PROVINCE)
    OrganizationFactory(name="Ủy ban nhân dân huyện Hà Quảng", parent=elsewhere)
    staff_user(elsewhere, StaffRole.DRAFTER, username="caobang.a")
    bodies = [
        ("Xã A", "", "Cấp xã", "Xã B", "UBND"),
        ("Xã B", "", "Cấp xã", "Xã A", "UBND"),
        ("Xã C", "", "Cấp xã", "Ủy ban nhân dân huyện Hà Quảng", "UBND"),
    ]
    staff = [("caobang.a", "Ai Đó", "", "Xã C", "Văn thư")]
    with pytest.raises(ServiceError) as refusal:
        imports.province_import(user=province_admin, province=province, content=workbook(bodies, staff=staff))
    assert refusal.value.messages == [
        f"Cơ quan, đơn vị – Dòng 2, cột “Cơ quan cấp trên”: {imports.PARENT_SELF}",
        f"Cơ quan, đơn vị – Dòng 3, cột “Cơ quan cấp trên”: {imports.PARENT_SELF}",
        "Cơ quan, đơn vị – Dòng 4, cột “Cơ quan cấp trên”: Không thấy cơ quan, đơn vị “Ủy ban nhân dân huyện "
        "Hà Quảng” trong tỉnh hoặc trong trang “Cơ quan, đơn vị” của tệp.",
        "Cán bộ – Dòng 2, cột “Tên đăng nhập”: Tài khoản “caobang.a” đã có và không thuộc đơn vị bạn "
        "quản lý; hãy chọn tên đăng nhập khác.",
    ]


def test_the_export_imports_back_without_changing_anything(client, province_admin, province):
    imports.province_import(
        user=province_admin,
        province=province,
        content=workbook(TWO_COMMUNES, CLUSTER, MEMBERS_2026, FOUR_STAFF),
    )
    client.force_login(province_admin)
    exported = client.get(reverse("staffing:export"), {"province": province.pk})
    assert exported["Content-Type"].startswith("application/vnd.openxmlformats")
    sheets = load_workbook(BytesIO(exported.content))
    usernames = sorted(row[0] for row in sheets["Cán bộ"].iter_rows(min_row=2, values_only=True))
    assert usernames == ["myan.chutich", "myan.soanthao", "myan.vanthu", "myhoa.canbo", "quantritinh"]
    counts = (Organization.objects.count(), Cluster.objects.count(), ClusterMembership.objects.count())
    province_admin = get_user_model().objects.get(pk=province_admin.pk)  # a new request: rights read afresh
    result = imports.province_import(user=province_admin, province=province, content=exported.content)
    assert (result.accounts, result.roles) == (0, 0)
    assert (
        Organization.objects.count(),
        Cluster.objects.count(),
        ClusterMembership.objects.count(),
    ) == counts


def test_a_years_members_in_the_file_replace_that_year(province_admin, province):
    imports.province_import(
        user=province_admin, province=province, content=workbook(TWO_COMMUNES, CLUSTER, MEMBERS_2026)
    )
    swapped = [
        ("Cụm thi đua các xã phía Bắc", 2026, "Ủy ban nhân dân xã Mỹ Hòa", "Trưởng cụm"),
        ("Cụm thi đua các xã phía Bắc", 2026, "Ủy ban nhân dân xã Mỹ An", ""),
    ]
    imports.province_import(user=province_admin, province=province, content=workbook(members=swapped))
    cluster = Cluster.objects.get()
    assert cluster.head_for(2026).name == "Ủy ban nhân dân xã Mỹ Hòa"
    assert (
        ClusterMembership.objects.get(organization__name="Ủy ban nhân dân xã Mỹ An").role
        == MembershipRole.MEMBER
    )


def test_the_page_reports_every_bad_row_and_the_template_downloads(client, province_admin, province):
    client.force_login(province_admin)
    template = load_workbook(BytesIO(client.get(reverse("staffing:template")).content))
    assert template.sheetnames == [
        "Cơ quan, đơn vị",
        "Cụm, khối thi đua",
        "Thành viên cụm",
        "Cán bộ",
        "Hướng dẫn",
    ]
    assert next(template["Cán bộ"].iter_rows(values_only=True)) == (
        "Tên đăng nhập",
        "Họ và tên",
        "Thư điện tử",
        "Đơn vị",
        "Vai trò",
    )
    bad = workbook(TWO_COMMUNES, staff=[("a b", "Ai", "", "Ủy ban nhân dân xã Mỹ An", "Văn thư")])
    upload = SimpleUploadedFile("can-bo.xlsx", bad)
    response = client.post(reverse("staffing:import"), {"province": province.pk, "file": upload})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Chưa nhập gì: tệp có 1 lỗi." in page
    assert "Cán bộ – Dòng 2, cột “Tên đăng nhập”: Tên đăng nhập chỉ gồm chữ không dấu" in page
    assert not Organization.objects.filter(name="Ủy ban nhân dân xã Mỹ An").exists()
    response = client.post(
        reverse("staffing:import"),
        {"province": province.pk, "file": SimpleUploadedFile("x.xlsx", b"not a workbook")},
    )
    assert "Tệp không phải bảng tính Excel .xlsx." in response.content.decode()


def test_a_body_moved_under_its_own_child_is_refused_and_nothing_saved(province_admin, province):
    imports.province_import(user=province_admin, province=province, content=workbook(TWO_COMMUNES))
    moved = [
        ("Ủy ban nhân dân xã Mỹ Hòa", "", "Cấp xã", PROVINCE, "UBND"),
        ("Ủy ban nhân dân xã Mỹ An", "", "Cấp xã", "Phòng Văn hóa – Xã hội xã Mỹ An", "UBND"),
    ]
    with pytest.raises(ServiceError) as refusal:
        imports.province_import(user=province_admin, province=province, content=workbook(moved))
    assert refusal.value.messages == [
        "Cơ quan, đơn vị – Dòng 3: Cơ quan cấp trên không được là chính nó hoặc cấp dưới của nó."
    ]
    assert Organization.objects.get(name="Ủy ban nhân dân xã Mỹ An").parent == province
    assert Organization.objects.get(name="Ủy ban nhân dân xã Mỹ Hòa").short_name == "UBND xã Mỹ Hòa"
