"""The opening as paragraphs or as one sentence, chosen per plan, in the document, PDF and Word."""

import pytest

from plans.choices import LegalBasisForm, Opening
from plans.documents.context import build_plan_context
from plans.documents.docx import render_plan_docx
from plans.documents.markup import plain_text
from plans.documents.pdf import render_plan_pdf
from plans.models import LegalBasis, Plan, Section
from tests.plans.test_rendering import LEFT_MARGIN, MM, docx_text, find_word, make_plan, open_pdf

pytestmark = pytest.mark.django_db

IMPLEMENTED = "Chỉ thị số 02/CT-UBND ngày 28/01/2024 của Ủy ban nhân dân tỉnh"
ALSO = "Kế hoạch số 17/KH-UBND ngày 15/02/2024 của Ủy ban nhân dân tỉnh"
PREAMBLE = "Ủy ban nhân dân huyện ban hành Kế hoạch tổ chức phong trào thi đua năm 2024 như sau:"
SENTENCE = f"Thực hiện {IMPLEMENTED}; {ALSO}, {PREAMBLE}"


def opened_plan(organization, opening: str) -> Plan:
    plan = make_plan(organization, opening=opening, preamble=PREAMBLE)
    LegalBasis.objects.create(plan=plan, order=1, form=LegalBasisForm.IMPLEMENTING, text=IMPLEMENTED)
    LegalBasis.objects.create(plan=plan, order=2, form=LegalBasisForm.IMPLEMENTING, text=f"{ALSO};")
    Section.objects.create(plan=plan, order=1, heading="Mục đích, yêu cầu", body="Nâng cao chất lượng.")
    return plan


def preamble_texts(context: dict) -> list[str]:
    return [plain_text(block["runs"]) for block in context["preamble"]]


def test_one_sentence_names_the_verb_once_and_runs_into_the_preamble(district):
    context = build_plan_context(opened_plan(district, Opening.SENTENCE))
    assert context["legal_bases"] == []
    assert preamble_texts(context) == [SENTENCE]


def test_paragraphs_stay_the_default_with_one_line_per_basis(district):
    plan = opened_plan(district, Opening.PARAGRAPHS)
    assert Plan._meta.get_field("opening").default == Opening.PARAGRAPHS
    context = build_plan_context(plan)
    assert [basis["text"] for basis in context["legal_bases"]] == [
        f"Thực hiện {IMPLEMENTED}.",
        f"Thực hiện {ALSO}.",
    ]
    assert preamble_texts(context) == [PREAMBLE]


def test_căn_cứ_and_thực_hiện_alike_join_one_sentence_each_verb_once_per_run(plan):
    plan.opening = Opening.SENTENCE
    plan.preamble = "UBND huyện ban hành Kế hoạch như sau:\nĐoạn thứ hai."
    plan.save()
    LegalBasis.objects.create(plan=plan, order=1, text="Luật Thi đua, khen thưởng ngày 15/6/2022;")
    LegalBasis.objects.create(plan=plan, order=2, text="Nghị định số 98/2023/NĐ-CP.")
    LegalBasis.objects.create(
        plan=plan, order=3, form=LegalBasisForm.IMPLEMENTING, text="Kế hoạch số 12/KH-UBND"
    )
    assert preamble_texts(build_plan_context(plan)) == [
        "Căn cứ Luật Thi đua, khen thưởng ngày 15/6/2022; Nghị định số 98/2023/NĐ-CP; thực hiện Kế hoạch số "
        "12/KH-UBND, UBND huyện ban hành Kế hoạch như sau:",
        "Đoạn thứ hai.",
    ]


def test_one_sentence_without_a_preamble_ends_with_a_full_stop(plan):
    plan.opening = Opening.SENTENCE
    plan.save()
    LegalBasis.objects.create(plan=plan, order=1, text="Luật Thi đua, khen thưởng")
    context = build_plan_context(plan)
    assert (context["legal_bases"], preamble_texts(context)) == ([], ["Căn cứ Luật Thi đua, khen thưởng."])


def test_the_one_sentence_opening_is_one_paragraph_of_the_pdf(district):
    pdf = render_plan_pdf(build_plan_context(opened_plan(district, Opening.SENTENCE)))
    with open_pdf(pdf) as document:
        page = document.pages[0].extract_words()
        text = document.pages[0].extract_text()
    verb = find_word(page, "Thực")
    assert verb["x0"] == pytest.approx(LEFT_MARGIN + 10 * MM, abs=2)  # the paragraph's first-line indent
    assert text.count("Thực hiện") == 1
    # The preamble follows the comma in the same paragraph: on the same line, or at the left margin of
    # the next line (never on a new indented paragraph).
    comma = next(word for word in page if word["text"] == "tỉnh," and word["top"] >= verb["top"])
    after = page[page.index(comma) + 1]  # pdfplumber gives the words line by line, left to right
    assert after["text"] == "Ủy"
    if after["top"] == pytest.approx(comma["top"], abs=1):
        assert 0 < after["x0"] - comma["x1"] < 3 * MM
    else:
        assert after["x0"] == pytest.approx(LEFT_MARGIN, abs=2)
        assert after["top"] - comma["top"] < 20


def test_the_paragraph_opening_starts_the_preamble_on_its_own_indented_line_in_the_pdf(district):
    pdf = render_plan_pdf(build_plan_context(opened_plan(district, Opening.PARAGRAPHS)))
    with open_pdf(pdf) as document:
        page = document.pages[0].extract_words()
    verbs = [word for word in page if word["text"] == "Thực"]
    preamble = next(word for word in page if word["text"] == "Ủy" and word["top"] > verbs[-1]["top"])
    assert len(verbs) == 2
    assert preamble["x0"] == pytest.approx(LEFT_MARGIN + 10 * MM, abs=2)


def test_the_one_sentence_opening_is_one_paragraph_in_word(district):
    text = docx_text(render_plan_docx(build_plan_context(opened_plan(district, Opening.SENTENCE))))
    assert SENTENCE in text.split("\n")
    assert text.count("Thực hiện") == 1
