"""The printed plan as data: every text the document shows, worded and numbered, with no markup.

`build_plan_context(plan)` returns plain dicts, lists, strings, numbers and booleans, so the value
can be stored as JSON when a plan is issued and rendered again, identically, years later. The
renderers (HTML, PDF, DOCX) only lay this value out; all wording rules of Nghị định 30/2020/NĐ-CP
and of the product live here.
"""

import functools
import hashlib
import json
import re
import unicodedata
from collections import defaultdict
from typing import Any

from django.db.models import Prefetch, prefetch_related_objects

from activities.choices import GroupKind
from activities.models import (
    ROMAN_QUARTERS,
    Activity,
    ParticipantGroup,
    Session,
    activities_by_quarter,
    participant_total,
)
from plans.amounts import format_number, format_vnd, vnd_in_words
from plans.choices import ClauseNumbering, LegalBasisForm, SectionBlock
from plans.markup import Block, BlockKind, Run, block, paragraph, parse_markup, plain_text, run
from plans.models import (
    BudgetContribution,
    BudgetLine,
    Duty,
    LegalBasis,
    Plan,
    Recipient,
    Section,
    total_amount,
)

CONTEXT_VERSION = 1

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
DOCUMENT_TYPE = "KẾ HOẠCH"
NBSP = "\u00a0"
# Where the clerk writes the number and the day by hand on a draft.
BLANK_NUMBER = NBSP * 6
BLANK_DAY = NBSP * 6
MISSING_PLACE = "……"
END_MARK = "./."

ACTIVITY_COLUMNS = ["TT", "Nội dung công việc", "Đơn vị thực hiện"]
BUDGET_COLUMNS = ["Nội dung", "Số lượng", "Đơn vị tính", "Đơn giá (đồng)", "Thành tiền (đồng)"]

# Points (điểm) follow the Vietnamese alphabet: there is no f, j, w or z, and đ comes after d.
VIETNAMESE_LETTERS = tuple("abcdđeghiklmnopqrstuvxy")
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"))
_ROMAN += ((40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))

# C0/C1 control characters cannot be printed and are not allowed in DOCX XML; tabs become spaces.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


# ---------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------
def document_queryset():
    """Plans with the rows every document shows; load_plan adds the rows of the sections' blocks."""
    return Plan.objects.select_related("organization", "cluster", "budget_payer").prefetch_related(
        Prefetch(
            "legal_bases",
            queryset=LegalBasis.objects.select_related(
                "referenced_plan__organization", "referenced_plan__cluster"
            ).order_by("order", "pk"),
        ),
        Prefetch("sections", queryset=Section.objects.order_by("order", "pk")),
        Prefetch("recipients", queryset=Recipient.objects.order_by("order", "pk")),
    )


def block_prefetches(blocks: set[str]) -> list[Prefetch]:
    """The rows that the sections' blocks print, each fetched in one query (plus one per M2M)."""
    groups = Prefetch(
        "participant_groups",
        queryset=ParticipantGroup.objects.order_by("order", "pk").prefetch_related("units", "breakdown"),
    )
    by_block = {
        SectionBlock.ACTIVITIES: [
            Prefetch(
                "activities",
                queryset=Activity.objects.order_by("order", "pk").prefetch_related(
                    "lead_organizations", "coordinating_organizations"
                ),
            )
        ],
        SectionBlock.PARTICIPANTS: [groups],
        SectionBlock.SESSIONS: [
            Prefetch("sessions", queryset=Session.objects.order_by("order", "pk")),
            groups,
        ],
        SectionBlock.BUDGET: [
            Prefetch("budget_lines", queryset=BudgetLine.objects.order_by("order", "pk")),
            Prefetch("contributions", queryset=BudgetContribution.objects.select_related("organization")),
        ],
        SectionBlock.DUTIES: [Prefetch("duties", queryset=Duty.objects.order_by("order", "pk"))],
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
# Small wording helpers
# ---------------------------------------------------------------------------
def roman(number: int) -> str:
    result = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        result.append(letters * count)
    return "".join(result)


def vietnamese_letter(index: int) -> str:
    """1 -> "a", 5 -> "đ", 24 -> "aa": points beyond "y" double the letter."""
    letter = VIETNAMESE_LETTERS[(index - 1) % len(VIETNAMESE_LETTERS)]
    return letter * ((index - 1) // len(VIETNAMESE_LETTERS) + 1)


def numeral(level: int, index: int, parent_number: str, clause_numbering: str) -> str:
    """The numeral of the index-th numbered item at depth `level`: "II.", "3.", "b)" or "5.2."."""
    if level <= 1:
        return f"{roman(index)}."
    if level == 2:
        return f"{index}."
    decimal_parent = re.fullmatch(r"(\d+\.)+", parent_number or "")
    if clause_numbering == ClauseNumbering.DECIMAL and decimal_parent:
        return f"{parent_number}{index}."
    if level == 3:
        return f"{vietnamese_letter(index)})"
    return ""


def two_digits(count: int) -> str:
    """Counts of people print with two digits: 01, 04, 15, 120."""
    return f"{count:02d}"


def full_date(day) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def month_text(month: int) -> str:
    """Months 1 and 2 take a leading zero in the date line (so "tháng 01" cannot be misread)."""
    return f"{month:02d}" if month <= 2 else str(month)


def strip_end(text: str, characters: str = ";.,: ") -> str:
    return (text or "").strip().rstrip(characters).strip()


def sentence(text: str, end: str = ".") -> str:
    """`text` ending with `end`, unless it already ends with terminal punctuation."""
    text = (text or "").strip()
    if not text or text[-1] in ".:!?…":
        return text
    return text.rstrip(";,") + end


def lower_first(text: str) -> str:
    """Lower the first letter of a subject quoted in a sentence, but keep acronyms such as "UBND"."""
    text = (text or "").strip()
    first_word = text.split(" ", 1)[0]
    if len(first_word) > 1 and first_word.isupper():
        return text
    return text[:1].lower() + text[1:]


def normalise(value: Any) -> Any:
    """NFC text without control characters, all through the context (NFD input prints badly)."""
    if isinstance(value, str):
        return _CONTROL.sub("", unicodedata.normalize("NFC", value.replace("\t", " ")))
    if isinstance(value, list):
        return [normalise(item) for item in value]
    if isinstance(value, dict):
        return {key: normalise(item) for key, item in value.items()}
    return value


# ---------------------------------------------------------------------------
# Header, legal bases, signature, recipients
# ---------------------------------------------------------------------------
def number_line(plan: Plan) -> str:
    """ "Số: 05/KH-UBND"; a draft leaves non-breaking spaces where the clerk writes the number."""
    if plan.number:
        return f"Số: {two_digits(plan.number)}/{plan.effective_symbol}"
    return f"Số:{BLANK_NUMBER}/{plan.effective_symbol}"


def date_line(plan: Plan) -> str:
    place = plan.effective_place_name.strip() or MISSING_PLACE
    day = two_digits(plan.date_day) if plan.date_day and plan.date_month else BLANK_DAY
    month = month_text(plan.date_month) if plan.date_month else BLANK_DAY
    return f"{place}, ngày{_spaced(day)}tháng{_spaced(month)}năm {plan.date_year}"


def _spaced(value: str) -> str:
    """A blank stays a run of non-breaking spaces; a number sits between ordinary spaces."""
    return value if value.startswith(NBSP) else f" {value} "


def header(plan: Plan) -> dict:
    issuer = plan.issuer
    return {
        "parent_line": (issuer.header_parent_line or "").strip().upper() if issuer else "",
        "issuer_name": issuer.printed_name.strip() if issuer else "",
        "national_name": NATIONAL_NAME,
        "motto": MOTTO,
        "number_line": number_line(plan),
        "date_line": date_line(plan),
    }


def legal_basis_text(basis: LegalBasis) -> str:
    """What follows "Căn cứ"/"Thực hiện": the typed text, or one derived from the referenced plan."""
    if basis.text.strip() or basis.referenced_plan is None:
        return basis.text.strip()
    referenced = basis.referenced_plan
    parts = [f"Kế hoạch số {referenced.full_symbol}" if referenced.number else "Kế hoạch"]
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


def signature(plan: Plan) -> dict:
    lines = []
    if plan.signer_on_behalf_of.strip():
        lines.append(f"TM. {plan.signer_on_behalf_of.strip().upper()}")
    if plan.signer_authority:
        lines.append(f"{plan.signer_authority} {plan.signer_authority_of.strip().upper()}".strip())
    if plan.signer_title.strip():
        lines.append(plan.signer_title.strip().upper())
    return {
        "lines": lines,
        "position": plan.signer_position.strip().upper(),
        "name": plan.signer_name.strip(),
    }


def recipients(plan: Plan) -> dict:
    """ "- X;" lines, the archive line "- Lưu: VT, …." last; the last line always ends with "."."""
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
def heading(level: int, number: str, text: str, *, bold: bool, italic: bool = False) -> dict:
    return {
        "type": "heading",
        "level": level,
        "number": number,
        "text": text,
        "bold": bold,
        "italic": italic,
        "runs": [],
    }


def as_element(item: Block) -> dict:
    return {"type": "paragraph", **item}


def section_heading(level: int, number: str, text: str) -> dict:
    """Level 1 "I. MỤC ĐÍCH, YÊU CẦU" bold upper case; level 2 "1. Mục đích" bold; deeper italic."""
    text = text.strip()
    if level <= 1:
        return heading(level, number, text.upper(), bold=True)
    if level == 2:
        return heading(level, number, text, bold=True)
    return heading(level, number, text, bold=False, italic=True)


def attach(title: dict, body: list[Block]) -> list[dict]:
    """The heading then its paragraphs; a heading ending with ":" runs into a first plain paragraph."""
    if title["text"].endswith(":") and body and body[0]["kind"] == "paragraph":
        title["runs"] = [run(" "), *body[0]["runs"]]
        body = body[1:]
    return [title, *(as_element(item) for item in body)]


def numbered_paragraph(number: str, body: list[Block]) -> list[dict]:
    """An untitled clause: the number leads the first paragraph ("1. Các tổ đoàn thể …")."""
    if not body:
        return []
    first = body[0]
    runs = [run(f"{number} "), *first["runs"]] if number else first["runs"]
    return [as_element(block("paragraph", runs)), *(as_element(item) for item in body[1:])]


class BodyBuilder:
    """Walks the section tree in order and yields the flat list of printed elements."""

    def __init__(self, plan: Plan):
        self.plan = plan
        self.clauses = plan.clause_numbering
        self.children: dict[int | None, list[Section]] = defaultdict(list)
        for section in plan.sections.all():
            self.children[section.parent_id].append(section)

    def build(self) -> list[dict]:
        return self.sections(None, level=1, parent_number="")

    @functools.cached_property
    def groups(self) -> list[ParticipantGroup]:
        return list(self.plan.participant_groups.all())

    def sections(self, parent_id: int | None, *, level: int, parent_number: str, start: int = 0) -> list:
        elements: list[dict] = []
        counter = start
        for section in self.children.get(parent_id, []):
            number = ""
            body = parse_markup(section.body)
            if section.heading.strip():
                counter += 1
                number = numeral(level, counter, parent_number, self.clauses)
                elements += attach(section_heading(level, number, section.heading), body)
            else:
                elements += [as_element(item) for item in body]
            used, block_elements = self.block(section.block, level=level + 1, parent_number=number)
            elements += block_elements
            elements += self.sections(section.pk, level=level + 1, parent_number=number, start=used)
        return elements

    def block(self, kind: str, *, level: int, parent_number: str) -> tuple[int, list[dict]]:
        """Structured data after a section's text; returns how many numerals it used below it."""
        if kind == SectionBlock.ACTIVITIES:
            return 0, [self.activities()]
        if kind == SectionBlock.PARTICIPANTS:
            return 0, self.participants()
        if kind == SectionBlock.SESSIONS:
            return self.sessions(level=level, parent_number=parent_number)
        if kind == SectionBlock.BUDGET:
            return 0, self.budget()
        if kind == SectionBlock.DUTIES:
            return self.duties(level=level, parent_number=parent_number)
        return 0, []

    # -- activities ----------------------------------------------------------
    def activities(self) -> dict:
        groups = []
        numbered = activities_by_quarter(self.plan.activities.all(), numbering=self.plan.activity_numbering)
        for quarter, activities in numbered:
            rows = [
                {
                    "number": str(number),
                    "content": parse_markup(activity.content),
                    "units": self.activity_units(activity),
                }
                for number, activity in activities
            ]
            groups.append({"label": f"Quý {ROMAN_QUARTERS[quarter]}/{self.plan.year}", "rows": rows})
        return {"type": "activities", "columns": ACTIVITY_COLUMNS, "groups": groups}

    @staticmethod
    def activity_units(activity: Activity) -> list[Block]:
        units = parse_markup(activity.implementers_text)
        if not units:
            leads = [organization.name for organization in activity.lead_organizations.all()]
            partners = [organization.name for organization in activity.coordinating_organizations.all()]
            units = [paragraph(name) for name in leads]
            if partners:
                units.append(paragraph(f"Phối hợp: {', '.join(partners)}"))
        if activity.timing_text.strip():
            units.append(paragraph(f"({activity.timing_text.strip().strip('()')})"))
        if activity.place.strip():
            units.append(paragraph(f"Địa điểm: {activity.place.strip()}"))
        return units

    # -- participants --------------------------------------------------------
    @staticmethod
    def group_blocks(group: ParticipantGroup, *, with_count: bool = True) -> list[Block]:
        """A group as printed: "Mời Ông …, …."; "…: 01 người."; "… 15 người gồm: 01 …; 13 …".

        A description typed on several lines keeps its lines; the count follows the last one.
        Inside a class that has a single group the count is left out: "Số lượng" says it.
        """
        if group.kind == GroupKind.NAMED:
            who = " ".join(part for part in (group.honorific.strip(), group.full_name.strip()) if part)
            position = strip_end(group.position)
            return [paragraph(sentence(f"Mời {who}, {position}" if position else f"Mời {who}"))]
        blocks = parse_markup(group.description) or [paragraph("")]
        runs = list(blocks[-1]["runs"])
        text = strip_end(runs[-1]["text"]) if runs else ""
        if with_count:
            noun = f" {group.noun.strip()}" if group.noun.strip() else ""
            count = f"{two_digits(group.count)}{noun}"
            if group.kind == GroupKind.FIXED:
                text = f"{text}: {count}" if text else count
            else:
                text = f"{text} {count}".strip()
                parts = [
                    f"{two_digits(part.count)} {part.description.strip()}" for part in group.breakdown.all()
                ]
                if parts:
                    text += " gồm: " + "; ".join(parts)
        text = sentence(text)
        if runs:
            runs[-1] = run(text, bold=runs[-1]["bold"], italic=runs[-1]["italic"])
        else:
            runs = [run(text)]
        blocks[-1] = block(blocks[-1]["kind"], runs, blocks[-1]["marker"])
        return [item for item in blocks if plain_text(item["runs"]).strip()]

    @staticmethod
    def as_bullets(blocks: list[Block], kind: BlockKind) -> list[dict]:
        """Group lines as bullets; lines typed with their own "-"/"+" keep their marker."""
        return [as_element(block(kind, item["runs"], item["marker"] or "-")) for item in blocks]

    def participants(self) -> list[dict]:
        groups = [group for group in self.groups if group.session_id is None]
        if not groups:
            return []
        total = participant_total(groups)
        blocks = [item for group in groups for item in self.group_blocks(group)]
        if total is None:
            return self.as_bullets(blocks, "bullet")
        lead = as_element(block("bullet", [run(f"Số lượng, thành phần: {total} người.")], "-"))
        return [lead, *self.as_bullets(blocks, "sub_bullet")]

    # -- sessions (classes) --------------------------------------------------
    def sessions(self, *, level: int, parent_number: str) -> tuple[int, list[dict]]:
        elements: list[dict] = []
        sessions = list(self.plan.sessions.all())
        for index, session in enumerate(sessions, start=1):
            number = numeral(level, index, parent_number, self.clauses)
            elements.append(section_heading(level, number, session.name))
            elements += self.session_parts(session)
        return len(sessions), elements

    def session_parts(self, session: Session) -> list[dict]:
        """ "a) Thành phần: …", "b) Số lượng: 70 người.", "c) Thời gian: …", "d) Địa điểm: …"."""
        groups = [group for group in self.groups if group.session_id == session.pk]
        parts: list[tuple[str, list[Run], list[dict]]] = []
        blocks = [item for group in groups for item in self.group_blocks(group, with_count=len(groups) > 1)]
        if len(blocks) == 1 and blocks[0]["kind"] == "paragraph":
            parts.append(("Thành phần:", [run(" "), *blocks[0]["runs"]], []))
        elif blocks:
            parts.append(("Thành phần:", [], self.as_bullets(blocks, "bullet")))
        total = participant_total(groups) if groups else None
        if total is not None:
            parts.append(("Số lượng:", [run(f" {total} người.")], []))
        timing = [session.duration.strip(), session.timing_text.strip()]
        if not session.timing_text.strip() and session.start_date:
            timing.append(date_span(session.start_date, session.end_date))
        timing_text = ", ".join(part for part in timing if part)
        if timing_text:
            parts.append(("Thời gian:", [run(" " + sentence(timing_text))], []))
        if session.place.strip():
            parts.append(("Địa điểm:", [run(" " + sentence(session.place.strip()))], []))
        elements = []
        for index, (label, runs, following) in enumerate(parts, start=1):
            lead = run(f"{vietnamese_letter(index)}) {label}", italic=True)
            elements.append(as_element(block("paragraph", [lead, *runs])))
            elements += following
        return elements

    # -- budget --------------------------------------------------------------
    def budget(self) -> list[dict]:
        plan = self.plan
        blocks = [ended(item) for item in parse_markup(plan.budget_source)]
        if plan.budget_payer:
            kind, marker = (blocks[-1]["kind"], blocks[-1]["marker"]) if blocks else ("paragraph", "")
            text = sentence(f"{plan.budget_payer.name} {plan.budget_payer_duty.strip()}".strip())
            blocks.append(block(kind, [run(text)], marker))
        elements = [as_element(item) for item in blocks]
        lines = list(plan.budget_lines.all())
        if lines:
            total = total_amount(lines)
            elements.append(
                {
                    "type": "budget",
                    "columns": BUDGET_COLUMNS,
                    "rows": [
                        {
                            "item": line.item,
                            "quantity": format_number(line.quantity),
                            "unit": line.unit,
                            "unit_price": format_number(line.unit_price),
                            "amount": format_number(line.amount),
                        }
                        for line in lines
                    ],
                    "total_label": "Tổng cộng",
                    "total": format_number(total),
                }
            )
            elements.append(as_element(paragraph(money_sentence("Tổng kinh phí dự kiến", total))))
        contributions = list(plan.contributions.all())
        if contributions:
            elements.append(as_element(paragraph("Đóng góp của các đơn vị:")))
            for index, item in enumerate(contributions):
                note = f" ({strip_end(item.note)})" if item.note.strip() else ""
                end = "." if index == len(contributions) - 1 else ";"
                text = f"{item.organization.name}: {format_vnd(item.amount)}{note}{end}"
                elements.append(as_element(block("bullet", [run(text)], "-")))
            if len(contributions) > 1:
                total = total_amount(contributions)
                elements.append(as_element(paragraph(money_sentence("Tổng số tiền đóng góp", total))))
        return elements

    # -- duties --------------------------------------------------------------
    def duties(self, *, level: int, parent_number: str) -> tuple[int, list[dict]]:
        elements: list[dict] = []
        duties = list(self.plan.duties.all())
        for index, duty in enumerate(duties, start=1):
            number = numeral(level, index, parent_number, self.clauses)
            body = parse_markup(duty.body)
            if duty.title.strip():
                elements += attach(heading(level, number, duty.title.strip(), bold=True), body)
            else:
                elements += numbered_paragraph(number, body)
        return len(duties), elements


def ended(item: Block) -> Block:
    """The block with a final full stop when the user typed none."""
    runs = list(item["runs"])
    if runs:
        last = runs[-1]
        runs[-1] = run(sentence(last["text"].rstrip()), bold=last["bold"], italic=last["italic"])
    return block(item["kind"], runs, item["marker"])


def date_span(start, end) -> str:
    if end and end != start:
        return f"từ ngày {full_date(start)} đến ngày {full_date(end)}"
    return f"ngày {full_date(start)}"


def money_sentence(label: str, total) -> str:
    return f"{label}: {format_vnd(total)} (Bằng chữ: {vnd_in_words(total)})."


def end_mark(runs: list[Run]) -> list[Run]:
    """Append "./." to the last run: "… thực hiện./."; a typed "./." is not doubled."""
    if not runs:
        return [run(END_MARK)]
    last = dict(runs[-1])
    text = last["text"].rstrip()
    if text.endswith(END_MARK):
        pass
    elif text.endswith("."):
        text += "/."
    else:
        text = text.rstrip(";:,") + END_MARK
    last["text"] = text
    return [*runs[:-1], last]


def close_document(body: list[dict], closing: list[Block]) -> None:
    """The body ends with "./.": on the closing paragraph, else on the last paragraph of the body."""
    target = next((item for item in reversed(closing) if item["kind"] == "paragraph"), None)
    if target is None and closing:
        target = closing[-1]
    if target is None and body and body[-1]["type"] in ("paragraph", "heading"):
        target = body[-1]
        if target["type"] == "heading" and not target["runs"]:
            target["text"] = end_mark([run(target["text"])])[0]["text"]
            return
    if target is None:
        closing.append(paragraph(END_MARK))
        return
    target["runs"] = end_mark(target["runs"])


# ---------------------------------------------------------------------------
# The whole document
# ---------------------------------------------------------------------------
def build_plan_context(plan: Plan | int) -> dict:
    """Every text of the printed plan, as plain JSON-ready data."""
    plan = load_plan(plan)
    body = BodyBuilder(plan).build()
    closing = parse_markup(plan.closing)
    close_document(body, closing)
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
        "title": DOCUMENT_TYPE,
        "subject": " ".join(plan.subject.split()),
        "legal_bases": legal_bases(plan),
        "preamble": parse_markup(plan.preamble),
        "body": body,
        "closing": closing,
        "signature": signature(plan),
        "recipients": recipients(plan),
    }
    return normalise(context)


def canonical_json(context: dict) -> str:
    return json.dumps(context, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def context_hash(context: dict) -> str:
    """sha256 of the canonical JSON: equal contexts, equal hashes, whatever the key order."""
    return hashlib.sha256(canonical_json(context).encode("utf-8")).hexdigest()
