"""What the review papers print inside the plan pipeline: the attendance and the ballot of the minutes
(biên bản họp bình xét), the list of the tờ trình đề nghị khen thưởng. Registered as section blocks in
EmulationConfig.ready(); each finds its meeting or proposal by the document, in a constant number of
queries, and returns the printed elements (an issued paper keeps them in its frozen context). The
minutes' secretary, who signs beside the chair, is registered there too (plans.co_signers)."""

from emulation.dossier import COUNT_COLUMNS, PROPOSAL_COLUMNS, RESULTS, meeting_counts, proposal_rows
from emulation.models import Proposal, ReviewMeeting
from plans.documents.elements import as_element
from plans.documents.markup import paragraph
from plans.models import Plan

ATTENDEE_COLUMNS = ["TT", "Họ và tên", "Chức vụ, đơn vị", "Ghi chú"]
NO_MEETING = "(Văn bản chưa gắn với cuộc họp bình xét nào.)"
NO_PROPOSAL = "(Văn bản chưa gắn với hồ sơ đề nghị khen thưởng nào.)"
# The minutes' last sentence, after the ballot: it takes the "./." above the secretary's and the chair's
# signatures.
MINUTES_CLOSING = "Cuộc họp kết thúc cùng ngày. Biên bản đã được thông qua tại cuộc họp."


def _meeting(plan: Plan) -> ReviewMeeting | None:
    return ReviewMeeting.objects.filter(minutes=plan).select_related("cluster", "organization").first()


def _paragraphs(*texts: str) -> list[dict]:
    return [as_element(paragraph(text)) for text in texts if text]


def attendance(plan: Plan, *, level: int, parent_number: str) -> list[dict]:
    """Who chaired, who kept the minutes, who attended (and who was absent, with the reason)."""
    meeting = _meeting(plan)
    if meeting is None:
        return _paragraphs(NO_MEETING)
    attendees = list(meeting.attendees.select_related("organization"))
    present = sum(1 for row in attendees if row.present)
    chair = ", ".join(part for part in (meeting.chair_name, meeting.chair_title) if part)
    secretary = ", ".join(part for part in (meeting.secretary_name, meeting.secretary_title) if part)
    rows = []
    for number, row in enumerate(attendees, start=1):
        where = ", ".join(
            part for part in (row.position, row.organization.name if row.organization else "") if part
        )
        note = "" if row.present else ("Vắng: " + row.absence_reason if row.absence_reason else "Vắng")
        rows.append([str(number), row.full_name, where, note])
    elements = _paragraphs(
        f"- Chủ trì: {chair}.",
        f"- Thư ký: {secretary}.",
        f"- Đại biểu dự họp: {present}/{len(attendees)} đại biểu được triệu tập có mặt.",
    )
    if rows:
        elements.append(
            {
                "type": "table",
                "columns": ATTENDEE_COLUMNS,
                "rows": rows,
                "align": ["center", "left", "left", "left"],
                "widths_mm": [12, 45, 78, 30],
            }
        )
    return elements


def ballot(plan: Plan, *, level: int, parent_number: str) -> list[dict]:
    """The secret ballot: the rule, the ballots, each candidate's votes and result, who passed."""
    meeting = _meeting(plan)
    if meeting is None:
        return _paragraphs(NO_MEETING)
    counts = meeting_counts(meeting)
    source = f" ({counts.source})" if counts.source else ""
    passed = [row[1] for row in counts.rows if row[5] == RESULTS[True]]
    conclusion = (
        f"Kết quả: {len(passed)} tập thể, cá nhân đạt tỷ lệ phiếu, được đề nghị khen thưởng: "
        f"{'; '.join(passed)}."
        if passed
        else "Kết quả: không có tập thể, cá nhân nào đạt tỷ lệ phiếu."
    )
    return [
        *_paragraphs(
            f"Cuộc họp bình xét bằng hình thức bỏ phiếu kín; tập thể, cá nhân được đề nghị khen thưởng phải "
            f"đạt {counts.rule}{source}.",
            f"Số phiếu phát ra: {counts.ballots_issued}; số phiếu thu về hợp lệ: {counts.ballots_valid}.",
        ),
        {
            "type": "table",
            "caption": "KẾT QUẢ BỎ PHIẾU",
            "columns": COUNT_COLUMNS,
            "rows": counts.rows,
            "align": ["center", "left", "left", "center", "center", "center"],
            "widths_mm": [10, 52, 45, 20, 18, 20],
        },
        *_paragraphs(conclusion, MINUTES_CLOSING),
    ]


def secretary(plan: Plan) -> str:
    """Who kept the minutes: they sign beside the chair (plans.co_signers), "" without a meeting."""
    return ReviewMeeting.objects.filter(minutes=plan).values_list("secretary_name", flat=True).first() or ""


def proposed(plan: Plan, *, level: int, parent_number: str) -> list[dict]:
    """The units and people proposed, in the ranking of the score table."""
    proposal = Proposal.objects.filter(document=plan).first()
    if proposal is None:
        return _paragraphs(NO_PROPOSAL)
    return [
        {
            "type": "table",
            "caption": "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG",
            "columns": PROPOSAL_COLUMNS,
            "rows": proposal_rows(proposal),
            "align": ["center", "left", "left", "center", "center", "center", "center"],
            "widths_mm": [10, 50, 40, 15, 17, 15, 18],
        }
    ]
