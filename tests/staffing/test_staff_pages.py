"""A body's staff administrator manages its staff on Vietnamese pages, each change in the audit log;
anyone resets a forgotten password by email."""

import re

import pytest
from axes.models import AccessLog
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from clusters.choices import OrganizationLevel, StaffRole
from clusters.models import Staff
from plans import policy
from staffing import services
from staffing.choices import StaffChangeKind
from staffing.models import StaffChange
from tests.factories import OrganizationFactory, staff_user

PASSWORD = "Mật-khẩu-mới-2026"
pytestmark = pytest.mark.django_db


@pytest.fixture
def commune(province):
    return OrganizationFactory(
        name="Ủy ban nhân dân xã Mỹ An", level=OrganizationLevel.COMMUNE, parent=province, abbreviation="UBND"
    )


@pytest.fixture
def office(commune):
    return OrganizationFactory(
        name="Phòng Văn hóa – Xã hội xã Mỹ An",
        level=OrganizationLevel.OFFICE,
        parent=commune,
        abbreviation="VHXH",
    )


@pytest.fixture
def commune_admin(commune):
    return staff_user(commune, StaffRole.STAFF_ADMIN, username="quantrimyan")


def _signs_in(client, username: str, password: str) -> bool:
    response = client.post(reverse("login"), {"username": username, "password": password})
    return response.status_code == 302


def _create(client, **changes):
    data = {
        "username": "myan.lan",
        "full_name": "Nguyễn Thị Lan",
        "email": "lan@example.vn",
        "password": PASSWORD,
        "password_again": PASSWORD,
        "role": StaffRole.DRAFTER,
        **changes,
    }
    return client.post(reverse("staffing:create"), data)


def test_one_page_creates_a_drafter_of_the_office_who_then_drafts(client, commune_admin, office):
    client.force_login(commune_admin)
    response = _create(client, organization=office.pk)
    drafter = get_user_model().objects.get(username="myan.lan")
    assert response.status_code == 302
    assert response.url == reverse("staffing:detail", args=[drafter.pk])
    assert drafter.get_full_name() == "Nguyễn Thị Lan"
    assert list(Staff.objects.filter(user=drafter).values_list("organization", "role")) == [
        (office.pk, StaffRole.DRAFTER)
    ]
    assert _signs_in(client, "myan.lan", PASSWORD)
    assert policy.may_draft(drafter)
    change = StaffChange.objects.get()
    assert (change.actor, change.target, change.kind, change.organization) == (
        commune_admin,
        drafter,
        StaffChangeKind.ACCOUNT_CREATED,
        office,
    )
    assert "Chuyên viên soạn thảo" in change.detail


def test_a_bad_entry_is_refused_next_to_its_field_and_the_input_is_kept(client, commune_admin, commune):
    staff_user(commune, StaffRole.CLERK, username="myan.lan")
    client.force_login(commune_admin)
    response = _create(client, organization=commune.pk, password="123", password_again="1234")
    form = response.context["form"]
    assert form.errors["username"] == ["Tên đăng nhập “myan.lan” đã có người dùng; hãy chọn tên khác."]
    assert form.errors["password_again"] == ["Hai lần nhập mật khẩu không giống nhau."]
    assert 'value="Nguyễn Thị Lan"' in response.content.decode()
    response = _create(
        client, username="myan.hoa", organization=commune.pk, password="12345678", password_again="12345678"
    )
    assert response.context["form"].errors["password"]  # Django's rules: too short, too common
    assert not get_user_model().objects.filter(username="myan.hoa").exists()
    assert not StaffChange.objects.exists()


def test_an_administrator_cannot_create_staff_in_a_body_it_does_not_administer(
    client, commune_admin, district
):
    client.force_login(commune_admin)
    response = _create(client, organization=district.pk)
    assert response.context["form"].errors["organization"] == [
        "Lựa chọn không hợp lệ; hãy chọn lại trong danh sách."
    ]
    with pytest.raises(PermissionDenied):
        services.staff_account_create(
            actor=commune_admin,
            username="x.y",
            full_name="X",
            email="",
            password=PASSWORD,
            organization=district,
            role=StaffRole.DRAFTER,
        )


def test_roles_given_and_removed_are_logged_and_the_last_role_stays(client, commune_admin, commune, office):
    clerk = staff_user(commune, StaffRole.CLERK, username="vanthumyan")
    client.force_login(commune_admin)
    detail = reverse("staffing:detail", args=[clerk.pk])
    response = client.post(
        reverse("staffing:role_grant", args=[clerk.pk]),
        {"organization": office.pk, "role": StaffRole.DRAFTER},
    )
    assert response.status_code == 302
    first = Staff.objects.get(user=clerk, role=StaffRole.CLERK)
    client.post(reverse("staffing:role_revoke", args=[clerk.pk, first.pk]))
    assert list(Staff.objects.filter(user=clerk).values_list("role", flat=True)) == [StaffRole.DRAFTER]
    last = Staff.objects.get(user=clerk)
    response = client.post(reverse("staffing:role_revoke", args=[clerk.pk, last.pk]), follow=True)
    assert services.LAST_ROLE in response.content.decode()
    assert Staff.objects.filter(pk=last.pk).exists()
    assert list(StaffChange.objects.order_by("pk").values_list("kind", "target", "actor")) == [
        (StaffChangeKind.ROLE_GRANTED, clerk.pk, commune_admin.pk),
        (StaffChangeKind.ROLE_REVOKED, clerk.pk, commune_admin.pk),
    ]
    page = client.get(detail).content.decode()
    assert "Thu hồi vai trò" in page
    assert f"Văn thư – {commune}" in page


def test_a_reset_password_signs_in_and_a_locked_account_does_not(client, commune_admin, commune):
    clerk = staff_user(commune, StaffRole.CLERK, username="vanthumyan")
    client.force_login(commune_admin)
    url = reverse("staffing:password", args=[clerk.pk])
    response = client.post(url, {"password": PASSWORD, "password_again": PASSWORD})
    assert response.status_code == 302
    client.post(reverse("staffing:lock", args=[clerk.pk]))
    clerk.refresh_from_db()
    assert clerk.check_password(PASSWORD)
    assert not clerk.is_active
    client.logout()
    assert not _signs_in(client, "vanthumyan", PASSWORD)
    assert [change.kind for change in StaffChange.objects.order_by("pk")] == [
        StaffChangeKind.PASSWORD_SET,
        StaffChangeKind.ACCOUNT_LOCKED,
    ]


def test_an_account_with_a_role_elsewhere_keeps_its_password(client, commune_admin, commune, district):
    """A commune's administrator may not take over an account the district also uses."""
    shared = staff_user(commune, StaffRole.CLERK, username="dungchung")
    Staff.objects.create(user=shared, organization=district, role=StaffRole.DRAFTER)
    client.force_login(commune_admin)
    page = client.get(reverse("staffing:detail", args=[shared.pk])).content.decode()
    assert f"còn có vai trò ở đơn vị bạn không quản lý ({district})" in page
    response = client.post(
        reverse("staffing:password", args=[shared.pk]), {"password": PASSWORD, "password_again": PASSWORD}
    )
    assert response.status_code == 403
    shared.refresh_from_db()
    assert not shared.check_password(PASSWORD)


def test_the_account_page_shows_who_signed_in_when(client, commune_admin, commune):
    clerk = staff_user(commune, StaffRole.CLERK, username="vanthumyan")
    at = timezone.make_aware(timezone.datetime(2026, 3, 2, 8, 15))
    AccessLog.objects.create(username="vanthumyan", attempt_time=at, ip_address="10.0.0.7", user_agent="x")
    clerk.last_login = at
    clerk.save()
    client.force_login(commune_admin)
    page = client.get(reverse("staffing:detail", args=[clerk.pk])).content.decode()
    assert "02/03/2026 08:15" in page
    assert "10.0.0.7" in page
    listing = client.get(reverse("staffing:list")).content.decode()
    assert "vanthumyan" in listing
    assert "02/03/2026 08:15" in listing


def test_managing_staff_gives_no_right_on_plans(commune_admin, commune):
    from tests.factories import PlanFactory

    PlanFactory(organization=commune)
    assert not policy.visible_plans(commune_admin).exists()
    assert not policy.may_draft(commune_admin)


def test_the_log_shows_only_the_administered_bodies(client, commune_admin, commune, district):
    superuser = get_user_model().objects.create_superuser("root", password=PASSWORD)
    services.staff_account_create(
        actor=superuser,
        username="huyen.a",
        full_name="Trần Văn A",
        email="",
        password=PASSWORD,
        organization=district,
        role=StaffRole.DRAFTER,
    )
    services.staff_account_create(
        actor=superuser,
        username="xa.b",
        full_name="Lê Thị B",
        email="",
        password=PASSWORD,
        organization=commune,
        role=StaffRole.DRAFTER,
    )
    client.force_login(commune_admin)
    page = client.get(reverse("staffing:log")).content.decode()
    assert "xa.b" in page
    assert "huyen.a" not in page


def test_the_staff_list_reads_the_same_number_of_queries_for_more_accounts(
    client, commune_admin, commune, django_assert_max_num_queries
):
    client.force_login(commune_admin)
    for index in range(3):
        staff_user(commune, StaffRole.CLERK, username=f"a{index}")
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("staffing:list"))
    for index in range(20):
        staff_user(commune, StaffRole.DRAFTER, username=f"b{index}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("staffing:list"))


def test_a_forgotten_password_is_reset_by_an_email_in_vietnamese(client, commune):
    user = staff_user(commune, StaffRole.CLERK, username="vanthumyan", email="vanthu@example.vn")
    response = client.post(reverse("password_reset"), {"email": "vanthu@example.vn"})
    assert response.url == reverse("password_reset_done")
    (message,) = mail.outbox
    assert message.to == ["vanthu@example.vn"]
    assert message.subject == "Đặt lại mật khẩu – Kế hoạch thi đua, khen thưởng"
    assert "Có yêu cầu đặt lại mật khẩu cho tài khoản “vanthumyan”" in message.body
    link = re.search(r"http://testserver(/password-reset/\S+/)", message.body).group(1)
    form_url = client.get(link).url  # Django moves the token out of the address first
    response = client.post(form_url, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert response.url == reverse("password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    assert "Quên mật khẩu?" in client.get(reverse("login")).content.decode()


def test_no_email_says_whether_an_address_has_an_account(client, db):
    response = client.post(reverse("password_reset"), {"email": "khongco@example.vn"})
    assert response.url == reverse("password_reset_done")
    assert mail.outbox == []


def test_the_demo_has_a_body_and_a_provincial_staff_administrator(client, demo):
    client.post(reverse("login"), {"username": "quantrixa", "password": "demo"})
    page = client.get(reverse("staffing:list")).content.decode()
    assert "soanthao" in page  # the commune's Phòng Văn hóa - Xã hội is under the commune
    assert "thanhvien" not in page  # xã Mỹ Quý is another commune
    assert client.get(reverse("staffing:import")).status_code == 403
    client.logout()
    client.post(reverse("login"), {"username": "quantri", "password": "demo"})
    assert "thanhvien" in client.get(reverse("staffing:list")).content.decode()
    assert client.get(reverse("staffing:import")).status_code == 200


def test_the_dashboard_leads_a_staff_administrator_to_the_staff_pages(client, commune_admin, commune):
    drafter = staff_user(commune, StaffRole.DRAFTER, username="soanthaomyan")
    client.force_login(commune_admin)
    assert reverse("staffing:create") in client.get(reverse("home")).content.decode()
    client.force_login(drafter)
    page = client.get(reverse("home")).content.decode()
    assert reverse("staffing:list") not in page


def test_an_account_of_the_django_admin_is_left_to_superusers(client, commune_admin, commune):
    admin_user = staff_user(commune, StaffRole.CLERK, username="nhanvienquantri", is_staff=True)
    client.force_login(commune_admin)
    assert client.get(reverse("staffing:detail", args=[admin_user.pk])).status_code == 404
