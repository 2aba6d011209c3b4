"""What a proposal dossier and a review meeting print: the list of proposed units and people, the
ballot counts of the meeting, as rows read once and laid out by the page, the XLSX and the documents.
"""

from dataclasses import dataclass

from common.downloads import filename_slug
from common.spreadsheets import Column, Spreadsheet
from emulation import scoring
from emulation.models import Proposal, ReviewMeeting
from emulation.services.meetings import ballot_base, terms_of, vote_share
from plans.documents.html import render_appendix_html, render_plan_html
from plans.documents.pdf import htmls_to_pdf
from plans.issuing import printable

PROPOSAL_COLUMNS = [
    "TT",
    "Tên tập thể, cá nhân",
    "Danh hiệu, hình thức khen thưởng",
    "Xếp hạng",
    "Tổng điểm",
    "Số phiếu",
    "Tỷ lệ phiếu",
]
RESULTS = {True: "Đạt", False: "Không đạt", None: "Chưa kết thúc"}
COUNT_COLUMNS = [
    "TT",
    "Tên tập thể, cá nhân",
    "Danh hiệu, hình thức đề nghị",
    "Số phiếu đồng ý",
    "Tỷ lệ",
    "Kết quả",
]


def decimal_text(value, places: int = 2) -> str:
    """ "85,71": a decimal written the Vietnamese way; "" for none."""
    if value is None:
        return ""
    text = f"{value:.{places}f}".rstrip("0").rstrip(".") if places else str(value)
    return text.replace(".", ",")


def proposal_rows(proposal: Proposal) -> list[list[str]]:
    """The proposed units and people still on the list, numbered as printed."""
    entries = [entry for entry in proposal.entries.all() if not entry.withdrawn]
    return [
        [
            f"{number:02d}" if number < 10 else str(number),
            entry.name,
            entry.award_name,
            str(entry.rank) if entry.rank is not None else "",
            decimal_text(entry.score),
            str(entry.votes),
            f"{decimal_text(entry.vote_share)}%",
        ]
        for number, entry in enumerate(entries, start=1)
    ]


@dataclass(frozen=True)
class MeetingCounts:
    """The ballot figures of a closed meeting as the minutes state them."""

    present: int
    invited: int
    ballots_issued: int
    ballots_valid: int
    rule: str
    source: str
    rows: list[list[str]]


def meeting_counts(meeting: ReviewMeeting, *, attendees=None, candidates=None) -> MeetingCounts:
    """The counts of the meeting (closed or not yet), from its rows (read here unless given)."""
    attendees = list(meeting.attendees.all()) if attendees is None else attendees
    candidates = (
        list(meeting.candidates.select_related("organization", "award")) if candidates is None else candidates
    )
    present = sum(1 for row in attendees if row.present)
    terms = terms_of(meeting)
    base = ballot_base(meeting, terms, present=present)
    rows = []
    for number, candidate in enumerate(candidates, start=1):
        share = vote_share(candidate.votes, base)
        rows.append(
            [
                f"{number:02d}" if number < 10 else str(number),
                candidate.name,
                candidate.award_name,
                str(candidate.votes if candidate.votes is not None else ""),
                f"{decimal_text(share)}%" if share is not None else "",
                RESULTS.get(candidate.passed, ""),
            ]
        )
    return MeetingCounts(
        present=present,
        invited=len(attendees),
        ballots_issued=meeting.ballots_issued or 0,
        ballots_valid=meeting.ballots_valid or 0,
        rule=terms.describe(),
        source=terms.source,
        rows=rows,
    )


def proposal_workbook(proposal: Proposal) -> bytes:
    """The dossier as XLSX: the list proposed, then the meeting's counts, then the objections."""
    meeting = proposal.meeting
    book = Spreadsheet()
    sheet = book.sheet("Danh sách đề nghị")
    sheet.heading(f"DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM {meeting.year} – {meeting.issuer.name}", size=13)
    sheet.append([f"Kính gửi: {proposal.authority}"])
    sheet.blank()
    sheet.table(
        [
            Column("TT", 6),
            Column("Tên tập thể, cá nhân", 50, wrap=True),
            Column("Danh hiệu, hình thức khen thưởng", 36, wrap=True),
            Column("Xếp hạng", 10),
            Column("Tổng điểm", 12),
            Column("Số phiếu", 10),
            Column("Tỷ lệ phiếu", 12),
        ],
        proposal_rows(proposal),
        freeze=False,
    )
    counts = meeting_counts(meeting)
    votes = book.sheet("Kết quả bỏ phiếu")
    votes.heading(
        f"Họp bình xét ngày {meeting.held_on:%d/%m/%Y}: {counts.present}/{counts.invited} đại biểu có mặt"
    )
    votes.append([f"Số phiếu phát ra: {counts.ballots_issued}; số phiếu hợp lệ: {counts.ballots_valid}"])
    votes.append([f"Tỷ lệ phiếu cần đạt: {counts.rule}"])
    votes.blank()
    votes.table(
        [
            Column("TT", 6),
            Column("Tên tập thể, cá nhân", 50, wrap=True),
            Column("Danh hiệu, hình thức đề nghị", 36, wrap=True),
            Column("Số phiếu đồng ý", 12),
            Column("Tỷ lệ", 10),
            Column("Kết quả", 12),
        ],
        counts.rows,
        freeze=False,
    )
    objections = book.sheet("Ý kiến phản ánh")
    objections.table(
        [
            Column("Ngày nhận", 12),
            Column("Người, đơn vị phản ánh", 30, wrap=True),
            Column("Về", 40, wrap=True),
            Column("Nội dung", 50, wrap=True),
            Column("Kết quả xem xét", 24),
            Column("Trả lời, xử lý", 50, wrap=True),
        ],
        [
            [
                row.received_on,
                row.sender or "Ẩn danh",
                row.entry.name if row.entry else "Cả danh sách",
                row.content,
                row.get_outcome_display(),
                row.answer,
            ]
            for row in proposal.objections.select_related("entry")
        ],
    )
    return book.to_bytes()


def proposal_filename(proposal: Proposal, fmt: str) -> str:
    issuer = filename_slug(str(proposal.meeting.issuer), words=6)
    return f"de-nghi-khen-thuong-{proposal.meeting.year}-{issuer}.{fmt}"


SCORE_COLUMNS = ["Xếp hạng", "Đơn vị", "Điểm tự chấm", "Điểm thẩm định", "Tổng điểm"]


def score_appendix(proposal: Proposal) -> dict | None:
    """The cluster's score table as the tờ trình's appendix: every unit scored, best first; None
    when the meeting's year has no issued criteria table."""
    meeting = proposal.meeting
    table = scoring.table_in_force(
        cluster=meeting.cluster, organization=meeting.organization, year=meeting.year
    )
    if table is None:
        return None
    rows = [
        [
            str(row.rank),
            row.unit.name,
            decimal_text(row.self_totals.total),
            decimal_text(row.review_totals.total) if row.reviewed else "",
            decimal_text(row.final_totals.total),
        ]
        for row in scoring.ranking(table)
    ]
    document = proposal.document
    subtitle = f"(Kèm theo Tờ trình số {document.full_symbol})" if document is not None else ""
    return {
        "label": "Phụ lục",
        "title": f"BẢNG TỔNG HỢP ĐIỂM, XẾP HẠNG THI ĐUA NĂM {meeting.year}",
        "subtitle": subtitle,
        "body": [
            {
                "kind": "table",
                "columns": SCORE_COLUMNS,
                "rows": rows,
                "widths_mm": [20, 65, 27, 27, 26],
                "align": ["center", "left", "center", "center", "center"],
                "total": None,
            },
            {"kind": "note", "text": f"Theo {table.title} (phiên bản {table.version})."},
        ],
        "meta": {"year": meeting.year},
    }


def dossier_pdf(proposal: Proposal) -> bytes:
    """The dossier as one PDF: the tờ trình, then the minutes of the meeting, then the score table,
    each as issued (frozen) once issued, else as it now stands."""
    meeting = proposal.meeting
    htmls = [render_plan_html(printable(proposal.document)[0])]
    if meeting.minutes is not None:
        htmls.append(render_plan_html(printable(meeting.minutes)[0]))
    if (appendix := score_appendix(proposal)) is not None:
        htmls.append(render_appendix_html(appendix))
    return htmls_to_pdf(htmls)
