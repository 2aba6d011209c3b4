"""Starting a plan blank or from a template: the bare structure, hints instead of rows to delete,
the conference and launch kinds, and templates that pass their own format check once signed."""

import pytest
from django.urls import reverse

from plans import services
from plans.choices import PlanKind
from plans.documents import build_plan_context
from plans.documents.format_check import check_plan_format
from plans.models import Plan
from tests.plans.test_editing_views import form_data

pytestmark = pytest.mark.django_db


def printed_text(plan) -> str:
    return repr(build_plan_context(plan))


def test_a_blank_start_gives_the_bare_structure_with_hints_and_no_row_to_delete(user, district):
    plan = services.plan_create_from_template(
        user=user,
        kind=PlanKind.OTHER,
        organization=district,
        year=2025,
        blank=True,
        subject="Tổ chức Đại hội thi đua yêu nước lần thứ V",
    )
    assert plan.subject == "Tổ chức Đại hội thi đua yêu nước lần thứ V"
    assert [(s.heading, s.body) for s in plan.sections.order_by("order")] == [
        ("Mục đích, yêu cầu", ""),
        ("Nội dung", ""),
        ("Tổ chức thực hiện", ""),
    ]
    assert all(section.hint for section in plan.sections.all())
    assert not plan.legal_bases.exists()
    assert not plan.activities.exists()
    assert not plan.duties.exists()
    assert not plan.recipients.exists()
    assert (plan.preamble, plan.closing) == ("", "")


def test_a_blank_start_needs_a_subject_and_keeps_what_was_typed(client, user, district):
    client.force_login(user)
    data = {
        "action": "template",
        "start-issuer": f"o{district.pk}",
        "start-kind": "other",
        "start-year": "2025",
    }
    page = client.post(reverse("plans:create"), {**data, "start-start": "blank"}).content.decode()
    assert "Kế hoạch trống cần có trích yếu" in page
    assert not Plan.objects.exists()


@pytest.mark.parametrize("kind", PlanKind.values)
def test_hints_show_in_the_editor_and_are_never_printed(client, user, district, kind):
    plan = services.plan_create_from_template(user=user, kind=kind, organization=district, year=2025)
    hinted = [section for section in plan.sections.all() if section.hint]
    assert hinted, "every template says somewhere what to write"
    client.force_login(user)
    page = client.get(reverse("plans:edit", args=[plan.pk])).content.decode()
    printed = printed_text(plan)
    for section in hinted:
        assert f'placeholder="{section.hint}"' in page.replace("&quot;", '"').replace("&#x27;", "'")
        assert section.hint not in printed


def test_conference_and_launch_are_kinds_with_their_own_templates(user, district):
    conference = services.plan_create_from_template(
        user=user, kind=PlanKind.CONFERENCE, organization=district, year=2025
    )
    launch = services.plan_create_from_template(
        user=user, kind=PlanKind.LAUNCH, organization=district, year=2025
    )
    assert conference.get_kind_display() == "Hội nghị, đại hội thi đua"
    assert "Thành phần, số lượng đại biểu" in [s.heading for s in conference.sections.all()]
    assert launch.get_kind_display() == "Phát động phong trào thi đua"
    assert "Chủ đề, khẩu hiệu thi đua" in [s.heading for s in launch.sections.all()]


@pytest.mark.parametrize("blank", [False, True])
@pytest.mark.parametrize("kind", PlanKind.values)
def test_every_template_passes_its_own_format_check_once_the_signer_is_filled(user, district, kind, blank):
    plan = services.plan_create_from_template(
        user=user, kind=kind, organization=district, year=2025, blank=blank, subject="Kế hoạch thử"
    )
    Plan.objects.filter(pk=plan.pk).update(
        signer_on_behalf_of="ỦY BAN NHÂN DÂN", signer_title="CHỦ TỊCH", signer_name="Nguyễn Văn A"
    )
    assert check_plan_format(plan.pk) == []


def test_a_blank_plan_saves_as_it_comes_without_deleting_a_row(client, user, district):
    plan = services.plan_create_from_template(
        user=user, kind=PlanKind.OTHER, organization=district, year=2025, blank=True, subject="Kế hoạch thử"
    )
    client.force_login(user)
    url = reverse("plans:edit", args=[plan.pk])
    data = form_data(client.get(url))
    data["sections-0-body"] = "- Tổ chức tốt phong trào thi đua."
    response = client.post(url, data)
    assert response.status_code == 302
    assert plan.sections.get(heading="Mục đích, yêu cầu").body == "- Tổ chức tốt phong trào thi đua."
