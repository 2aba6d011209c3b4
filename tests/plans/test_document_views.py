"""The document URLs: login, 404, content types and file names, ETags and the render cache."""

from unittest import mock

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.shortcuts import resolve_url
from django.urls import reverse

from clusters.choices import StaffRole
from clusters.models import Staff
from plans.documents import render as rendering
from plans.models import Section

pytestmark = pytest.mark.django_db

PDF_TYPE = "application/pdf"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
URL_NAMES = ["plans:document", "plans:document_pdf", "plans:document_docx"]


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def user_client(client, district):
    """A drafter of the district that issues the plan, so its documents are among what they may see."""
    user = get_user_model().objects.create_user(username="soanthao", password="mat-khau-thu")
    Staff.objects.create(user=user, organization=district, role=StaffRole.DRAFTER)
    client.force_login(user)
    return client


@pytest.fixture
def document_plan(plan):
    plan.signer_on_behalf_of, plan.signer_title, plan.signer_name = (
        "ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Nguyễn Văn A",
    )
    plan.archive_note = "VP"
    plan.save()
    Section.objects.create(plan=plan, order=1, heading="Mục đích, yêu cầu", body="- Nâng cao chất lượng.")
    return plan


@pytest.mark.parametrize("name", URL_NAMES)
def test_an_anonymous_visitor_is_sent_to_the_login_page(client, document_plan, name):
    response = client.get(reverse(name, args=[document_plan.pk]))
    assert response.status_code == 302
    assert response.url.startswith(resolve_url(settings.LOGIN_URL))


@pytest.mark.parametrize("name", URL_NAMES)
def test_an_unknown_plan_is_not_found(user_client, name):
    assert user_client.get(reverse(name, args=[999_999])).status_code == 404


@pytest.mark.parametrize("name", URL_NAMES)
def test_the_documents_are_read_only(user_client, document_plan, name):
    assert user_client.post(reverse(name, args=[document_plan.pk])).status_code == 405


def test_the_pdf_opens_in_the_browser_under_its_document_name(user_client, document_plan):
    response = user_client.get(reverse("plans:document_pdf", args=[document_plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == PDF_TYPE
    assert response["Content-Disposition"] == 'inline; filename="KH-UBND-2024-tap-huan-nghiep-vu.pdf"'
    assert response.content.startswith(b"%PDF")
    assert response["ETag"].startswith('"pdf-')
    assert "private" in response["Cache-Control"]
    assert "no-cache" in response["Cache-Control"]


def test_the_docx_downloads_under_its_document_name(user_client, document_plan):
    response = user_client.get(reverse("plans:document_docx", args=[document_plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="KH-UBND-2024-tap-huan-nghiep-vu.docx"'
    assert response.content.startswith(b"PK")


def test_the_preview_shows_the_document_with_the_format_findings(user_client, document_plan):
    response = user_client.get(reverse("plans:document", args=[document_plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    html = response.content.decode()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in html
    assert "I. MỤC ĐÍCH, YÊU CẦU" in html
    assert 'data-code="archive_without_vt"' in html
    assert reverse("plans:document_pdf", args=[document_plan.pk]) in html
    assert 'href="/static/plans/document.css"' in html
    assert "http://" not in html
    assert "https://" not in html


@pytest.mark.parametrize("name", URL_NAMES)
def test_a_client_holding_the_current_version_gets_not_modified_without_rendering(
    user_client, document_plan, name
):
    url = reverse(name, args=[document_plan.pk])
    etag = user_client.get(url)["ETag"]
    with (
        mock.patch.object(rendering, "render_plan_pdf") as pdf,
        mock.patch.object(rendering, "render_plan_docx") as docx,
        mock.patch.object(rendering, "render_plan_html") as html,
        mock.patch("plans.views.document.render_plan_html") as preview,
    ):
        response = user_client.get(url, headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response["ETag"] == etag
    assert response.content == b""
    assert [pdf.called, docx.called, html.called, preview.called] == [False] * 4


def test_an_unchanged_plan_is_rendered_once_and_again_after_a_change(user_client, document_plan):
    url = reverse("plans:document_pdf", args=[document_plan.pk])
    with mock.patch.object(rendering, "render_plan_pdf", wraps=rendering.render_plan_pdf) as render:
        first = user_client.get(url)
        second = user_client.get(url)
        assert render.call_count == 1
        assert second.content == first.content
        assert second["ETag"] == first["ETag"]

        document_plan.subject = "Tập huấn nghiệp vụ công tác thi đua, khen thưởng năm 2024 (bổ sung)"
        document_plan.save()
        third = user_client.get(url, headers={"if-none-match": first["ETag"]})
        assert third.status_code == 200
        assert render.call_count == 2
        assert third["ETag"] != first["ETag"]


def test_each_format_has_its_own_etag_and_cache_entry(user_client, document_plan):
    pdf = user_client.get(reverse("plans:document_pdf", args=[document_plan.pk]))
    docx = user_client.get(reverse("plans:document_docx", args=[document_plan.pk]))
    assert pdf["ETag"] != docx["ETag"]
    assert pdf["ETag"][5:45] == docx["ETag"][6:46]  # the same context hash
    assert pdf.content != docx.content


def test_the_preview_etag_changes_when_a_finding_is_fixed(user_client, document_plan):
    url = reverse("plans:document", args=[document_plan.pk])
    before = user_client.get(url)["ETag"]
    document_plan.archive_note = "VT, VP"
    document_plan.save()
    after = user_client.get(url)
    assert after["ETag"] != before
    assert "không phát hiện lỗi" in after.content.decode()
