"""Giao ước thi đua: the head unit draws up the cluster's compact, names who signs for each member,
and issues it through the plan's workflow; it prints every member's signature block."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from clusters.models import ClusterMembership, Organization
from common.errors import ServiceError
from emulation.models import Compact
from emulation.services.compact import compact_create
from emulation.services.registrations import call_open
from plans import workflow
from plans.documents.format_check import issue_findings
from plans.documents.pdf import render_plan_pdf
from plans.models import Plan
from tests.plans.test_rendering import assert_a4_with_embedded_fonts, open_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(world):
    deadline = timezone.localdate() + datetime.timedelta(days=20)
    return call_open(user=world.users["drafter"], cluster=world.cluster, year=2024, deadline=deadline)


@pytest.fixture
def compact(client, world, call) -> Compact:
    client.force_login(world.users["drafter"])
    response = client.post(reverse("emulation:compact_create", args=[call.pk]))
    compact = Compact.objects.get(cluster=world.cluster, year=2024)
    assert response.url == compact.get_absolute_url()
    return compact


def test_the_compact_names_every_member_but_the_head_who_signs_the_document(compact, world):
    [signatory] = compact.signatories.all()
    assert signatory.unit == world.member
    assert signatory.lines == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    document = compact.document
    assert (document.document_type, document.cluster, document.status) == ("compact", world.cluster, "draft")
    assert document.signer_on_behalf_of == "CỤM THI ĐUA"


def test_the_head_names_the_signers_and_issues_the_compact_which_prints_their_blocks(client, compact, world):
    [signatory] = compact.signatories.all()
    response = client.post(
        compact.get_absolute_url(),
        {f"s{signatory.pk}-on_behalf_of": "ỦY BAN NHÂN DÂN", f"s{signatory.pk}-title": "Chủ tịch",
         f"s{signatory.pk}-name": "Lê  Văn Cường"},
    )  # fmt: skip
    assert response.status_code == 302
    Plan.objects.filter(pk=compact.document_id).update(signer_name="Nguyễn Văn A")
    document = Plan.objects.get(pk=compact.document_id)
    assert issue_findings(document) == ([], [])

    workflow.plan_submit(plan=document, user=world.users["drafter"])
    workflow.plan_approve(plan=document, user=world.users["approver"])
    issued = workflow.plan_issue(plan=document, user=world.users["clerk"], confirm_date=True)

    context = issued.issued_document.context
    assert context["title"] == "GIAO ƯỚC THI ĐUA"
    assert context["header"]["number_line"] == "Số: 01/GƯTĐ-CTĐ"
    assert context["body"][-1] == {
        "type": "signatures",
        "signers": [{"lines": ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "position": "", "name": "Lê Văn Cường"}],
    }
    assert context["body"][-2]["runs"][-1]["text"].endswith("thống nhất ký kết./.")
    pdf = render_plan_pdf(context)
    with open_pdf(pdf) as printed:
        assert_a4_with_embedded_fonts(printed)
        words = [(number, word) for number, page in enumerate(printed.pages) for word in page.extract_words()]
    where = {word["text"]: (number, word["top"]) for number, word in words}
    assert where["Cường"] < where["Nơi"]  # the members' blocks, then Nơi nhận and the head's block
    # Once submitted the member reads the compact, and no one changes its signers any more.
    client.force_login(world.users["member_staff"])
    assert client.get(compact.get_absolute_url()).status_code == 200
    client.force_login(world.users["drafter"])
    assert client.post(compact.get_absolute_url(), {}).status_code == 403


def test_the_compact_is_not_issued_while_a_members_signer_is_unnamed(client, compact, world):
    Plan.objects.filter(pk=compact.document_id).update(signer_name="Nguyễn Văn A")
    document = Plan.objects.get(pk=compact.document_id)
    workflow.plan_submit(plan=document, user=world.users["drafter"])
    workflow.plan_approve(plan=document, user=world.users["approver"])
    with pytest.raises(ServiceError) as refused:
        workflow.plan_issue(plan=document, user=world.users["clerk"], confirm_date=True)
    assert refused.value.errors[None] == [f"Chưa ghi họ và tên người ký giao ước của: {world.member}."]
    assert Plan.objects.get(pk=document.pk).status == "approved"
    # Named, it goes out.
    compact.signatories.update(name="Lê Văn Cường")
    issued = workflow.plan_issue(plan=document, user=world.users["clerk"], confirm_date=True)
    assert issued.status == "issued"


def test_a_cluster_has_one_compact_a_year(client, compact, world, call):
    response = client.post(reverse("emulation:compact_create", args=[call.pk]), follow=True)
    assert "Cụm đã có giao ước thi đua năm 2024." in response.content.decode()
    assert Compact.objects.count() == 1


def test_the_compacts_document_page_names_its_type_and_links_back_to_the_signers(client, compact):
    page = client.get(reverse("plans:detail", args=[compact.document_id])).content.decode()
    assert "Giao ước thi đua: Thực hiện phong trào thi đua năm 2024" in page
    assert compact.get_absolute_url() in page


def test_the_compact_page_costs_the_same_with_more_members(client, world, django_assert_max_num_queries):
    for index in range(12):
        unit = Organization.objects.create(name=f"UBND xã số {index}", level="commune", abbreviation="UBND")
        ClusterMembership.objects.create(cluster=world.cluster, organization=unit, year=2024)
    compact = compact_create(user=world.users["drafter"], cluster=world.cluster, year=2024)
    assert compact.signatories.count() == 13  # every member but the head
    client.force_login(world.users["drafter"])
    with django_assert_max_num_queries(20):
        assert client.get(compact.get_absolute_url()).status_code == 200
