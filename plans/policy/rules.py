"""What the policy decides with: the actions, which roles take them in which states, and the reasons given."""

from enum import StrEnum

from clusters.choices import StaffRole
from plans.choices import PlanStatus


class Action(StrEnum):
    VIEW = "view"
    EDIT = "edit"
    COPY = "copy"
    SUBMIT = "submit"
    WITHDRAW = "withdraw"
    CONSULT = "consult"
    ANSWER = "answer"
    CLOSE_CONSULTATION = "close_consultation"
    RETURN = "return"
    APPROVE = "approve"
    ISSUE = "issue"
    CORRECT = "correct"
    # After issue: the organiser runs registration, tracking and spending; member units register.
    ORGANISE = "organise"
    FOLLOW = "follow"  # read what follows the issue: registrations, tracking, reports
    REPORT = "report"  # the mid-year and year-end review of an issued plan
    UNIT_LIST = "unit_list"  # a unit's own registration list, read and exported after the deadline too
    REGISTER = "register"
    TRACK = "track"
    SPEND = "spend"


# Which roles act on a plan for each action, the first one named in the refusal; VIEW, ANSWER and
# REGISTER have rules of their own.
ACTING_ROLES = {
    Action.EDIT: (StaffRole.DRAFTER,),
    Action.COPY: (StaffRole.DRAFTER,),
    Action.SUBMIT: (StaffRole.DRAFTER,),
    Action.WITHDRAW: (StaffRole.DRAFTER,),
    Action.CORRECT: (StaffRole.DRAFTER,),
    Action.CONSULT: (StaffRole.APPROVER,),
    Action.CLOSE_CONSULTATION: (StaffRole.APPROVER,),
    Action.RETURN: (StaffRole.APPROVER,),
    Action.APPROVE: (StaffRole.APPROVER,),
    Action.ISSUE: (StaffRole.CLERK,),
    Action.ORGANISE: (StaffRole.DRAFTER, StaffRole.APPROVER),
    Action.TRACK: (StaffRole.DRAFTER, StaffRole.APPROVER),
    Action.SPEND: (StaffRole.DRAFTER, StaffRole.APPROVER),
}


# The states in which each action is possible, and what to say when the plan is in another.
ALLOWED_STATES = {
    Action.EDIT: {PlanStatus.DRAFT},
    Action.COPY: set(PlanStatus),
    Action.SUBMIT: {PlanStatus.DRAFT},
    Action.WITHDRAW: {PlanStatus.SUBMITTED},
    Action.CONSULT: {PlanStatus.SUBMITTED},
    Action.ANSWER: {PlanStatus.SUBMITTED},
    Action.CLOSE_CONSULTATION: {PlanStatus.SUBMITTED},
    Action.RETURN: {PlanStatus.SUBMITTED, PlanStatus.APPROVED},
    Action.APPROVE: {PlanStatus.SUBMITTED},
    Action.ISSUE: {PlanStatus.APPROVED},
    Action.CORRECT: {PlanStatus.ISSUED},
    Action.ORGANISE: {PlanStatus.ISSUED},
    Action.FOLLOW: {PlanStatus.ISSUED},
    Action.REPORT: {PlanStatus.ISSUED},
    Action.UNIT_LIST: {PlanStatus.ISSUED},
    Action.REGISTER: {PlanStatus.ISSUED},
    Action.TRACK: {PlanStatus.ISSUED},
    Action.SPEND: {PlanStatus.ISSUED},
}


STATE_MESSAGES = {
    Action.EDIT: {
        PlanStatus.SUBMITTED: "Kế hoạch đang chờ phê duyệt nên không sửa được. Hãy rút lại để sửa.",
        PlanStatus.APPROVED: "Kế hoạch đã được phê duyệt nên không sửa được. Lãnh đạo có thể trả lại để sửa.",
        PlanStatus.ISSUED: (
            "Kế hoạch đã ban hành nên không sửa được nữa. Hãy lập bản sửa đổi, thay thế hoặc sao chép "
            "để soạn kế hoạch mới."
        ),
    },
    Action.SUBMIT: "Chỉ trình được kế hoạch đang là dự thảo.",
    Action.WITHDRAW: "Chỉ rút lại được kế hoạch đang chờ phê duyệt.",
    Action.CONSULT: "Chỉ lấy ý kiến được khi kế hoạch đang chờ phê duyệt.",
    Action.ANSWER: "Kế hoạch không còn trong thời gian lấy ý kiến.",
    Action.CLOSE_CONSULTATION: "Chỉ kết thúc lấy ý kiến được khi kế hoạch đang chờ phê duyệt.",
    Action.RETURN: "Chỉ trả lại được kế hoạch đang chờ phê duyệt hoặc đã phê duyệt nhưng chưa ban hành.",
    Action.APPROVE: "Chỉ phê duyệt được kế hoạch đang chờ phê duyệt.",
    Action.ISSUE: "Chỉ ban hành được kế hoạch đã được phê duyệt.",
    Action.CORRECT: "Chỉ lập bản sửa đổi, thay thế cho kế hoạch đã ban hành.",
    Action.ORGANISE: "Việc đăng ký danh sách chỉ bắt đầu khi kế hoạch đã ban hành.",
    Action.FOLLOW: "Chỉ theo dõi tiến độ được khi kế hoạch đã ban hành.",
    Action.REPORT: "Chỉ lập báo cáo sơ kết, tổng kết cho kế hoạch đã ban hành.",
    Action.UNIT_LIST: "Danh sách đăng ký chỉ có sau khi kế hoạch được ban hành.",
    Action.REGISTER: "Chỉ đăng ký danh sách được khi kế hoạch đã ban hành.",
    Action.TRACK: "Chỉ theo dõi tiến độ được khi kế hoạch đã ban hành.",
    Action.SPEND: "Chỉ nhập thực chi được khi kế hoạch đã ban hành.",
}


NOT_DRAFTER_MESSAGE = "Chỉ chuyên viên soạn thảo mới tạo được kế hoạch mới."


ROLE_MESSAGES = {
    StaffRole.DRAFTER: "Chỉ chuyên viên soạn thảo của {body} mới làm được việc này.",
    # Organising, tracking and spending: the body's drafters and leaders.
    (
        StaffRole.DRAFTER,
        StaffRole.APPROVER,
    ): "Chỉ chuyên viên, lãnh đạo của {body} (đơn vị tổ chức) mới làm được việc này.",
    StaffRole.APPROVER: "Chỉ lãnh đạo {body} mới phê duyệt hoặc trả lại được kế hoạch này.",
    StaffRole.CLERK: "Chỉ văn thư của {body} mới cấp số và ban hành được kế hoạch này.",
}


NO_HEAD_MESSAGE = "Cụm chưa có Trưởng cụm năm {year}, nên chưa ai xử lý được kế hoạch của cụm năm đó."


NOT_MEMBER_MESSAGE = "Chỉ đơn vị thành viên của cụm năm {year} mới cho ý kiến được."


NOT_ASKED_MESSAGE = "Cụm không lấy ý kiến về kế hoạch này."


CONSULTATION_OPEN_MESSAGE = (
    "Cụm đang lấy ý kiến các đơn vị thành viên đến hết ngày {deadline:%d/%m/%Y}; còn {count} đơn vị "
    "chưa cho ý kiến ({units}). Phê duyệt được khi đủ ý kiến, khi hết hạn, hoặc khi lãnh đạo kết thúc "
    "lấy ý kiến sớm."
)


NOT_CONSULTING_MESSAGE = "Kế hoạch không đang trong thời gian lấy ý kiến nên không có gì để kết thúc."


CONSULT_CLUSTER_ONLY_MESSAGE = "Chỉ kế hoạch của cụm, khối thi đua mới lấy ý kiến đơn vị thành viên."


# Roles whose staff answer for their unit when a cluster asks its members' opinion, and register
# its people for a plan's event.
ANSWERING_ROLES = (StaffRole.APPROVER, StaffRole.MEMBER_STAFF)


REGISTERING_ROLES = (StaffRole.DRAFTER, StaffRole.APPROVER, StaffRole.MEMBER_STAFF)


NO_QUOTA_MESSAGE = "Đơn vị của bạn không có định mức cử người tham dự trong kế hoạch này."


REGISTRATION_CLOSED_MESSAGE = (
    "Đã hết hạn đăng ký ({deadline:%d/%m/%Y}). Liên hệ đơn vị tổ chức nếu cần mở lại việc đăng ký."
)


NO_REGISTRATION_LIST_MESSAGE = (
    "Kế hoạch này không giao định mức cử người cho đơn vị nào nên không có danh sách đăng ký."
)


FULL_LIST_MESSAGE = "Chỉ đơn vị tổ chức hoặc đơn vị được giao định mức mới tải được danh sách đầy đủ."
