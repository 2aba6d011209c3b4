"""An issued plan prints exactly as it was issued, whatever happens to its data later."""

import hashlib

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from clusters.choices import StaffRole
from clusters.models import Staff
from plans.issuing import attach_pdf, freeze_context

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk(district):
    """The records clerk of the district that issues the plan."""
    user = get_user_model().objects.create_user("vanthu")
    Staff.objects.create(user=user, organization=district, role=StaffRole.CLERK)
    return user


@pytest.fixture
def issued(plan, clerk):
    plan.number, plan.date_day, plan.status = 5, 10, "issued"
    plan.save()
    return attach_pdf(freeze_context(plan=plan, user=clerk))


def test_freezing_keeps_the_context_the_pdf_and_its_sha256(issued, clerk):
    pdf = issued.pdf_bytes()
    assert pdf.startswith(b"%PDF")
    assert issued.sha256 == hashlib.sha256(pdf).hexdigest()
    assert issued.context["header"]["number_line"] == "Số: 05/KH-UBND"
    assert issued.issued_by == clerk


def test_an_issued_plan_prints_the_frozen_document_after_its_body_is_renamed(issued, plan, client, clerk):
    plan.organization.header_name = "ỦY BAN NHÂN DÂN XÃ THÁP MƯỜI MỚI"
    plan.organization.save()
    client.force_login(clerk)
    pdf = client.get(reverse("plans:document_pdf", args=[plan.pk]))
    assert hashlib.sha256(pdf.content).hexdigest() == issued.sha256
    preview = client.get(reverse("plans:document", args=[plan.pk])).content.decode()
    assert "ỦY BAN NHÂN DÂN HUYỆN THÁP MƯỜI" in preview
    assert "MỚI" not in preview


def test_an_issued_document_cannot_be_changed(issued):
    issued.sha256 = "0" * 64
    with pytest.raises(ValidationError):
        issued.save()
