"""The editor's forms: catalog choices, Vietnamese messages, lenient numbers, rows and references."""

from decimal import Decimal

import pytest
from django.http import QueryDict

from activities.models import Session
from common.forms import LenientDecimalField
from plans.forms import (
    Catalog,
    PlanCopyForm,
    PlanEditor,
    PlanForm,
    PlanStartForm,
)
from plans.models import Section

pytestmark = pytest.mark.django_db


def plan_data(plan, **changes) -> dict:
    data = {
        "issuer": f"o{plan.organization_id}",
        "kind": plan.kind,
        "year": str(plan.year),
        "subject": plan.subject,
        "date_year": str(plan.date_year),
        "date_month": str(plan.date_month or ""),
        "activity_numbering": plan.activity_numbering,
        "opening": plan.opening,
        "heading_numbering": plan.heading_numbering,
        "clause_numbering": plan.clause_numbering,
        "signer_authority": "",
        "version": str(plan.version),  # the page always sends the version it was opened on
    }
    return data | changes


def test_organisations_are_offered_with_their_path_in_the_tree(district, cluster):
    catalog = Catalog()
    labels = dict(catalog.organization_choices)
    assert labels[str(district.pk)] == "UBND tỉnh Đồng Tháp › UBND huyện Tháp Mười"
    issuers = dict(catalog.issuer_choices[1:])
    assert (f"c{cluster.pk}", "Cụm thi đua 2 › UBND tỉnh Đồng Tháp") in issuers["Cụm, khối thi đua"]


def test_an_organisation_that_ended_says_until_when(district):
    district.valid_to = "2025-06-30"
    district.save()
    assert Catalog().organization_paths[str(district.pk)].endswith("(đến 30/06/2025)")


def test_the_issuer_is_an_organisation_or_a_cluster(plan, cluster):
    form = PlanForm(plan_data(plan, issuer=f"c{cluster.pk}"), instance=plan, catalog=Catalog())
    assert form.is_valid(), form.errors
    fields = form.service_fields()
    assert (fields["organization"], fields["cluster"]) == (None, cluster)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"issuer": ""}, "issuer", "Không được để trống."),
        ({"issuer": "o0"}, "issuer", "Lựa chọn không hợp lệ; hãy chọn lại trong danh sách."),
        ({"date_day": "31", "date_month": "2"}, "date_day", "Tháng 2/2024 không có ngày 31."),
        ({"date_day": "5", "date_month": ""}, "date_month", "Nhập tháng khi đã ghi ngày."),
        ({"date_day": "32"}, "date_day", "Không được lớn hơn 31."),
        ({"year": "năm nay"}, "year", "Nhập một số nguyên, ví dụ 15."),
        ({"year": "3000"}, "year", "Không được lớn hơn 2100."),
        ({"kind": "khac"}, "kind", "Lựa chọn không hợp lệ; hãy chọn lại trong danh sách."),
        ({"registration_deadline": "31/02/2024"}, "registration_deadline", "Ngày không hợp lệ"),
    ],
)
def test_plan_field_errors_are_in_vietnamese_next_to_the_field(plan, changes, field, message):
    form = PlanForm(plan_data(plan, **changes), instance=plan, catalog=Catalog())
    assert not form.is_valid()
    assert any(error.startswith(message) for error in form.errors[field]), form.errors


def test_a_date_is_accepted_as_the_browser_or_a_person_types_it(plan):
    for typed in ("2024-08-08", "08/08/2024", "8/8/2024"):
        form = PlanForm(plan_data(plan, registration_deadline=typed), instance=plan, catalog=Catalog())
        assert form.is_valid(), form.errors
        assert str(form.cleaned_data["registration_deadline"]) == "2024-08-08"


@pytest.mark.parametrize(
    ("typed", "value"),
    [("1500000", 1500000), ("1.500.000", 1500000), ("1 500 000", 1500000), ("2,5", Decimal("2.5"))],
)
def test_amounts_are_read_as_vietnamese_write_them(typed, value):
    field = LenientDecimalField(max_digits=15, decimal_places=2)
    assert field.clean(typed) == Decimal(value)


def test_blank_choices_read_in_vietnamese(plan):
    form = PlanForm(instance=plan, catalog=Catalog())
    assert form.fields["kind"].choices[0] == ("", "— Chọn —")


def start_editor(plan, data: dict | None = None, **kwargs) -> PlanEditor:
    if data is None:
        return PlanEditor(plan=plan, **kwargs)
    query = QueryDict(mutable=True)
    for key, value in data.items():
        query.setlist(key, value if isinstance(value, list) else [value])
    return PlanEditor(plan=plan, data=query, **kwargs)


def management(name: str, total: int, initial: int = 0) -> dict:
    return {f"{name}-TOTAL_FORMS": str(total), f"{name}-INITIAL_FORMS": str(initial)}


def empty_parts(*skip) -> dict:
    names = [
        "legal_bases",
        "sections",
        "activities",
        "sessions",
        "groups",
        "breakdowns",
        "budget_lines",
        "contributions",
        "duties",
        "recipients",
    ]
    data = {}
    for name in names:
        if name not in skip:
            data |= management(name, 0)
    return data


def test_saved_sections_are_numbered_depth_first_with_their_parents_number(plan):
    first = Section.objects.create(plan=plan, order=1, heading="Mục đích, yêu cầu")
    Section.objects.create(plan=plan, order=2, heading="Tổ chức thực hiện")
    Section.objects.create(plan=plan, order=1, parent=first, heading="Mục đích")
    editor = start_editor(plan)
    forms = editor.formsets["sections"].forms
    rows = [
        (form["heading"].value(), form["ordinal"].value(), form["parent_number"].value()) for form in forms
    ]
    assert rows == [
        ("Mục đích, yêu cầu", 1, None),
        ("Mục đích", 2, 1),
        ("Tổ chức thực hiện", 3, None),
        (None, 4, None),  # the blank row, numbered next
    ]
    choices = dict(forms[0].fields["parent_number"].widget.choices)
    assert choices == {
        "": "— Mục lớn (không thuộc mục nào) —",
        "1": "Mục số 1: Mục đích, yêu cầu",
        "2": "Mục số 2: Mục đích",
        "3": "Mục số 3: Tổ chức thực hiện",
    }


def test_a_group_refers_to_a_class_typed_in_the_same_submission(plan):
    data = plan_data(plan) | empty_parts("sessions", "groups")
    data |= management("sessions", 2) | management("groups", 2)
    data |= {"sessions-0-ordinal": "1", "sessions-0-name": "Lớp thứ nhất"}
    data |= {"sessions-1-ordinal": "2"}  # a blank row: ignored
    data |= {
        "groups-0-ordinal": "1",
        "groups-0-session_number": "1",
        "groups-0-kind": "fixed",
        "groups-0-count": "70",
    }
    data |= {"groups-1-ordinal": "2", "groups-1-kind": "fixed", "groups-1-noun": "người"}  # blank too
    editor = start_editor(plan, data)
    assert editor.is_valid(), [form.errors for form in editor.all_forms()]
    parts = editor.service_input()["parts"]
    assert [(row.key, row.position, row.values["name"]) for row in parts["sessions"]] == [
        ("sessions-0", 1, "Lớp thứ nhất")
    ]
    (group,) = parts["groups"]
    assert (group.refs, group.values["count"], group.pk) == ({"session_number": 1}, 70, None)
    choices = dict(editor.formsets["groups"].forms[0].fields["session_number"].widget.choices)
    assert choices == {"": "— Không thuộc lớp nào —", "1": "Lớp số 1: Lớp thứ nhất"}


def test_a_row_marked_for_deletion_is_left_out(plan):
    session = Session.objects.create(plan=plan, order=1, name="Lớp cũ")
    data = plan_data(plan) | empty_parts("sessions") | management("sessions", 1, 1)
    data |= {"sessions-0-id": str(session.pk), "sessions-0-ordinal": "1", "sessions-0-name": "Lớp cũ"}
    data |= {"sessions-0-DELETE": "on"}
    editor = start_editor(plan, data)
    assert editor.is_valid()
    assert editor.service_input()["parts"]["sessions"] == []


def test_adding_a_row_keeps_the_data_and_shows_no_error(plan):
    data = plan_data(plan, subject="") | empty_parts("activities") | management("activities", 1)
    data |= {
        "activities-0-ordinal": "1",
        "activities-0-content": "Đang gõ",
        "activities-0-period_kind": "quarter",
    }
    editor = start_editor(plan, data, add_row="activities")
    formset = editor.formsets["activities"]
    assert formset.total_form_count() == 2
    assert formset.forms[0]["content"].value() == "Đang gõ"
    assert formset.forms[1]["ordinal"].value() == "2"
    assert formset.forms[1]["period_kind"].value() == "quarter"
    assert not editor.has_errors
    assert not editor.plan_form.errors


def test_a_forged_row_count_builds_no_more_rows_than_were_sent(plan):
    data = plan_data(plan) | empty_parts("activities") | management("activities", 100_000_000)
    data |= {
        "activities-0-ordinal": "1",
        "activities-0-content": "Một",
        "activities-0-period_kind": "quarter",
    }
    editor = start_editor(plan, data)
    assert editor.formsets["activities"].total_form_count() == 1


def test_the_start_form_offers_the_users_organisation(district, django_user_model):
    from clusters.models import Staff

    user = django_user_model.objects.create_user(username="a", password="b")
    Staff.objects.create(user=user, organization=district, role="drafter")
    form = PlanStartForm(catalog=Catalog(), user=user, prefix="start")
    assert form["issuer"].value() == f"o{district.pk}"


def test_the_copy_form_needs_a_plan(plan):
    form = PlanCopyForm({"copy-source": ""}, catalog=Catalog(), prefix="copy")
    assert form.errors == {"source": ["Không được để trống."]}
    form = PlanCopyForm({"copy-source": str(plan.pk)}, catalog=Catalog(), prefix="copy")
    assert form.is_valid()
    assert form.cleaned_data["source"] == plan
