"""The forms of a review meeting: its details and ballot counts, the attendees and the candidates."""

from django import forms

from common.forms import DateInput, NumberInput
from common.years import FIRST_YEAR, LAST_YEAR
from emulation.forms.base import ReviewForm
from emulation.models import Award, CandidateKind, ReviewMeeting
from emulation.services.meetings import AttendeeInput, CandidateInput


class MeetingForm(ReviewForm):
    """The meeting's details; the ballot counts once the votes are counted."""

    year = forms.IntegerField(
        label="Năm bình xét", min_value=FIRST_YEAR, max_value=LAST_YEAR, widget=NumberInput()
    )
    held_on = forms.DateField(label="Ngày họp", widget=DateInput())
    place = forms.CharField(label="Địa điểm", max_length=300, required=False)
    chair_name = forms.CharField(label="Chủ trì", max_length=120)
    chair_title = forms.CharField(label="Chức vụ người chủ trì", max_length=200, required=False)
    secretary_name = forms.CharField(label="Thư ký", max_length=120)
    secretary_title = forms.CharField(label="Chức vụ thư ký", max_length=200, required=False)
    ballots_issued = forms.IntegerField(
        label="Số phiếu phát ra", min_value=0, required=False, widget=NumberInput()
    )
    ballots_valid = forms.IntegerField(
        label="Số phiếu hợp lệ", min_value=0, required=False, widget=NumberInput()
    )

    def __init__(self, *args, creating: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if creating:
            del self.fields["ballots_issued"], self.fields["ballots_valid"]
        else:
            del self.fields["year"]


def meeting_initial(meeting: ReviewMeeting) -> dict:
    return {name: getattr(meeting, name) for name in MeetingForm.base_fields if name != "year"}


class AttendeeForm(ReviewForm):
    organization = forms.ModelChoiceField(label="Đơn vị", queryset=None, required=False)
    full_name = forms.CharField(label="Họ và tên", max_length=120, required=False)
    position = forms.CharField(label="Chức vụ", max_length=200, required=False)
    present = forms.BooleanField(label="Có mặt", required=False, initial=True)
    absence_reason = forms.CharField(label="Lý do vắng", max_length=300, required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, querysets={"organization": units}, **kwargs)

    def as_input(self) -> AttendeeInput | None:
        data = self.cleaned_data
        if not data.get("full_name") and not data.get("organization") and not data.get("position"):
            return None  # an empty row left blank
        return AttendeeInput(
            full_name=data["full_name"],
            organization=data["organization"],
            position=data["position"],
            present=data["present"],
            absence_reason=data["absence_reason"],
        )


class CandidateForm(ReviewForm):
    kind = forms.ChoiceField(label="Loại", choices=CandidateKind.choices)
    organization = forms.ModelChoiceField(label="Đơn vị", queryset=None, required=False)
    person_name = forms.CharField(label="Họ và tên (cá nhân)", max_length=120, required=False)
    person_position = forms.CharField(label="Chức vụ (cá nhân)", max_length=200, required=False)
    award = forms.ModelChoiceField(
        label="Danh hiệu, hình thức khen thưởng đề nghị", queryset=None, required=False
    )
    votes = forms.IntegerField(label="Số phiếu đồng ý", min_value=0, required=False, widget=NumberInput())

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, querysets={"organization": units, "award": Award.objects.all()}, **kwargs)

    def as_input(self) -> CandidateInput | None:
        data = self.cleaned_data
        if not any(data.get(name) for name in ("organization", "person_name", "award", "votes")):
            return None
        return CandidateInput(
            kind=data["kind"],
            organization=data["organization"],
            person_name=data["person_name"],
            person_position=data["person_position"],
            award=data["award"],
            votes=data["votes"],
        )


AttendeeFormSet = forms.formset_factory(AttendeeForm, extra=3)
CandidateFormSet = forms.formset_factory(CandidateForm, extra=2)


def attendee_initial(meeting: ReviewMeeting) -> list[dict]:
    return [
        {
            "organization": row.organization_id,
            "full_name": row.full_name,
            "position": row.position,
            "present": row.present,
            "absence_reason": row.absence_reason,
        }
        for row in meeting.attendees.all()
    ]


def candidate_initial(meeting: ReviewMeeting) -> list[dict]:
    return [
        {
            "kind": row.kind,
            "organization": row.organization_id,
            "person_name": row.person_name,
            "person_position": row.person_position,
            "award": row.award_id,
            "votes": row.votes,
        }
        for row in meeting.candidates.all()
    ]


def row_choices(units) -> dict:
    """The units' and the awards' options, read once for every row of the record page."""
    blank = [("", "— Chọn —")]
    return {
        "organization": [*blank, *((unit.pk, str(unit)) for unit in units)],
        "award": [*blank, *((award.pk, award.name) for award in Award.objects.all())],
    }
