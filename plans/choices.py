"""Choice sets of the plans app."""

from django.db import models


class PlanKind(models.TextChoices):
    ANNUAL = "annual", "Kế hoạch công tác thi đua, khen thưởng năm"
    TRAINING = "training", "Tập huấn, bồi dưỡng nghiệp vụ"
    STUDY_TRIP = "study_trip", "Giao lưu, học tập kinh nghiệm"
    PROPAGANDA = "propaganda", "Tuyên truyền"
    CAMPAIGN = "campaign", "Phong trào thi đua chuyên đề"
    LAUNCH = "launch", "Phát động phong trào thi đua"
    CONFERENCE = "conference", "Hội nghị, đại hội thi đua"
    OTHER = "other", "Khác"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    SUBMITTED = "submitted", "Chờ phê duyệt"
    APPROVED = "approved", "Đã phê duyệt"
    ISSUED = "issued", "Đã ban hành"


class ActivityNumbering(models.TextChoices):
    PER_QUARTER = "per_quarter", "Đánh số lại từ 1 mỗi quý"
    CONTINUOUS = "continuous", "Đánh số liên tục cả năm"


class HeadingNumbering(models.TextChoices):
    """How the plan's top-level sections are numbered."""

    ROMAN = "roman", "I., II., III.… (chữ số La Mã)"
    ARABIC = "arabic", "1., 2., 3.… (chữ số Ả Rập)"
    UPPER_LETTERS = "upper_letters", "A., B., C.…"
    NONE = "none", "Không đánh số"


class ClauseNumbering(models.TextChoices):
    """How the levels below the top-level sections are numbered, from the first one down."""

    STANDARD = "standard", "1., a), -, + (theo Nghị định 30)"
    DECIMAL = "decimal", "5.1., 5.1.1.… (nối tiếp số của mục trên)"
    LETTERS = "letters", "a), -, +"
    DASHES = "dashes", "-, +"


class Opening(models.TextChoices):
    """How the legal bases and the preamble open the plan."""

    PARAGRAPHS = "paragraphs", "Mỗi căn cứ một đoạn, lời mở đầu một đoạn riêng"
    SENTENCE = "sentence", "Một câu: “Căn cứ …; …, [lời mở đầu] như sau:”"


class SignerAuthority(models.TextChoices):
    NONE = "", "Không (người đứng đầu ký)"
    KT = "KT.", "KT. – ký thay"
    TL = "TL.", "TL. – thừa lệnh"
    TUQ = "TUQ.", "TUQ. – thừa ủy quyền"
    Q = "Q.", "Q. – quyền"


class LegalBasisForm(models.TextChoices):
    BASED_ON = "can_cu", "Căn cứ …;"
    IMPLEMENTING = "thuc_hien", "Thực hiện …"


class LegalTextKind(models.TextChoices):
    """Kinds of legal texts, highest in the hierarchy first (the order a plan cites them in)."""

    CONSTITUTION = "hien_phap", "Hiến pháp"
    LAW = "luat", "Luật"
    CODE = "bo_luat", "Bộ luật"
    RESOLUTION = "nghi_quyet", "Nghị quyết"
    DECREE = "nghi_dinh", "Nghị định"
    DECISION = "quyet_dinh", "Quyết định"
    CIRCULAR = "thong_tu", "Thông tư"
    DIRECTIVE = "chi_thi", "Chỉ thị"
    OTHER = "khac", "Văn bản khác"


class SectionBlock(models.TextChoices):
    """Structured data that a section shows after its text; the data lives in its own models.

    The first five are the plan's own (plans.documents.blocks); the others are printed by the
    builders another app registers (plans.section_blocks), named here so that the database accepts
    them. A block named here that no app registers prints nothing and is not offered in the editor.
    """

    NONE = "", "Chỉ có nội dung văn bản"
    ACTIVITIES = "activities", "Bảng hoạt động theo quý"
    PARTICIPANTS = "participants", "Thành phần, số lượng"
    SESSIONS = "sessions", "Các lớp (buổi) và thành phần từng lớp"
    BUDGET = "budget", "Kinh phí"
    DUTIES = "duties", "Nhiệm vụ của các đơn vị"
    # The emulation year (app emulation)
    REGISTERED_AWARDS = "registered_awards", "Danh hiệu, hình thức khen thưởng đăng ký"
    REGISTRATIONS = "registrations", "Tổng hợp đăng ký thi đua của các đơn vị"
    COMPACT_SIGNATURES = "compact_signatures", "Chữ ký của các đơn vị thành viên"
    CRITERIA = "criteria", "Bảng tiêu chí chấm điểm thi đua"
    SCORES = "scores", "Bảng điểm và xếp hạng"
    ATTENDANCE = "attendance", "Thành phần dự họp"
    BALLOT = "ballot", "Kết quả bỏ phiếu bình xét"
    PROPOSED = "proposed", "Danh sách đề nghị khen thưởng"


class AuditAction(models.TextChoices):
    CREATED = "created", "Tạo kế hoạch"
    UPDATED = "updated", "Sửa kế hoạch"
    COPIED = "copied", "Tạo bằng cách sao chép"
    SUBMITTED = "submitted", "Trình phê duyệt"
    WITHDRAWN = "withdrawn", "Rút lại để sửa"
    RETURNED = "returned", "Trả lại để sửa"
    CONSULTATION_OPENED = "consultation_opened", "Lấy ý kiến các đơn vị thành viên"
    CONSULTATION_ANSWERED = "consultation_answered", "Đơn vị thành viên cho ý kiến"
    CONSULTATION_CLOSED = "consultation_closed", "Kết thúc lấy ý kiến trước hạn"
    APPROVED = "approved", "Phê duyệt"
    ISSUED = "issued", "Ban hành (cấp số)"
    CORRECTION_STARTED = "correction_started", "Lập bản sửa đổi, thay thế"
    # After issue
    REGISTRATION_REOPENED = "registration_reopened", "Mở lại đăng ký danh sách"
    REGISTRATION = "registration", "Thêm, sửa, xoá người đăng ký"
    TRACKED = "tracked", "Cập nhật tiến độ hoạt động"
    EVIDENCE = "evidence", "Thêm, xoá minh chứng"
    EXPENSE = "expense", "Nhập, xoá khoản thực chi"
    DEADLINE_REMINDER = "deadline_reminder", "Nhắc hạn"
    # Found by the system, not done by a user
    DOCUMENT_MISMATCH = "document_mismatch", "Bản PDF đã ban hành không khớp mã SHA-256"


class ReminderKind(models.TextChoices):
    """The deadlines that member units are reminded of before they pass."""

    REGISTRATION = "registration", "Hạn đăng ký danh sách"
    CONSULTATION = "consultation", "Hạn cho ý kiến"


class ConsultationAnswer(models.TextChoices):
    AGREE = "agree", "Nhất trí"
    COMMENT = "comment", "Có ý kiến góp ý"
