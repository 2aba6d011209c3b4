"""An issued PDF is served only while it is the file that was issued (its SHA-256 on record)."""

import hashlib
import logging
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from clusters.choices import StaffRole
from clusters.models import Staff
from plans.choices import AuditAction
from plans.issuing import attach_pdf, freeze_context
from plans.models import IssuedDocument, Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk(district):
    user = get_user_model().objects.create_user("vanthu")
    Staff.objects.create(user=user, organization=district, role=StaffRole.CLERK)
    return user


@pytest.fixture
def admin_user():
    return get_user_model().objects.create_superuser("quantri", password="x")


@pytest.fixture
def issued(plan, clerk):
    plan.number, plan.date_day, plan.status = 5, 10, "issued"
    plan.save()
    return attach_pdf(freeze_context(plan=plan, user=clerk))


def flip_one_byte(document: IssuedDocument) -> None:
    path = Path(document.pdf.path)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))


def pdf_url(plan) -> str:
    return reverse("plans:document_pdf", args=[plan.pk])


def test_an_intact_issued_pdf_is_served(client, issued, clerk):
    client.force_login(clerk)
    response = client.get(pdf_url(issued.plan))
    assert response.status_code == 200
    assert hashlib.sha256(response.content).hexdigest() == issued.sha256


def test_one_changed_byte_refuses_the_pdf_tells_clerk_and_admin_and_logs(
    client, issued, clerk, admin_user, caplog
):
    flip_one_byte(issued)
    client.force_login(clerk)
    with caplog.at_level(logging.ERROR, logger="plans.documents.integrity"):
        response = client.get(pdf_url(issued.plan))
    assert response.status_code == 409
    page = response.content.decode()
    assert "không còn đúng với bản đã ban hành" in page
    assert response["Content-Type"].startswith("text/html")
    assert f"plan {issued.plan_id} cannot be trusted" in caplog.text
    alerted = Notification.objects.filter(plan=issued.plan, action=AuditAction.DOCUMENT_MISMATCH)
    assert set(alerted.values_list("recipient__username", flat=True)) == {"vanthu", "quantri"}
    # Asked again, the same people are not told twice while they have not read it.
    client.get(pdf_url(issued.plan))
    assert alerted.count() == 2


def test_a_missing_file_is_rendered_again_and_put_back_when_it_matches(client, issued, clerk):
    path = Path(issued.pdf.path)
    issued.pdf.storage.delete(issued.pdf.name)
    client.force_login(clerk)
    response = client.get(pdf_url(issued.plan))
    assert response.status_code == 200
    assert hashlib.sha256(response.content).hexdigest() == issued.sha256
    assert hashlib.sha256(path.read_bytes()).hexdigest() == issued.sha256


def test_a_missing_file_that_renders_differently_is_refused(client, issued, clerk):
    issued.pdf.storage.delete(issued.pdf.name)
    context = {**issued.context, "subject": issued.context.get("subject", "") + " (đã sửa)"}
    IssuedDocument.objects.filter(pk=issued.pk).update(context=context)
    client.force_login(clerk)
    response = client.get(pdf_url(issued.plan))
    assert response.status_code == 409
    assert not issued.pdf.storage.exists(issued.pdf.name)
    assert Notification.objects.filter(recipient=clerk, action=AuditAction.DOCUMENT_MISMATCH).exists()


def test_verify_documents_reports_a_changed_byte(issued, capsys):
    call_command("verify_documents")
    assert "ok: 1" in capsys.readouterr().out
    flip_one_byte(issued)
    with pytest.raises(CommandError, match="1 bản PDF"):
        call_command("verify_documents", "--quiet-alerts")
    out = capsys.readouterr().out
    assert f"[mismatch] văn bản {issued.pk}" in out
    assert issued.sha256[:12] in out


def test_a_mail_server_that_is_down_does_not_stop_the_check_of_every_pdf(
    issued, capsys, settings, monkeypatch, caplog
):
    """The mismatch is logged at ERROR, which mails ADMINS; a failed send is a warning, not a crash."""
    from django.core import mail

    def refused(*args, **kwargs):
        raise ConnectionRefusedError(111, "Connection refused")

    settings.DEBUG = False
    settings.ADMINS = ["quantri@example.gov.vn"]
    monkeypatch.setattr(mail, "mail_admins", refused)
    flip_one_byte(issued)
    with pytest.raises(CommandError, match="1 bản PDF"):
        call_command("verify_documents")
    assert f"[mismatch] văn bản {issued.pk}" in capsys.readouterr().out
    assert "Không gửi được thư báo lỗi cho ADMINS (ConnectionRefusedError)" in caplog.text
