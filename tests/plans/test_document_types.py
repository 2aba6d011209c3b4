"""Papers other than plans (a compact, minutes, a proposal…) go through the plan's pipeline: their
type sets the printed title and the symbol, another app prints its data through a registered
section block, and the plan list still lists plans unless asked for another type."""

import io

import docx
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from plans import section_blocks, workflow
from plans.choices import SectionBlock
from plans.document_types import DOCUMENT_TYPES, DocumentType
from plans.documents.context import build_plan_context
from plans.documents.docx import render_plan_docx
from plans.documents.html import render_plan_html
from plans.documents.pdf import render_plan_pdf
from plans.forms.catalog import Catalog
from plans.forms.rows import SectionRowForm
from plans.models import Section
from tests.plans.test_rendering import (
    MM,
    assert_a4_with_embedded_fonts,
    assert_header_layout,
    find_word,
    open_pdf,
)
from tests.world import plan_of

pytestmark = pytest.mark.django_db

SIGNERS = [
    {"lines": ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "position": "", "name": "Trần Thị Bình"},
    {"lines": ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "position": "", "name": "Lê Văn Cường"},
    {"lines": ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "position": "", "name": "Phạm Dũng"},
]


@pytest.fixture
def signatures_block():
    """A block another app would register; the registry is left as it was."""
    saved = dict(section_blocks.registry._blocks)

    def build(plan, *, level, parent_number):
        return [{"type": "signatures", "signers": SIGNERS}]

    section_blocks.register(SectionBlock.COMPACT_SIGNATURES, build, document_types=("compact",))
    yield build
    section_blocks.registry._blocks = saved


@pytest.fixture
def compact(world, signatures_block):
    world.cluster.header_parent_line = "UBND TỈNH ĐỒNG THÁP"
    world.cluster.save()
    plan = world.cluster_plan
    plan.document_type = "compact"
    plan.subject = "Giao ước thi đua năm 2024 của Cụm thi đua 2"
    plan.save()
    Section.objects.create(
        plan=plan, order=1, heading="Nội dung giao ước", body="Thi đua hoàn thành nhiệm vụ."
    )
    Section.objects.create(plan=plan, order=2, body="Các đơn vị thành viên thống nhất ký kết.")
    Section.objects.create(plan=plan, order=3, block=SectionBlock.COMPACT_SIGNATURES)
    return plan


def issue(plan, users, **confirmed):
    workflow.plan_submit(plan=plan, user=users["drafter"])
    plan = workflow.plan_approve(plan=plan, user=users["approver"])
    return workflow.plan_issue(plan=plan, user=users["clerk"], confirm_date=True, **confirmed)


def test_every_type_has_its_own_code_prefix_and_title():
    assert len({facts.code for facts in DOCUMENT_TYPES}) == len(DOCUMENT_TYPES)
    assert len({facts.prefix for facts in DOCUMENT_TYPES}) == len(DOCUMENT_TYPES)
    assert DocumentType.PLAN == "plan"
    assert all(facts.title == facts.title.upper() for facts in DOCUMENT_TYPES)


def test_a_compact_is_issued_like_a_plan_with_its_own_title_symbol_and_the_members_signatures(world, compact):
    issued = issue(compact, world.users)

    context = issued.issued_document.context
    assert context["title"] == "GIAO ƯỚC THI ĐUA"
    assert context["header"]["number_line"] == "Số: 01/GƯTĐ-CTĐ"
    assert issued.full_symbol == "01/GƯTĐ-CTĐ"
    # The text ends with "./." before the members' signatures, which end the body.
    assert context["body"][-1] == {"type": "signatures", "signers": SIGNERS}
    assert context["body"][-2]["runs"][-1]["text"].endswith("ký kết./.")
    html = render_plan_html(context)
    assert html.count('class="signature"') == 3 + 1  # the members' blocks and the document's own
    assert "Lê Văn Cường" in html
    text = "\n".join(
        paragraph.text
        for table in docx.Document(io.BytesIO(render_plan_docx(context))).tables
        for cell in table._cells
        for paragraph in cell.paragraphs
    )
    assert "Phạm Dũng" in text
    assert "KT. CHỦ TỊCH" in text


def test_the_compact_pdf_keeps_the_nd30_layout_and_prints_signatures_two_to_a_row(world, compact):
    pdf = render_plan_pdf(build_plan_context(compact))
    with open_pdf(pdf) as document:
        assert_a4_with_embedded_fonts(document)
        words = [word for page in document.pages for word in page.extract_words()]
    assert_header_layout(pdf, issuer_word="CỤM")
    first, second, third = (find_word(words, name) for name in ("Bình", "Cường", "Dũng"))
    assert first["top"] == pytest.approx(second["top"], abs=2)
    assert second["x0"] > first["x1"] + 40 * MM
    assert third["top"] > first["bottom"] + 20 * MM  # the next row, after room to sign
    # Then Nơi nhận, level with the cluster's own signature block on the right.
    recipients, own_name = find_word(words, "Nơi"), find_word(words, "A")
    assert recipients["top"] > third["bottom"]
    assert recipients["x0"] == pytest.approx(30 * MM, abs=2)
    assert own_name["x0"] > 30 * MM + 63 * MM
    assert own_name["top"] > recipients["top"] + 20 * MM


def test_each_type_numbers_in_its_own_series_when_the_issuer_keeps_one_per_type(world):
    world.own.numbering_per_type = True
    world.own.save()
    minutes = plan_of(world.own, document_type="minutes", subject="Biên bản họp bình xét thi đua năm 2024")

    # No meeting names its secretary: the clerk confirms the format check's warning.
    assert issue(minutes, world.users, confirm_warnings=True).full_symbol == "01/BB-UBND"
    assert issue(world.own_plan, world.users).full_symbol == "01/KH-UBND"


def test_the_plan_list_shows_plans_unless_another_type_is_asked_for(client, world):
    minutes = plan_of(world.own, document_type="minutes", subject="Biên bản họp bình xét thi đua")
    client.force_login(world.users["approver"])

    default = client.get(reverse("plans:list")).context["plans"]
    assert world.own_plan in default
    assert minutes not in default
    only_minutes = client.get(reverse("plans:list"), {"document_type": "minutes"}).context["plans"]
    assert list(only_minutes) == [minutes]
    every = client.get(reverse("plans:list"), {"document_type": "all"}).context["plans"]
    assert {world.own_plan, minutes} <= set(every)


def test_only_a_block_named_in_section_block_other_than_the_plans_own_may_be_registered():
    with pytest.raises(ImproperlyConfigured):
        section_blocks.register("made_up", lambda plan, **kwargs: [])
    with pytest.raises(ImproperlyConfigured):
        section_blocks.register(SectionBlock.BUDGET, lambda plan, **kwargs: [])


def test_the_editor_offers_a_registered_block_only_for_its_type_and_never_an_unregistered_one(world, compact):
    offered = dict(SectionRowForm(catalog=Catalog(exclude_plan=compact)).fields["block"].choices)
    assert SectionBlock.COMPACT_SIGNATURES in offered
    assert SectionBlock.BUDGET in offered
    assert SectionBlock.BALLOT not in offered  # named, but no app prints it yet
    in_a_plan = dict(SectionRowForm(catalog=Catalog(exclude_plan=world.own_plan)).fields["block"].choices)
    assert SectionBlock.COMPACT_SIGNATURES not in in_a_plan
