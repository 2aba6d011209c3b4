"""The demo data: the five seed plans loaded faithfully, idempotently, with one account per role."""

import hashlib
import io
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from activities.choices import GroupKind
from activities.models import ROMAN_QUARTERS, participant_total
from clusters.models import Organization, Staff
from plans.choices import ActivityNumbering, AuditAction, LegalBasisForm, PlanStatus
from plans.management.demo.bodies import DEMO_PASSWORD, DEMO_USERS
from plans.management.demo.loader import load_demo
from plans.models import IssuedDocument, Plan

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"
SEED_KEYS = ["000", "001", "002", "003", "004"]

# A typist's initials left after the closing of seed 002; not part of the document.
SEED_ARTEFACTS = ["*Suong*"]

MARKUP = re.compile(r"</?i>|[*#\\|]")
LEADING_NUMBER = re.compile(r"^(?:[ivx]+\.|\d+(?:\.\d+)*\.|[a-z]\))\s+")
LEADING_BULLET = re.compile(r"^[-+]\s+")
TABLE_HEADERS = {"số tt", "tt", "nội dung công việc", "nội dung", "đơn vị thực hiện"}


def seed_text(key: str) -> str:
    text = (SEEDS / f"{key}.txt").read_text(encoding="utf-8")
    for artefact in SEED_ARTEFACTS:
        text = text.replace(artefact, "")
    return text


def normalize(text: str) -> str:
    """Markup and case dropped, spaces collapsed, "IV/ 2022" read as "IV/2022"."""
    text = re.sub(r"/\s+", "/", MARKUP.sub("", text))
    return " ".join(text.split()).casefold()


def phrase(text: str) -> str:
    """A seed line as the words it must have stored: no bullet, numeral, lead-in or end punctuation."""
    text = normalize(text)
    previous = None
    while previous != text:
        previous = text
        text = LEADING_BULLET.sub("", LEADING_NUMBER.sub("", text))
    for lead_in in ("căn cứ ", "thực hiện "):
        text = text.removeprefix(lead_in)
    return text.rstrip(" .;:/")


def is_found(words: str, haystack: str) -> bool:
    """Found as typed or, for a line the model splits (run-in heading, basis and preamble in one
    sentence, units and timing in one cell), found part by part."""
    if words in haystack:
        return True
    return all(part.strip() in haystack for part in re.split(r"[,:;()]", words))


def group_line(group) -> str:
    """A participant group as the renderer prints it (see the conventions in the seed data)."""
    if group.kind == GroupKind.NAMED:
        return f"Mời {group.honorific} {group.full_name}, {group.position}."
    if group.kind == GroupKind.FIXED:
        return f"{group.description}: {group.count:02d} {group.noun}."
    line = f"{group.description} {group.count:02d} {group.noun}"
    parts = [f"{part.count:02d} {part.description}" for part in group.breakdown.all()]
    return line + (" gồm: " + "; ".join(parts) if parts else "") + "."


def stored_texts(plan: Plan) -> list[str]:
    """Every text the plan stores, plus the fixed words the renderer prints around them."""
    texts = [plan.subject, plan.preamble, plan.closing, plan.budget_source, plan.signer_title]
    texts += [plan.signer_position, plan.signer_name, f"Lưu: {plan.archive_note}"]
    texts += [f"TM. {plan.signer_on_behalf_of}", f"{plan.signer_authority} {plan.signer_authority_of}"]
    if plan.budget_payer:
        texts.append(f"{plan.budget_payer.name} {plan.budget_payer_duty}")
    texts += [basis.text for basis in plan.legal_bases.all()]
    for section in plan.sections.all():
        texts += [section.heading, section.body]
    for duty in plan.duties.all():
        texts += [duty.title, duty.body]
    texts += [recipient.text for recipient in plan.recipients.all()]
    for activity in plan.activities.all():
        texts += [activity.content, activity.implementers_text, activity.timing_text]
        texts.append(f"Quý {ROMAN_QUARTERS[activity.effective_quarter]}/{plan.year}")
        texts.append(f"Địa điểm: {activity.place}")
    plan_groups = list(plan.participant_groups.filter(session=None))
    texts.append(f"Số lượng, thành phần: {participant_total(plan_groups)} người")
    texts += [group_line(group) for group in plan_groups]
    for session in plan.sessions.all():
        groups = list(session.participant_groups.all())
        texts.append(session.name)
        texts += [f"Thành phần: {group.description}" for group in groups]
        texts.append(f"Số lượng: {participant_total(groups)} người")
        texts.append(f"Thời gian: {session.duration}, {session.timing_text}")
    return texts


def seed_phrases(key: str) -> list[str]:
    """What each line (or table cell) of a seed says, minus the header lines the issuer supplies."""
    phrases = []
    for raw in seed_text(key).splitlines():
        line = MARKUP.sub("", raw).strip() if "|" not in raw else raw.strip()
        if not line or line.startswith("Số:") or line in ("KẾ HOẠCH", "Nơi nhận:"):
            continue
        if re.search(r"ngày\s+tháng", line):
            continue
        if "|" in raw or "\t" in raw:
            for cell in re.split(r"[|\t]", raw):
                cell = re.sub(r"</?i>", "", cell).strip()
                if (
                    not cell
                    or cell.isdigit()
                    or re.fullmatch(r"-+", cell)
                    or cell.casefold() in TABLE_HEADERS
                ):
                    continue
                phrases += [phrase(part) for part in re.split(r"(?:^|\s)-\s|;", cell) if phrase(part)]
            continue
        phrases.append(phrase(line))
    return [words for words in phrases if words]


def seed_footer(key: str) -> tuple[list[str], str, str]:
    """(recipient lines, archive note, signer name) as the seed prints them."""
    lines = [line.strip() for line in seed_text(key).splitlines()]
    start = next(index for index, line in enumerate(lines) if "Nơi nhận" in line)
    recipients, archive = [], ""
    for line in lines[start + 1 :]:
        if not line:
            continue
        item = line.removeprefix("- ")
        if item.startswith("Lưu:"):
            archive = item.removeprefix("Lưu:").strip().rstrip(".")
            break
        recipients.append(item.rstrip(";"))
    signer = [line for line in lines if line][-1].strip("* ")
    return recipients, archive, signer


def snapshot() -> dict[str, list[dict]]:
    """Every row of every model, by primary key."""
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for model in apps.get_models()
        if model._meta.managed
    }


def test_seed_000_participants_add_up_to_19_from_two_invitees_one_fixed_and_four_per_district(demo):
    groups = list(demo["000"].participant_groups.filter(session=None))
    assert [group.kind for group in groups] == [
        GroupKind.NAMED,
        GroupKind.NAMED,
        GroupKind.FIXED,
        GroupKind.PER_UNIT,
    ]
    quota = groups[-1]
    assert quota.count == 4
    assert sorted(unit.place_name for unit in quota.units.all()) == [
        "Cao Lãnh",
        "Châu Thành",
        "Lai Vung",
        "Tháp Mười",
    ]
    assert [group.total for group in groups] == [1, 1, 1, 16]
    assert participant_total(groups) == 19


def test_seed_000_is_issued_by_cluster_2_led_by_thap_muoi_and_paid_by_its_home_affairs_office(demo):
    plan = demo["000"]
    assert plan.cluster.name == "Cụm thi đua 2"
    assert plan.cluster.head_for(2024).name == "Ủy ban nhân dân huyện Tháp Mười"
    assert plan.effective_place_name == "Tháp Mười"
    assert plan.budget_payer.name == "Phòng Nội vụ huyện Tháp Mười"
    assert str(plan.registration_deadline) == "2024-08-08"
    assert [duty.title for duty in plan.duties.all()] == [
        "Phòng Nội vụ huyện Tháp Mười (Cụm trưởng)",
        "Phòng Nội vụ các huyện (Lai Vung, Cao Lãnh và Châu Thành)",
    ]


def test_seed_002_has_two_classes_of_70_and_60_people(demo):
    sessions = list(demo["002"].sessions.all())
    assert [session.name for session in sessions] == ["Lớp thứ nhất", "Lớp thứ hai"]
    assert [participant_total(session.participant_groups.all()) for session in sessions] == [70, 60]


def test_seed_001_has_ten_activities_over_four_quarters_numbered_per_quarter(demo):
    plan = demo["001"]
    activities = list(plan.activities.all())
    quarters = [activity.effective_quarter for activity in activities]
    assert plan.activity_numbering == ActivityNumbering.PER_QUARTER
    assert len(activities) == 10
    assert [quarters.count(quarter) for quarter in (1, 2, 3, 4)] == [3, 2, 2, 3]
    assert quarters == sorted(quarters)


def test_seed_003_has_ten_activities_numbered_continuously(demo):
    plan = demo["003"]
    quarters = [activity.effective_quarter for activity in plan.activities.all()]
    assert plan.activity_numbering == ActivityNumbering.CONTINUOUS
    assert len(quarters) == 10
    assert [quarters.count(quarter) for quarter in (1, 2, 3, 4)] == [3, 4, 1, 2]


def test_seed_004_first_group_of_15_breaks_down_into_1_1_and_13(demo):
    group = demo["004"].participant_groups.filter(session=None).first()
    assert group.kind == GroupKind.PER_UNIT_TYPE
    assert group.count == 15
    assert [part.count for part in group.breakdown.all()] == [1, 1, 13]
    assert sum(part.count for part in group.breakdown.all()) == group.count


def test_seed_003_cites_the_issued_bac_son_district_plan_it_implements(demo):
    basis = demo["003"].legal_bases.get(referenced_plan__isnull=False)
    district_plan = basis.referenced_plan
    assert basis.form == LegalBasisForm.BASED_ON
    assert basis.text.startswith("Kế hoạch số 03/KH-UBND ngày 9/01/2024 của UBND huyện Bắc Sơn")
    assert district_plan.organization.name == "Ủy ban nhân dân huyện Bắc Sơn"
    assert district_plan.status == PlanStatus.ISSUED
    assert district_plan.full_symbol == "03/KH-UBND"
    assert str(district_plan.document_date) == "2024-01-09"
    assert district_plan.subject == "Công tác thi đua, khen thưởng năm 2024"


@pytest.mark.parametrize("key", SEED_KEYS)
def test_each_seed_is_a_draft_with_the_symbol_place_and_month_of_its_date_line(demo, key):
    plan = demo[key]
    text = seed_text(key)
    assert plan.number is None
    assert plan.date_day is None
    assert plan.status == PlanStatus.DRAFT
    date_line = re.search(r"^(.+), ngày\s+tháng (\d+) năm (\d{4})$", text, re.MULTILINE)
    if date_line is None:  # seed 002 has neither number nor date line
        assert (plan.date_month, plan.date_year) == (None, 2024)
        return
    assert re.search(rf"^Số: /{re.escape(plan.effective_symbol)}$", text, re.MULTILINE)
    place, month, year = date_line.groups()
    assert (plan.effective_place_name, plan.date_month, plan.date_year) == (place, int(month), int(year))


def test_district_bodies_end_the_day_before_districts_were_abolished(demo):
    districts = Organization.objects.filter(level="district")
    assert districts.count() == 11
    assert {str(district.valid_to) for district in districts} == {"2025-06-30"}


@pytest.mark.parametrize("key", SEED_KEYS)
def test_every_recipient_line_and_the_signer_name_of_each_seed_are_stored(demo, key):
    recipients, archive, signer = seed_footer(key)
    plan = demo[key]
    assert [recipient.text for recipient in plan.recipients.all()] == recipients
    assert plan.archive_note == archive
    assert plan.signer_name == signer


@pytest.mark.parametrize("key", SEED_KEYS)
def test_every_line_of_each_seed_is_stored_somewhere_in_its_plan(demo, key):
    haystack = "\n".join(normalize(text) for text in stored_texts(demo[key]) if text)
    missing = [words for words in seed_phrases(key) if not is_found(words, haystack)]
    assert missing == []


@pytest.mark.parametrize("key", SEED_KEYS)
def test_every_stored_paragraph_of_each_seed_comes_from_the_seed(demo, key):
    plan = demo[key]
    seed = normalize(seed_text(key))
    texts = [plan.preamble, plan.closing, plan.budget_source, *[b.text for b in plan.legal_bases.all()]]
    for section in plan.sections.all():
        texts += [section.heading, *section.body.splitlines()]
    for duty in plan.duties.all():
        texts += [duty.title, *duty.body.splitlines()]
    invented = [text for text in texts if text.strip() and phrase(text) not in seed]
    assert invented == []


def test_loading_the_demo_twice_changes_nothing(demo):
    before = snapshot()
    again = load_demo()
    assert {key: plan.pk for key, plan in again.items()} == {key: plan.pk for key, plan in demo.items()}
    assert snapshot() == before


def test_a_second_run_creates_no_rows_and_no_files(settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # each run commits, as loaddemo's does
        load_demo()
    counts = {label: len(rows) for label, rows in snapshot().items()}
    files = sorted(Path(settings.MEDIA_ROOT).rglob("*"))
    assert files  # the issued plan's PDF
    with django_capture_on_commit_callbacks(execute=True):
        load_demo()
    assert {label: len(rows) for label, rows in snapshot().items()} == counts
    assert sorted(Path(settings.MEDIA_ROOT).rglob("*")) == files


def test_the_issued_demo_plan_keeps_its_pdf_with_a_matching_sha256(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # as when loaddemo's transaction commits
        load_demo()
    document = IssuedDocument.objects.get(plan__organization__name="Ủy ban nhân dân huyện Bắc Sơn")
    pdf = document.pdf_bytes()
    assert pdf.startswith(b"%PDF")
    assert hashlib.sha256(pdf).hexdigest() == document.sha256
    assert document.context["meta"]["number"] == 3
    assert document.issued_by.username == "admin"


def test_the_issued_demo_plans_went_through_the_workflow(demo):
    plans = Plan.objects.filter(status=PlanStatus.ISSUED)
    assert len(plans) == 2  # the district plan that seed 003 cites, and this year's cluster plan
    for plan in plans:
        actions = list(plan.audit_entries.values_list("action", flat=True))
        assert actions[0] == AuditAction.CREATED
        assert actions[-3:] == [AuditAction.SUBMITTED, AuditAction.APPROVED, AuditAction.ISSUED]


def test_each_demo_plan_change_log_starts_with_its_creation_by_a_demo_user(demo):
    demo_usernames = {username for username, _, _ in DEMO_USERS}
    plans = Plan.objects.all()
    # Six plans of the seeds, three of this year; and the papers of the emulation year.
    assert sorted(plan.document_type for plan in plans) == ["compact", *["plan"] * 9, "registration"]
    for plan in plans:
        first = plan.audit_entries.select_related("actor").first()
        assert first.action == AuditAction.CREATED
        assert first.actor.username in demo_usernames
    assert demo["000"].audit_entries.first().actor.username == "soanthao"


def test_loaddemo_refuses_to_run_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("loaddemo", stdout=io.StringIO())
    assert not Plan.objects.exists()


def test_loaddemo_with_force_loads_the_demo_and_summarises_it(settings):
    settings.DEBUG = False
    out = io.StringIO()
    call_command("loaddemo", "--force", stdout=out)
    # The five seeds, the district plan that seed 003 cites, this year's three (besides the
    # emulation year's papers: a commune's registration and the cluster's compact).
    assert Plan.objects.filter(document_type="plan").count() == 9
    assert "Đã nạp dữ liệu mẫu." in out.getvalue()
    assert "Tập huấn nghiệp vụ công tác thi đua, khen thưởng năm 2024" in out.getvalue()


def test_loaddemo_runs_without_force_when_debug_is_on(settings):
    settings.DEBUG = True
    call_command("loaddemo", stdout=io.StringIO())
    assert Plan.objects.filter(document_type="plan").count() == 9


@pytest.mark.parametrize("username", [username for username, _, _ in DEMO_USERS])
def test_every_demo_user_can_sign_in_with_the_demo_password(demo, client, username):
    response = client.post(reverse("login"), {"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("home")


def test_each_demo_user_holds_the_role_of_its_unit(demo):
    assert get_user_model().objects.get(username="admin").is_superuser
    roles = {
        (staff.user.username, staff.organization.name, staff.role)
        for staff in Staff.objects.select_related("user", "organization")
    }
    # The bodies of today: the seeds' drafter's role at the district's office was carried to the
    # commune's Phòng Văn hóa - Xã hội when the district was reorganised.
    assert roles == {
        ("soanthao", "Phòng Văn hóa - Xã hội xã Tháp Mười", "drafter"),
        ("pheduyet", "Ủy ban nhân dân xã Tháp Mười", "approver"),
        ("vanthu", "Ủy ban nhân dân xã Tháp Mười", "clerk"),
        ("thanhvien", "Ủy ban nhân dân xã Mỹ Quý", "member_staff"),
        ("soanthao_myquy", "Ủy ban nhân dân xã Mỹ Quý", "drafter"),
        ("pheduyet_myquy", "Ủy ban nhân dân xã Mỹ Quý", "approver"),
        ("vanthu_myquy", "Ủy ban nhân dân xã Mỹ Quý", "clerk"),
        ("thanhvien_laivung", "Ủy ban nhân dân xã Lai Vung", "member_staff"),
        ("giamsat", "Ủy ban nhân dân tỉnh Đồng Tháp", "overseer"),
        ("quantri", "Ủy ban nhân dân tỉnh Đồng Tháp", "overseer"),
        ("quantri", "Ủy ban nhân dân tỉnh Đồng Tháp", "staff_admin"),
        ("quantrixa", "Ủy ban nhân dân xã Tháp Mười", "staff_admin"),
    }
    provincial_admin = get_user_model().objects.get(username="quantri")
    assert (provincial_admin.is_staff, provincial_admin.is_superuser) == (True, False)
    assert provincial_admin.has_perm("clusters.change_organization")


@pytest.mark.parametrize("turn", [1, 2])
def test_a_change_one_test_makes_to_the_shared_demo_is_gone_in_the_next(demo, turn):
    """The demo is loaded once per test process (tests/conftest.py); whichever turn runs second
    fails if the first one's change, in the database or in the instances, leaked into it."""
    plan = demo["001"]
    assert "(thử lượt" not in plan.subject
    assert not Plan.objects.filter(subject__contains="(thử lượt").exists()
    plan.subject += f" (thử lượt {turn})"
    plan.save(update_fields=["subject"])
