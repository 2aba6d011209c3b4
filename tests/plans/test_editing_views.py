"""The drafting pages: start a plan, edit every part on one page, copy; errors keep what was typed."""

import datetime
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.shortcuts import resolve_url
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from activities.choices import GroupKind, PeriodKind
from activities.models import Activity, ParticipantBreakdown, ParticipantGroup, Session
from clusters.choices import MembershipRole
from clusters.models import ClusterMembership, Organization
from plans.choices import PlanKind, PlanStatus
from plans.documents import build_plan_context
from plans.models import BudgetContribution, BudgetLine, Duty, LegalBasis, Plan, Recipient, Section

pytestmark = pytest.mark.django_db


class FormReader(HTMLParser):
    """The fields a browser would submit from the form with id `form_id` (blank-row templates excluded)."""

    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.template_depth = 0
        self.fields: list[tuple[str, str]] = []
        self._textarea: str | None = None
        self._text = ""
        self._select: str | None = None
        self._multiple = False
        self._options: list[tuple[str, bool]] = []
        self._option: list | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.inside = True
        if not self.inside:
            return
        if tag == "template":
            self.template_depth += 1
        if self.template_depth:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "reset"):
                return
            if kind == "checkbox":
                if "checked" in attrs:
                    self.fields.append((name, attrs.get("value", "on")))
                return
            self.fields.append((name, attrs.get("value") or ""))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, ""
        elif tag == "select" and name:
            self._select, self._multiple, self._options = name, "multiple" in attrs, []
        elif tag == "option" and self._select:
            self._option = [attrs.get("value"), "selected" in attrs, ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._text += data
        if self._option is not None:
            self._option[2] += data

    def handle_endtag(self, tag):
        if not self.inside:
            return
        if tag == "template":
            self.template_depth -= 1
        elif tag == "form":
            self.inside = False
        elif tag == "textarea" and self._textarea is not None:
            # A browser drops the newline that follows <textarea>.
            self.fields.append((self._textarea, self._text.removeprefix("\n")))
            self._textarea = None
        elif tag == "option" and self._option is not None:
            value, selected, text = self._option
            self._options.append((text if value is None else value, selected))
            self._option = None
        elif tag == "select" and self._select is not None:
            chosen = [value for value, selected in self._options if selected]
            if not chosen and not self._multiple and self._options:
                chosen = [self._options[0][0]]
            self.fields += [(self._select, value) for value in chosen]
            self._select = None


def form_data(response, form_id: str = "plan-form") -> dict:
    reader = FormReader(form_id)
    reader.feed(response.content.decode())
    data: dict = {}
    for name, value in reader.fields:
        data.setdefault(name, []).append(value)
    return data


@pytest.fixture
def user_client(client, user):
    client.force_login(user)
    return client


def seed_editor(seed: str) -> str:
    """The demo user who may edit a seed: the seeds are history (their bodies were reorganised on
    1 July 2025), which only the superuser edits."""
    return "admin"


@pytest.fixture
def demo_client(client, demo):
    """Sign the client in as a demo user (the superuser "admin" unless told)."""

    def sign_in(username: str = "admin"):
        client.force_login(get_user_model().objects.get(username=username))
        return client

    return sign_in


def edit_url(plan) -> str:
    return reverse("plans:edit", args=[plan.pk])


def row_key(data: dict, part: str, field: str, value: str) -> str:
    """The prefix ("activities-3") of the row whose `field` holds `value`."""
    for name, values in data.items():
        if name.startswith(f"{part}-") and name.endswith(f"-{field}") and value in values:
            return name.removesuffix(f"-{field}")
    raise KeyError(value)


# Fields that a blank row shows filled in already.
PREFILLED = {"ordinal", "period_kind", "kind", "form", "quantity", "noun"}


def new_row(data: dict, part: str, **values) -> str:
    """Fill the next blank row of `part` (adding one as the JavaScript does)."""
    if f"{part}-TOTAL_FORMS" not in data:
        # A folded part with no rows is loaded when opened (as the script does): no row yet.
        data["unloaded"] = [name for name in data.get("unloaded", []) if name != part]
        data[f"{part}-TOTAL_FORMS"], data[f"{part}-INITIAL_FORMS"] = ["0"], ["0"]
    index = int(data[f"{part}-TOTAL_FORMS"][0])
    initial = int(data[f"{part}-INITIAL_FORMS"][0])
    for candidate in range(initial, index):
        prefix = f"{part}-{candidate}"
        typed = [name for name in values if name not in PREFILLED]
        if not any(data.get(f"{prefix}-{name}", [""])[0] for name in typed):
            break
    else:
        candidate = index
        data[f"{part}-TOTAL_FORMS"] = [str(index + 1)]
    prefix = f"{part}-{candidate}"
    for name, value in values.items():
        data[f"{prefix}-{name}"] = value if isinstance(value, list) else [str(value)]
    return prefix


def snapshot(plan_pk: int) -> dict:
    """What the plan prints, and its saved fields: equal before and after a no-change save."""
    plan = Plan.objects.get(pk=plan_pk)
    context = build_plan_context(plan)
    return {"context": context, "updated": plan.subject}


# ---------------------------------------------------------------------------
# Access
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("plans:create", "get"),
        ("plans:edit", "get"),
        ("plans:copy", "post"),
        ("plans:copy_next_year", "post"),
    ],
)
def test_an_anonymous_visitor_is_sent_to_the_login_page(client, plan, name, method):
    url = reverse(name) if name == "plans:create" else reverse(name, args=[plan.pk])
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response.url.startswith(resolve_url(settings.LOGIN_URL))
    assert Plan.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "method"),
    [("plans:edit", "get"), ("plans:edit", "post"), ("plans:copy", "post"), ("plans:copy_next_year", "post")],
)
def test_an_unknown_plan_is_not_found(user_client, name, method):
    assert getattr(user_client, method)(reverse(name, args=[999_999])).status_code == 404


@pytest.mark.parametrize("name", ["plans:copy", "plans:copy_next_year"])
def test_copies_are_made_by_post_only(user_client, plan, name):
    assert user_client.get(reverse(name, args=[plan.pk])).status_code == 405
    assert Plan.objects.count() == 1


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        (PlanStatus.SUBMITTED, "Kế hoạch đang chờ phê duyệt nên không sửa được. Hãy rút lại để sửa."),
        (PlanStatus.APPROVED, "Kế hoạch đã được phê duyệt nên không sửa được."),
        (PlanStatus.ISSUED, "Kế hoạch đã ban hành nên không sửa được nữa."),
    ],
)
def test_a_plan_that_is_no_longer_a_draft_is_not_edited_and_the_page_says_why(
    user_client, plan, status, reason
):
    plan.status = status
    plan.save()
    response = user_client.get(edit_url(plan))
    assert response.status_code == 403
    assert reason in response.content.decode()
    assert user_client.post(edit_url(plan), {"subject": "Trích yếu khác"}).status_code == 403
    plan.refresh_from_db()
    assert plan.subject == "Tập huấn nghiệp vụ công tác thi đua, khen thưởng năm 2024"


# ---------------------------------------------------------------------------
# Create
# ---------------------------------------------------------------------------
def test_the_create_page_offers_the_users_organisation_and_this_year(client, demo):
    client.force_login(get_user_model().objects.get(username="soanthao"))
    response = client.get(reverse("plans:create"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "UBND tỉnh Đồng Tháp › UBND xã Tháp Mười › Phòng Văn hóa - Xã hội xã Tháp Mười" in html
    office = Organization.objects.get(name="Phòng Văn hóa - Xã hội xã Tháp Mười")
    assert f'<option value="o{office.pk}" selected>' in html
    assert f'value="{timezone.localdate().year}"' in html


@pytest.mark.parametrize("kind", PlanKind.values)
def test_a_plan_is_created_from_the_template_of_each_kind(user_client, district, kind):
    response = user_client.post(
        reverse("plans:create"),
        {"action": "template", "start-issuer": f"o{district.pk}", "start-kind": kind, "start-year": "2025"},
    )
    plan = Plan.objects.get()
    assert response.status_code == 302
    assert response.url == edit_url(plan)
    assert (plan.kind, plan.year, plan.organization) == (kind, 2025, district)
    follow = user_client.get(response.url)
    assert follow.status_code == 200
    assert "Đã tạo kế hoạch từ mẫu." in follow.content.decode()


def test_a_cluster_can_start_a_plan(user_client, cluster, district):
    # The district heads the cluster in 2024, so its drafter starts the cluster's plans of that year.
    ClusterMembership.objects.create(
        cluster=cluster, organization=district, year=2024, role=MembershipRole.HEAD
    )
    response = user_client.post(
        reverse("plans:create"),
        {
            "action": "template",
            "start-issuer": f"c{cluster.pk}",
            "start-kind": "annual",
            "start-year": "2024",
        },
    )
    assert response.status_code == 302
    assert Plan.objects.get().cluster == cluster


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"start-issuer": "", "start-kind": "annual", "start-year": "2025"}, "Không được để trống."),
        ({"start-issuer": "o999999", "start-kind": "annual", "start-year": "2025"}, "Lựa chọn không hợp lệ"),
        ({"start-issuer": "x", "start-kind": "bogus", "start-year": "2025"}, "Lựa chọn không hợp lệ"),
        ({"start-kind": "annual", "start-year": "hai nghìn"}, "Nhập một số nguyên"),
        ({"start-kind": "annual", "start-year": "99999999999999999999999"}, "Không được lớn hơn 2100."),
    ],
)
def test_a_wrong_start_is_shown_next_to_its_field(user_client, district, data, message):
    response = user_client.post(reverse("plans:create"), {"action": "template", **data})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Plan.objects.count() == 0


def test_a_plan_is_started_as_a_copy_for_next_year(user_client, plan):
    response = user_client.post(
        reverse("plans:create"), {"action": "copy", "copy-source": str(plan.pk), "copy-to_next_year": "on"}
    )
    copy = Plan.objects.exclude(pk=plan.pk).get()
    assert response.url == edit_url(copy)
    assert copy.year == 2025
    assert copy.subject == "Tập huấn nghiệp vụ công tác thi đua, khen thưởng năm 2025"


def test_copying_without_a_plan_says_so(user_client, plan):
    response = user_client.post(reverse("plans:create"), {"action": "copy", "copy-source": "abc"})
    assert response.status_code == 200
    assert "Lựa chọn không hợp lệ" in response.content.decode()
    assert Plan.objects.count() == 1


# ---------------------------------------------------------------------------
# Edit
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_saving_a_seed_plan_unchanged_keeps_it_exactly(demo_client, demo, seed):
    user_client = demo_client(seed_editor(seed))
    plan = demo[seed]
    before = snapshot(plan.pk)
    response = user_client.get(edit_url(plan))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Xem trước bản in" in html
    assert reverse("plans:document", args=[plan.pk]) in html

    response = user_client.post(edit_url(plan), form_data(response))

    assert response.status_code == 302, response.content.decode()[:3000]
    assert response.url == reverse("plans:detail", args=[plan.pk])
    assert snapshot(plan.pk) == before


@pytest.mark.parametrize(
    ("seed", "line"),
    [
        ("000", "Tổng số: 19 người"),
        ("002", "Lớp thứ hai: 60 người"),
        ("004", "Tổng số: chưa tính được (thiếu số người hoặc số đơn vị)"),
    ],
)
def test_the_edit_page_counts_the_participants(demo_client, demo, seed, line):
    assert line in demo_client(seed_editor(seed)).get(edit_url(demo[seed])).content.decode()


def test_every_kind_of_row_is_added_in_one_save(user_client, plan, district, province):
    data = form_data(user_client.get(edit_url(plan)))
    new_row(data, "legal_bases", form="thuc_hien", text="Kế hoạch số 10/KH-UBND của UBND tỉnh")
    new_row(data, "sections", ordinal=1, heading="Mục đích, yêu cầu", block="")
    new_row(data, "sections", ordinal=2, heading="Yêu cầu", parent_number=1, body="- Thiết thực.")
    new_row(data, "sections", ordinal=3, heading="Thành phần, thời gian", block="sessions")
    new_row(
        data,
        "activities",
        ordinal=1,
        content="Mở lớp",
        period_kind="quarter",
        quarter=2,
        lead_organizations=[str(district.pk)],
        coordinating_organizations=[str(province.pk)],
    )
    new_row(data, "sessions", ordinal=1, name="Lớp thứ nhất", duration="01 ngày", start_date="2024-05-10")
    new_row(data, "sessions", ordinal=2, name="Lớp thứ hai")
    new_row(
        data,
        "groups",
        ordinal=1,
        session_number=1,
        kind="fixed",
        description="Cán bộ các xã",
        count=70,
        noun="người",
    )
    new_row(
        data,
        "groups",
        ordinal=2,
        session_number=2,
        kind="per_unit_type",
        description="Mỗi trường cử",
        count=2,
        noun="người",
        unit_count=30,
    )
    new_row(data, "breakdowns", ordinal=1, group_number=2, count=1, description="lãnh đạo")
    new_row(data, "breakdowns", ordinal=2, group_number=2, count=1, description="giáo viên")
    new_row(data, "budget_lines", ordinal=1, item="Tài liệu", quantity="130", unit="bộ", unit_price="20.000")
    # Contributions add up to the estimate (130 × 20.000 đồng).
    new_row(data, "contributions", organization=str(district.pk), amount="2.600.000", note="")
    new_row(
        data, "duties", ordinal=1, title="Phòng Nội vụ", body="Chủ trì.", organizations=[str(district.pk)]
    )
    new_row(data, "recipients", ordinal=1, text="Ban TĐKT tỉnh", organization=str(province.pk))

    response = user_client.post(edit_url(plan), data)

    assert response.status_code == 302, response.content.decode()[:5000]
    plan.refresh_from_db()
    assert plan.legal_bases.get().form == "thuc_hien"
    child = plan.sections.get(heading="Yêu cầu")
    assert child.parent.heading == "Mục đích, yêu cầu"
    activity = plan.activities.get()
    assert (activity.quarter, list(activity.lead_organizations.all())) == (2, [district])
    first, second = plan.sessions.order_by("order")
    assert first.start_date == datetime.date(2024, 5, 10)
    assert [group.session for group in plan.participant_groups.order_by("order")] == [first, second]
    assert [group.total for group in plan.participant_groups.order_by("order")] == [70, 60]
    assert plan.participant_groups.get(order=2).breakdown.count() == 2
    assert plan.budget_lines.get().unit_price == Decimal(20000)
    assert plan.contributions.get().amount == Decimal(2_600_000)
    assert list(plan.duties.get().organizations.all()) == [district]
    assert plan.recipients.get().organization == province
    detail = user_client.get(response.url)
    assert "Đã lưu kế hoạch." in detail.content.decode()
    edit = user_client.get(edit_url(plan)).content.decode()
    assert "Lớp thứ nhất: 70 người" in edit
    assert "Lớp thứ hai: 60 người" in edit
    assert "Tổng kinh phí dự kiến: <strong>2.600.000 đồng</strong>" in edit


def test_rows_are_reordered_edited_and_deleted(demo_client, demo):
    user_client = demo_client()
    plan = demo["001"]
    data = form_data(user_client.get(edit_url(plan)))
    first = row_key(data, "activities", "ordinal", "1")
    second = row_key(data, "activities", "ordinal", "2")
    data[f"{first}-ordinal"], data[f"{second}-ordinal"] = ["2"], ["1"]
    data[f"{second}-content"] = ["Phát động phong trào thi đua (đã sửa)"]
    third = row_key(data, "activities", "ordinal", "3")
    data[f"{third}-DELETE"] = ["on"]
    count = plan.activities.count()

    response = user_client.post(edit_url(plan), data)

    assert response.status_code == 302
    activities = list(plan.activities.order_by("order"))
    assert len(activities) == count - 1
    assert activities[0].content == "Phát động phong trào thi đua (đã sửa)"
    assert activities[1].content.startswith(
        "Tổ chức tổng kết đánh giá kết quả hoạt động của Cụm thi đua năm 2021"
    )
    assert [activity.order for activity in activities] == list(range(1, count))


def test_a_date_that_does_not_exist_is_refused_next_to_the_day_and_everything_typed_is_kept(
    demo_client, demo
):
    user_client = demo_client()
    plan = demo["002"]
    before = snapshot(plan.pk)
    data = form_data(user_client.get(edit_url(plan)))
    data["date_day"], data["date_month"] = ["31"], ["2"]
    data["subject"] = ["Tập huấn nghiệp vụ năm 2024 (bản sửa)"]
    session = row_key(data, "sessions", "name", "Lớp thứ hai")
    data[f"{session}-place"] = ["Hội trường UBND huyện"]
    new_row(data, "activities", content="Một hoạt động mới chưa lưu", period_kind="quarter", quarter="3")

    response = user_client.post(edit_url(plan), data)

    assert response.status_code == 200
    html = response.content.decode()
    assert '<p class="error" id="id_date_day_error">Tháng 2/2024 không có ngày 31.</p>' in html
    assert "Chưa lưu được." in html
    assert form_data(response)["subject"] == ["Tập huấn nghiệp vụ năm 2024 (bản sửa)"]
    assert form_data(response)[f"{session}-place"] == ["Hội trường UBND huyện"]
    assert "Một hoạt động mới chưa lưu" in html
    assert snapshot(plan.pk) == before


def test_an_empty_subject_is_refused_in_vietnamese(user_client, plan):
    data = form_data(user_client.get(edit_url(plan)))
    data["subject"] = [""]
    response = user_client.post(edit_url(plan), data)
    assert response.status_code == 200
    assert '<p class="error" id="id_subject_error">Không được để trống.</p>' in response.content.decode()


def test_a_row_error_is_shown_in_its_row_with_the_row_kept(user_client, plan):
    data = form_data(user_client.get(edit_url(plan)))
    prefix = new_row(data, "activities", content="Kiểm tra các đơn vị", period_kind="quarter", quarter="")
    response = user_client.post(edit_url(plan), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<p class="error" id="id_{prefix}-quarter_error">Chọn quý.</p>' in html
    assert form_data(response)[f"{prefix}-content"] == ["Kiểm tra các đơn vị"]
    assert not plan.activities.exists()


def test_a_reference_to_a_missing_class_is_shown_on_the_group(user_client, plan):
    data = form_data(user_client.get(edit_url(plan)))
    prefix = new_row(data, "groups", ordinal=1, session_number=4, kind="fixed", count=10, noun="người")
    response = user_client.post(edit_url(plan), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="id_{prefix}-session_number_error">Không có lớp số 4 trong danh sách các lớp.</p>' in html
    assert '<option value="4" selected>Lớp số 4 (không có trong danh sách)</option>' in html


def test_adding_a_row_without_javascript_keeps_everything_typed_and_saves_nothing(demo_client, demo):
    user_client = demo_client()
    plan = demo["002"]
    before = snapshot(plan.pk)
    data = form_data(user_client.get(edit_url(plan), {"open": "activities"}))
    total = int(data["activities-TOTAL_FORMS"][0])
    data["subject"] = ["Trích yếu đang sửa"]
    typed = new_row(data, "activities", content="Đang gõ dở", period_kind="quarter", quarter="")
    data["add_row"] = ["activities"]

    response = user_client.post(edit_url(plan), data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Đã thêm một dòng trống." in html
    again = form_data(response)
    assert again["activities-TOTAL_FORMS"] == [str(total + 1)]
    assert again["subject"] == ["Trích yếu đang sửa"]
    assert again[f"{typed}-content"] == ["Đang gõ dở"]
    assert 'class="error"' not in html  # the half-typed row is not judged yet
    assert snapshot(plan.pk) == before


def test_a_part_with_no_rows_comes_without_a_blank_row_and_gets_one_by_adding_a_row_without_javascript(
    user_client, plan
):
    response = user_client.get(edit_url(plan))
    page = response.content.decode()
    data = form_data(response)
    assert data["recipients-TOTAL_FORMS"] == ["0"]  # the part is on the page, with no row yet
    assert 'id="row-recipients-0"' not in page
    # The script adds the blank row from the templates fetched after the page.
    assert "data-blank-row-later" in page.split('data-formset="recipients"')[1].split(">")[0]
    data["add_row"] = ["recipients"]

    response = user_client.post(edit_url(plan), data)

    assert 'id="row-recipients-0"' in response.content.decode()
    data = form_data(response)
    assert data["recipients-TOTAL_FORMS"] == ["1"]
    data["recipients-0-text"] = ["Như trên"]
    assert user_client.post(edit_url(plan), data).status_code == 302
    assert list(Recipient.objects.filter(plan=plan).values_list("text", flat=True)) == ["Như trên"]


GARBAGE = [
    {"date_day": "99999999999999999999999"},
    {"date_day": "31", "date_month": "2"},
    {"date_day": "-1"},
    {"year": "1e9"},
    {"year": "hai nghìn"},
    {"date_year": "0"},
    {"kind": "bogus"},
    {"issuer": "o99999999"},
    {"issuer": "cabc"},
    {"budget_payer": "<script>"},
    {"signer_authority": "XX."},
    {"registration_deadline": "31/02/2024"},
    {"subject": "x" * 5000},
    {"activities-0-quarter": "9"},
    {"activities-0-period_kind": "century"},
    {"activities-0-start_date": "2024-13-45", "activities-0-period_kind": "date"},
    {"activities-0-ordinal": "-5"},
    {"activities-0-ordinal": "99999999999999999999"},
    {"activities-0-lead_organizations": "999999"},
    {"activities-0-id": "abc"},
    {"activities-0-id": "999999"},
    {"groups-0-count": "-3"},
    {"groups-0-count": "abc"},
    {"groups-0-count": "99999999999999999999999"},
    {"groups-0-session_number": "abc"},
    {"groups-0-kind": "alien"},
    {"budget_lines-0-unit_price": "9" * 40},
    {"budget_lines-0-quantity": "-1"},
    {"budget_lines-0-quantity": "NaN"},
    {"budget_lines-0-unit_price": "Infinity"},
    {"breakdowns-0-count": "1e400"},
    {"activities-TOTAL_FORMS": "abc"},
    {"activities-TOTAL_FORMS": "100000000"},
    {"activities-INITIAL_FORMS": "50"},
    {"add_row": "nonsense"},
]


@pytest.fixture
def full_plan(user_client, plan, district):
    """A plan with one row in every part, saved through the page itself."""
    data = form_data(user_client.get(edit_url(plan)))
    new_row(data, "activities", ordinal=1, content="Mở lớp", period_kind="quarter", quarter=2)
    new_row(data, "sessions", ordinal=1, name="Lớp thứ nhất")
    new_row(data, "groups", ordinal=1, session_number=1, kind="per_unit_type", count=2, noun="người")
    new_row(data, "breakdowns", ordinal=1, group_number=1, count=2, description="cán bộ")
    new_row(data, "budget_lines", ordinal=1, item="Tài liệu", quantity="1", unit_price="1000")
    assert user_client.post(edit_url(plan), data).status_code == 302
    return plan


@pytest.mark.parametrize("garbage", GARBAGE, ids=[next(iter(item)) for item in GARBAGE])
def test_garbage_input_never_breaks_the_page(user_client, full_plan, garbage):
    before = snapshot(full_plan.pk)
    data = form_data(user_client.get(edit_url(full_plan)))
    data.update({key: [value] for key, value in garbage.items()})
    response = user_client.post(edit_url(full_plan), data)
    assert response.status_code in (200, 302)
    if response.status_code == 200 and "add_row" not in garbage:
        assert "Chưa lưu được." in response.content.decode()
        assert snapshot(full_plan.pk) == before


def test_missing_management_form_data_is_explained_in_vietnamese(user_client, full_plan):
    before = snapshot(full_plan.pk)
    data = form_data(user_client.get(edit_url(full_plan)))
    for name in [key for key in data if key.startswith("groups-") and key.endswith("_FORMS")]:
        del data[name]
    response = user_client.post(edit_url(full_plan), data)
    assert response.status_code == 200
    assert "Dữ liệu của bảng bị thiếu hoặc đã bị sửa" in response.content.decode()
    assert snapshot(full_plan.pk) == before


def rows_of(plan_pk: int) -> list[str]:
    return list(Activity.objects.filter(plan_id=plan_pk).order_by("order").values_list("content", flat=True))


@pytest.mark.parametrize(
    "tamper",
    [
        {"activities-TOTAL_FORMS": "0"},  # the saved row is still sent, the count says none
        {"activities-INITIAL_FORMS": "0"},  # the saved row would be taken for a new one
        {"activities-0-id": ""},
    ],
    ids=["total-lowered", "initial-lowered", "id-removed"],
)
def test_a_row_count_that_does_not_match_the_rows_sent_is_refused_and_deletes_nothing(
    user_client, full_plan, tamper
):
    before = snapshot(full_plan.pk)
    data = form_data(user_client.get(edit_url(full_plan)))
    data["subject"] = ["Trích yếu đang sửa"]
    data.update({key: [value] for key, value in tamper.items()})

    response = user_client.post(edit_url(full_plan), data)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Số dòng trang gửi lên không khớp với các dòng đã lưu của phần" in page
    assert snapshot(full_plan.pk) == before
    assert rows_of(full_plan.pk) == ["Mở lớp"]
    again = form_data(response)
    assert again["subject"] == ["Trích yếu đang sửa"]
    assert again["activities-0-content"] == ["Mở lớp"]  # every row sent is on the page again


def test_an_empty_post_never_breaks_the_page(user_client, full_plan):
    response = user_client.post(edit_url(full_plan), {})
    assert response.status_code == 200
    assert "Chưa lưu được." in response.content.decode()


def test_the_edit_page_runs_the_same_queries_for_1_or_100_activities(
    user_client, plan, district, django_assert_max_num_queries
):
    activity = Activity.objects.create(
        plan=plan, order=1, content="Hoạt động 1", period_kind=PeriodKind.QUARTER, quarter=1
    )
    activity.lead_organizations.set([district])
    with CaptureQueriesContext(connection) as one:
        assert user_client.get(edit_url(plan)).status_code == 200
    for order in range(2, 101):
        item = Activity.objects.create(
            plan=plan,
            order=order,
            content=f"Hoạt động {order}",
            period_kind=PeriodKind.QUARTER,
            quarter=order % 4 + 1,
        )
        item.lead_organizations.set([district])
        item.coordinating_organizations.set([district])
    with django_assert_max_num_queries(len(one)):
        # Opened: a part this long is otherwise loaded only when the drafter opens it.
        response = user_client.get(edit_url(plan), {"open": "activities"})
    assert response.status_code == 200
    assert response.content.decode().count('data-part="activities"') == 100 + 1  # rows and the blank row


def fill_every_part(plan, organization, rows: int) -> None:
    """`rows` rows in every part of the plan, each with its references and organisations."""
    for order in range(1, rows + 1):
        parent = Section.objects.create(plan=plan, order=order, heading=f"Mục {order}")
        Section.objects.create(plan=plan, parent=parent, order=1, heading=f"Mục con {order}")
        LegalBasis.objects.create(plan=plan, order=order, text=f"Văn bản {order}")
        session = Session.objects.create(plan=plan, order=order, name=f"Lớp {order}")
        group = ParticipantGroup.objects.create(
            plan=plan, order=order, session=session, kind=GroupKind.PER_UNIT, count=2
        )
        group.units.set([organization])
        ParticipantBreakdown.objects.create(group=group, order=1, count=2, description="cán bộ")
        BudgetLine.objects.create(plan=plan, order=order, item=f"Chi {order}", unit_price=1000)
        duty = Duty.objects.create(plan=plan, order=order, title=f"Đơn vị {order}")
        duty.organizations.set([organization])
        Recipient.objects.create(plan=plan, order=order, text=f"Nơi nhận {order}", organization=organization)
    BudgetContribution.objects.create(plan=plan, organization=organization, amount=1000)


def test_the_edit_page_runs_the_same_queries_for_1_or_30_rows_of_every_part(
    user_client, plan, district, django_assert_max_num_queries
):
    fill_every_part(plan, district, 1)
    with CaptureQueriesContext(connection) as one:
        assert user_client.get(edit_url(plan)).status_code == 200
    other = Plan.objects.create(
        organization=district, kind="training", year=2024, subject="Khác", date_year=2024
    )
    fill_every_part(other, district, 30)
    with django_assert_max_num_queries(len(one)):
        response = user_client.get(edit_url(other))
    assert response.status_code == 200
    assert "Lớp 30: 2 người" in response.content.decode()


# ---------------------------------------------------------------------------
# Copy
# ---------------------------------------------------------------------------
def test_copy_makes_a_new_draft_and_opens_it(demo_client, demo):
    user_client = demo_client()
    source = demo["004"]
    response = user_client.post(reverse("plans:copy", args=[source.pk]))
    copy = Plan.objects.order_by("-pk").first()
    assert response.status_code == 302
    assert response.url == edit_url(copy)
    assert copy.subject == source.subject
    assert copy.participant_groups.count() == source.participant_groups.count()
    page = user_client.get(response.url).content.decode()
    assert "Đã sao chép kế hoạch. Đây là bản nháp mới." in page


def test_copy_to_next_year_opens_the_new_year(demo_client, demo):
    user_client = demo_client()
    source = demo["002"]
    response = user_client.post(reverse("plans:copy_next_year", args=[source.pk]))
    copy = Plan.objects.order_by("-pk").first()
    assert response.url == edit_url(copy)
    assert (copy.year, copy.date_year) == (2025, 2025)
    assert copy.subject == "Tập huấn nghiệp vụ công tác thi đua, khen thưởng năm 2025"
    page = user_client.get(response.url).content.decode()
    assert "Đã sao chép kế hoạch sang năm 2025." in page
    assert 'name="year" value="2025"' in page


def test_the_create_page_offers_only_the_most_recently_updated_plans_to_copy(user_client, plan, monkeypatch):
    from plans.forms import catalog as plan_forms

    monkeypatch.setattr(plan_forms, "COPY_CHOICES_LIMIT", 3)
    newer = [
        Plan.objects.create(
            organization=plan.organization,
            kind="other",
            year=2024,
            subject=f"Kế hoạch mới {n}",
            date_year=2024,
        )
        for n in range(3)
    ]
    offered = dict(user_client.get(reverse("plans:create")).context["copy_form"].fields["source"].choices)
    assert {str(p.pk) for p in newer} <= offered.keys()
    assert str(plan.pk) not in offered
    # The older plan is still copied from its own page.
    response = user_client.post(reverse("plans:copy", args=[plan.pk]))
    assert response.status_code == 302
