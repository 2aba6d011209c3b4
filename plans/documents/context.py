"""The printed plan as data: every text the document shows, worded and numbered, with no markup.

`build_plan_context(plan)` returns plain dicts, lists, strings, numbers and booleans, so the value
can be stored as JSON when a plan is issued and rendered again, identically, years later. The
renderers (HTML, PDF, DOCX) only lay this value out; all wording rules of Nghị định 30/2020/NĐ-CP
and of the product live on this side: here the header, legal bases, signature, recipients and the
walk over the sections; the blocks a section prints in plans.documents.blocks.
"""

import functools
import hashlib
import json
from collections import defaultdict

from django.db.models import Prefetch, prefetch_related_objects

from activities.models import ParticipantGroup
from plans import co_signers, section_blocks
from plans.choices import LegalBasisForm, Opening, SectionBlock
from plans.document_types import PLAN, facts_of
from plans.documents import blocks
from plans.documents.elements import as_element, attach, close_document, numbered_paragraph, section_heading
from plans.documents.markup import Block, block, paragraph, parse_markup, run
from plans.documents.outline import Numbering, is_numbered, section_numbers
from plans.documents.wording import (
    BLANK_DAY,
    BLANK_NUMBER,
    full_date,
    lower_first,
    month_text,
    normalise,
    sentence,
    strip_end,
    two_digits,
)
from plans.documents.wording import date_line as dated_line
from plans.models import KeptPhrase, LegalBasis, Plan, Section
from plans.parts import PARTS_BY_NAME

CONTEXT_VERSION = 1

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
DOCUMENT_TYPE = facts_of(PLAN).title


# ---------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------
def document_queryset():
    """Plans with the rows every document shows; load_plan adds the rows of the sections' blocks."""
    return Plan.objects.select_related("organization", "cluster", "budget_payer").prefetch_related(
        *document_prefetches()
    )


def document_prefetches() -> list[Prefetch]:
    """The rows every document shows, whatever its blocks: legal bases, sections, recipients."""
    legal_bases = PARTS_BY_NAME["legal_bases"]
    return [
        legal_bases.prefetch(
            legal_bases.queryset().select_related("referenced_plan__organization", "referenced_plan__cluster")
        ),
        PARTS_BY_NAME["sections"].prefetch(),
        PARTS_BY_NAME["recipients"].prefetch(),
    ]


def block_prefetches(blocks: set[str]) -> list[Prefetch]:
    """The rows that the sections' blocks print, each fetched in one query (plus one per M2M)."""
    groups = PARTS_BY_NAME["groups"]
    groups_with_breakdown = groups.prefetch(groups.queryset().prefetch_related("breakdown"))
    by_block = {
        SectionBlock.ACTIVITIES: [PARTS_BY_NAME["waves"].prefetch(), PARTS_BY_NAME["activities"].prefetch()],
        SectionBlock.PARTICIPANTS: [groups_with_breakdown],
        SectionBlock.SESSIONS: [PARTS_BY_NAME["sessions"].prefetch(), groups_with_breakdown],
        SectionBlock.BUDGET: [
            PARTS_BY_NAME["budget_lines"].prefetch(),
            PARTS_BY_NAME["contributions"].prefetch(),
        ],
        SectionBlock.DUTIES: [PARTS_BY_NAME["duties"].prefetch()],
    }
    lookups = {lookup.prefetch_to: lookup for block in sorted(blocks) for lookup in by_block.get(block, [])}
    return list(lookups.values())


def load_plan(plan: Plan | int) -> Plan:
    """The plan with every row its document prints, in a number of queries that rows do not change.

    A plan from document_queryset() is used as it is (no query for the plan again); only the rows
    of the blocks that its sections show are fetched (a study trip never loads a budget it lacks).
    """
    if not (isinstance(plan, Plan) and "sections" in getattr(plan, "_prefetched_objects_cache", {})):
        plan = document_queryset().get(pk=plan.pk if isinstance(plan, Plan) else plan)
    blocks = {section.block for section in plan.sections.all() if section.block}
    prefetch_related_objects([plan], *block_prefetches(blocks))
    return plan


# ---------------------------------------------------------------------------
# Header, legal bases, signature, recipients
# ---------------------------------------------------------------------------
def number_line(plan: Plan) -> str:
    """ "Số: 05/KH-UBND"; a draft leaves non-breaking spaces where the clerk writes the number."""
    if plan.number:
        return f"Số: {two_digits(plan.number)}/{plan.effective_symbol}"
    return f"Số:{BLANK_NUMBER}/{plan.effective_symbol}"


def date_line(plan: Plan) -> str:
    day = two_digits(plan.date_day) if plan.date_day and plan.date_month else BLANK_DAY
    month = month_text(plan.date_month) if plan.date_month else BLANK_DAY
    return dated_line(plan.effective_place_name, day, month, plan.date_year)


def header(plan: Plan) -> dict:
    return issuer_header(plan.issuer, number_line(plan), date_line(plan))


def issuer_header(issuer, number_line: str, date_line: str) -> dict:
    """The two columns above the title: the issuing body (a body or a cluster), the national name."""
    return {
        "parent_line": (issuer.header_parent_line or "").strip().upper() if issuer else "",
        "issuer_name": issuer.printed_name.strip() if issuer else "",
        "issuer_lines": list(issuer.printed_lines) if issuer else [],
        "national_name": NATIONAL_NAME,
        "motto": MOTTO,
        "number_line": number_line,
        "date_line": date_line,
    }


def legal_basis_text(basis: LegalBasis) -> str:
    """What follows "Căn cứ"/"Thực hiện": the typed text, or the full citation of the legal text or
    of the referenced plan it points to."""
    if basis.text.strip():
        return basis.text.strip()
    if basis.legal_text is not None:
        return basis.legal_text.citation
    if basis.referenced_plan is None:
        return ""
    referenced = basis.referenced_plan
    label = referenced.document_facts.label
    parts = [f"{label} số {referenced.full_symbol}" if referenced.number else label]
    if referenced.document_date:
        parts.append(f"ngày {full_date(referenced.document_date)}")
    if referenced.issuer:
        parts.append(f"của {referenced.issuer}")
    parts.append(f"về {lower_first(referenced.subject)}")
    return " ".join(parts)


def legal_bases(plan: Plan) -> list[dict]:
    """ "Căn cứ …;" lines (the last of a run ends with "."), or "Thực hiện …." paragraphs."""
    bases = list(plan.legal_bases.all())
    result = []
    for index, basis in enumerate(bases):
        text = legal_basis_text(basis)
        if not text:
            continue
        if basis.form == LegalBasisForm.IMPLEMENTING:
            result.append({"form": basis.form, "text": sentence(f"Thực hiện {text}")})
            continue
        following = bases[index + 1] if index + 1 < len(bases) else None
        last_of_run = following is None or following.form != LegalBasisForm.BASED_ON
        result.append({"form": basis.form, "text": f"Căn cứ {strip_end(text)}{'.' if last_of_run else ';'}"})
    return result


_VERBS = {LegalBasisForm.BASED_ON: "Căn cứ", LegalBasisForm.IMPLEMENTING: "Thực hiện"}


def opening(plan: Plan) -> tuple[list[dict], list[Block]]:
    """The legal bases and the preamble as the plan opens: as paragraphs, or as one sentence.

    One sentence: "Thực hiện A; B; căn cứ C, Ủy ban nhân dân … ban hành Kế hoạch … như sau:": the
    verb once for each run of bases of one form, the preamble's first paragraph after a comma.
    """
    preamble = parse_markup(plan.preamble)
    if plan.opening != Opening.SENTENCE:
        return legal_bases(plan), preamble
    runs: list[tuple[str, list[str]]] = []
    for basis in plan.legal_bases.all():
        text = strip_end(legal_basis_text(basis))
        if not text:
            continue
        if runs and runs[-1][0] == basis.form:
            runs[-1][1].append(text)
        else:
            runs.append((basis.form, [text]))
    if not runs:
        return [], preamble
    clauses = [f"{_VERBS[form]} {'; '.join(texts)}" for form, texts in runs]
    opened = "; ".join([clauses[0], *(lower_first(clause) for clause in clauses[1:])])
    if preamble and preamble[0]["kind"] == "paragraph":
        first = preamble[0]
        return [], [block("paragraph", [run(f"{opened}, "), *first["runs"]]), *preamble[1:]]
    return [], [paragraph(sentence(opened)), *preamble]


def signature(plan: Plan) -> dict:
    """The signer's block (its lines, position, name); for a type signed by someone beside the signer
    (the minutes' secretary), theirs too as `co_signer`, printed on the left of the same line."""
    lines = []
    if plan.signer_on_behalf_of.strip():
        lines.append(f"TM. {plan.signer_on_behalf_of.strip().upper()}")
    if plan.signer_authority:
        lines.append(f"{plan.signer_authority} {plan.signer_authority_of.strip().upper()}".strip())
    if plan.signer_title.strip():
        lines.append(plan.signer_title.strip().upper())
    signed = {
        "lines": lines,
        "position": plan.signer_position.strip().upper(),
        "name": plan.signer_name.strip(),
    }
    if co_signer := plan.document_facts.co_signer:
        signed["co_signer"] = {"lines": [co_signer], "position": "", "name": co_signers.name_of(plan)}
    return signed


def recipients(plan: Plan) -> dict:
    """ "- X;" lines, the archive line "- Lưu: VT, …." last; the last line always ends with "."."""
    if not plan.document_facts.has_recipients:
        return {"heading": "Nơi nhận:", "lines": []}
    texts = [strip_end(item.text) for item in plan.recipients.all()]
    texts = [text for text in texts if text]
    archive = strip_end(plan.archive_note)
    if archive:
        texts.append(f"Lưu: {archive}")
    lines = [f"- {text};" for text in texts]
    if lines:
        lines[-1] = lines[-1][:-1] + "."
    return {"heading": "Nơi nhận:", "lines": lines}


# ---------------------------------------------------------------------------
# Body
# ---------------------------------------------------------------------------
class BodyBuilder:
    """Walks the section tree in order and yields the flat list of printed elements."""

    def __init__(self, plan: Plan):
        self.plan = plan
        self.numbering = Numbering.of(plan)
        self.venue_printed = False
        self.children: dict[int | None, list[Section]] = defaultdict(list)
        for section in plan.sections.all():
            self.children[section.parent_id].append(section)
        self.places = section_numbers(plan)

    def build(self) -> list[dict]:
        return self.sections(None)

    def venue(self) -> list[dict]:
        """The plan's venue with the first block that shows activities or participants, once."""
        if self.venue_printed:
            return []
        self.venue_printed = True
        return blocks.venue(self.plan)

    @functools.cached_property
    def groups(self) -> list[ParticipantGroup]:
        return list(self.plan.participant_groups.all())

    def sections(self, parent_id: int | None) -> list:
        elements: list[dict] = []
        for section in self.children.get(parent_id, []):
            place = self.places[section.pk]
            body = parse_markup(section.body)
            if section.heading.strip():
                upper = self.numbering.upper_heading(place.level)
                title = section_heading(place.level, place.number, section.heading, upper=upper)
                elements += attach(title, body)
            elif is_numbered(section):
                elements += numbered_paragraph(place.number, body)
            else:
                elements += [as_element(item) for item in body]
            elements += self.block(section.block, level=place.level + 1, parent_number=place.number)
            elements += self.sections(section.pk)
        return elements

    def block(self, kind: str, *, level: int, parent_number: str) -> list[dict]:
        """Structured data after a section's text; classes and duties are numbered below it."""
        if kind == SectionBlock.ACTIVITIES:
            return [*self.venue(), *blocks.activities(self.plan)]
        if kind == SectionBlock.PARTICIPANTS:
            return [*self.venue(), *blocks.participants(self.groups)]
        numbered = {"numbering": self.numbering, "level": level, "parent_number": parent_number}
        if kind == SectionBlock.SESSIONS:
            return [*self.venue(), *blocks.sessions(self.plan, self.groups, **numbered)]
        if kind == SectionBlock.BUDGET:
            return blocks.budget(self.plan)
        if kind == SectionBlock.DUTIES:
            return blocks.duties(self.plan, **numbered)
        if kind:  # another app's data (plans.section_blocks)
            return section_blocks.registry.build(kind, self.plan, level=level, parent_number=parent_number)
        return []


# ---------------------------------------------------------------------------
# The whole document
# ---------------------------------------------------------------------------
def build_plan_context(plan: Plan | int) -> dict:
    """Every text of the printed plan, as plain JSON-ready data."""
    plan = load_plan(plan)
    body = BodyBuilder(plan).build()
    closing = parse_markup(plan.closing)
    close_document(body, closing)
    bases, preamble = opening(plan)
    context = {
        "version": CONTEXT_VERSION,
        "meta": {
            "plan_id": plan.pk,
            "number": plan.number,
            "symbol": plan.effective_symbol,
            "year": plan.year,
            "date_year": plan.date_year,
            "status": plan.status,
        },
        "header": header(plan),
        "title": plan.document_facts.title,
        "subject": " ".join(plan.subject.split()),
        "addressee": " ".join(plan.addressee.split()) if plan.document_facts.has_addressee else "",
        "legal_bases": bases,
        "preamble": preamble,
        "body": body,
        "closing": closing,
        "signature": signature(plan),
        "recipients": recipients(plan),
        # Frozen with the document: an issued plan breaks its lines as it did the day it was issued.
        "kept_phrases": list(KeptPhrase.objects.values_list("text", flat=True)),
    }
    return normalise(context)


def canonical_json(context: dict) -> str:
    return json.dumps(context, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def context_hash(context: dict) -> str:
    """sha256 of the canonical JSON: equal contexts, equal hashes, whatever the key order."""
    return hashlib.sha256(canonical_json(context).encode("utf-8")).hexdigest()
