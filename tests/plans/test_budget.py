"""The budget after issue: contributions that add up to the estimate, actual spending, and the
disclosure every member unit of the cluster reads."""

import datetime
import re
from decimal import Decimal
from html import unescape
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from common.errors import ServiceError
from plans import services
from plans.budget import expenses as spending
from plans.budget.summary import budget_queryset, budget_summary
from plans.models import BudgetContribution, BudgetExpense, BudgetLine, Plan
from plans.services import RowInput
from tests.plans.test_editing_views import edit_url, form_data, new_row

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


# ---------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------
def add_budget(plan: Plan, world) -> None:
    """Two cost lines (8.000.000 + 2.000.000 đồng) and the two member units' equal shares."""
    BudgetLine.objects.create(
        plan=plan, order=1, item="Thuê xe", quantity=2, unit="chuyến", unit_price=4_000_000
    )
    BudgetLine.objects.create(plan=plan, order=2, item="Tài liệu", quantity=20, unit="bộ", unit_price=100_000)
    BudgetContribution.objects.create(plan=plan, organization=world.own, amount=5_000_000, note="đã nộp")
    BudgetContribution.objects.create(plan=plan, organization=world.member, amount=5_000_000)


@pytest.fixture
def plan(world) -> Plan:
    """The cluster's plan, issued, with an estimate of 10.000.000 đồng shared by its two members."""
    plan = world.cluster_plan
    Plan.objects.filter(pk=plan.pk).update(status="issued", number=5, date_day=5, date_month=7)
    plan.refresh_from_db()
    add_budget(plan, world)
    return plan


def expense(plan: Plan, world, amount: int = 1_000_000, *, item="Thuê xe lượt đi", line=None, day=None):
    return BudgetExpense.objects.create(
        plan=plan,
        budget_line=line,
        item=item,
        amount=Decimal(amount),
        spent_on=day or TODAY,
        created_by=world.users["drafter"],
    )


def signed_in(client, world, role: str):
    client.force_login(world.users[role])
    return client


def text_of(response) -> str:
    """The page's text without tags, entities decoded, spaces collapsed."""
    html = re.sub(r"<script.*?</script>|<style.*?</style>", " ", response.content.decode(), flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def field_errors(response, name: str) -> list[str]:
    """The messages shown next to the form field `name`."""
    return [
        unescape(message)
        for message in re.findall(
            rf'<p class="error" id="id_{name}_error">(.*?)</p>', response.content.decode()
        )
    ]


# ---------------------------------------------------------------------------
# Contributions must add up to the estimate
# ---------------------------------------------------------------------------
def budget_parts(world, amounts: list[int]) -> dict:
    lines = [
        RowInput(
            key="l0",
            position=1,
            values={"item": "Thuê xe", "quantity": Decimal(2), "unit_price": Decimal(4_000_000)},
        ),
        RowInput(
            key="l1",
            position=2,
            values={"item": "Tài liệu", "quantity": Decimal(20), "unit_price": Decimal(100_000)},
        ),
    ]
    units = [world.own, world.member]
    contributions = [
        RowInput(key=f"m{index}", values={"organization": units[index], "amount": Decimal(amount)})
        for index, amount in enumerate(amounts)
    ]
    return {"budget_lines": lines, "contributions": contributions}


def test_contributions_short_of_the_estimate_are_refused_with_both_totals_and_the_difference(world):
    plan = world.own_plan
    with pytest.raises(ServiceError) as error:
        services.plan_update(
            plan=plan,
            user=world.users["drafter"],
            fields={},
            parts=budget_parts(world, [5_000_000, 4_000_000]),
        )
    assert error.value.rows == {
        "m1": {
            "amount": [
                "Tổng đóng góp của các đơn vị là 9.000.000 đồng, thiếu 1.000.000 đồng so với tổng kinh phí "
                "dự toán 10.000.000 đồng. Tổng đóng góp phải bằng tổng dự toán: sửa số tiền đóng góp hoặc "
                "các dòng dự toán."
            ]
        }
    }
    assert not plan.budget_lines.exists()
    assert not plan.contributions.exists()


def test_contributions_over_the_estimate_say_by_how_much(world):
    with pytest.raises(ServiceError) as error:
        services.plan_update(
            plan=world.own_plan,
            user=world.users["drafter"],
            fields={},
            parts=budget_parts(world, [6_000_000, 5_000_000]),
        )
    [message] = error.value.rows["m1"]["amount"]
    assert "là 11.000.000 đồng, thừa 1.000.000 đồng so với tổng kinh phí dự toán 10.000.000 đồng" in message


def test_contributions_equal_to_the_estimate_are_saved(world):
    plan = services.plan_update(
        plan=world.own_plan,
        user=world.users["drafter"],
        fields={},
        parts=budget_parts(world, [5_000_000] * 2),
    )
    assert sorted(plan.contributions.values_list("amount", flat=True)) == [5_000_000, 5_000_000]


def test_contributions_without_cost_lines_are_a_pooled_fund_and_are_saved(world):
    parts = budget_parts(world, [3_000_000, 2_000_000])
    parts["budget_lines"] = []
    plan = services.plan_update(plan=world.own_plan, user=world.users["drafter"], fields={}, parts=parts)
    assert plan.contributions.count() == 2


def test_changing_only_the_cost_lines_is_checked_against_the_stored_contributions(world):
    plan = world.own_plan
    services.plan_update(
        plan=plan, user=world.users["drafter"], fields={}, parts=budget_parts(world, [5_000_000] * 2)
    )
    lines = [RowInput(key="l0", position=1, values={"item": "Thuê xe", "unit_price": Decimal(7_000_000)})]
    with pytest.raises(ServiceError) as error:
        services.plan_update(plan=plan, user=world.users["drafter"], fields={}, parts={"budget_lines": lines})
    [message] = error.value.errors[None]
    assert message.startswith("Tổng đóng góp của các đơn vị là 10.000.000 đồng, thừa 3.000.000 đồng")


def test_the_edit_page_shows_the_mismatch_at_the_contributions_and_keeps_what_was_typed(client, world):
    plan = world.own_plan
    signed_in(client, world, "drafter")
    data = form_data(client.get(edit_url(plan)))
    new_row(
        data, "budget_lines", ordinal=1, item="Thuê xe", quantity="2", unit="chuyến", unit_price="4.000.000"
    )
    new_row(data, "contributions", organization=str(world.own.pk), amount="5.000.000", note="")
    prefix = new_row(data, "contributions", organization=str(world.member.pk), amount="2.500.000", note="")

    response = client.post(edit_url(plan), data)

    assert response.status_code == 200
    page = response.content.decode()
    row = page[page.index(f'id="row-{prefix}"') :]
    row = row[: row.index("</fieldset>")]
    assert "thiếu 500.000 đồng so với tổng kinh phí dự toán 8.000.000 đồng" in unescape(row)
    assert 'value="2.500.000"' in row  # what was typed is still there
    assert not plan.contributions.exists()


# ---------------------------------------------------------------------------
# Expenses: the service
# ---------------------------------------------------------------------------
def test_an_expense_is_recorded_with_who_entered_it(plan, world):
    line = plan.budget_lines.get(order=1)
    recorded = spending.expense_add(
        plan=plan,
        user=world.users["approver"],
        item="  Thuê xe   lượt đi ",
        amount=Decimal(3_500_000),
        spent_on=TODAY,
        budget_line=line,
        note="HĐ 12/2024",
    )
    recorded.refresh_from_db()
    assert (recorded.item, recorded.amount, recorded.budget_line, recorded.created_by) == (
        "Thuê xe lượt đi",
        Decimal(3_500_000),
        line,
        world.users["approver"],
    )


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"item": "   "}, "item", spending.ITEM_REQUIRED_MESSAGE),
        ({"amount": None}, "amount", "Nhập số tiền đã chi."),
        ({"amount": Decimal(-1)}, "amount", "Số tiền không được âm."),
        ({"amount": Decimal("1000.5")}, "amount", "Số tiền tính bằng đồng, không có phần lẻ."),
        ({"amount": Decimal(10) ** 16}, "amount", "Số tiền quá lớn (tối đa 15 chữ số)."),
        ({"spent_on": None}, "spent_on", "Nhập ngày chi (ngày/tháng/năm)."),
        (
            {"spent_on": TODAY + datetime.timedelta(days=1)},
            "spent_on",
            f"Ngày chi không được sau hôm nay ({TODAY:%d/%m/%Y}).",
        ),
        (
            {"spent_on": datetime.date(2022, 12, 31)},
            "spent_on",
            "Ngày chi của kế hoạch năm 2024 không thể trước ngày 01/01/2023.",
        ),
        ({"note": "x" * 301}, "note", None),
    ],
)
def test_a_wrong_expense_is_refused_by_field_and_nothing_is_saved(plan, world, values, field, message):
    fields = {"item": "Thuê xe", "amount": Decimal(1000), "spent_on": TODAY, **values}
    with pytest.raises(ServiceError) as error:
        spending.expense_add(plan=plan, user=world.users["drafter"], **fields)
    assert list(error.value.errors) == [field]
    if message is not None:
        assert error.value.errors[field] == [message]
    assert not plan.expenses.exists()


def test_a_cost_line_of_another_plan_is_refused(plan, world):
    foreign = BudgetLine.objects.create(plan=world.other_plan, order=1, item="Khác", unit_price=1)
    with pytest.raises(ServiceError) as error:
        spending.expense_add(
            plan=plan, user=world.users["drafter"], item="Xe", amount=1, spent_on=TODAY, budget_line=foreign
        )
    assert error.value.errors == {"budget_line": [spending.LINE_NOT_OF_PLAN_MESSAGE]}


@pytest.mark.parametrize("role", ["clerk", "member_staff", "overseer"])
def test_only_the_organisers_drafters_and_leaders_enter_spending(plan, world, role):
    # Refused on the locked plan: a message (the pages answer 403 before the service is called).
    with pytest.raises(ServiceError, match="Chỉ chuyên viên, lãnh đạo của UBND huyện Tháp Mười"):
        spending.expense_add(plan=plan, user=world.users[role], item="Xe", amount=1, spent_on=TODAY)
    assert not plan.expenses.exists()


def test_spending_waits_for_the_plan_to_be_issued(world):
    with pytest.raises(ServiceError, match=r"Chỉ nhập thực chi được khi kế hoạch đã ban hành\."):
        spending.expense_add(
            plan=world.own_plan, user=world.users["drafter"], item="Xe", amount=1, spent_on=TODAY
        )


def test_the_plan_is_asked_again_when_locked_so_a_stale_page_gets_the_reason(plan, world):
    mine = expense(plan, world)
    Plan.objects.filter(pk=plan.pk).update(status="approved")  # `plan` still says issued
    with pytest.raises(ServiceError, match=r"Chỉ nhập thực chi được khi kế hoạch đã ban hành\."):
        spending.expense_add(plan=plan, user=world.users["drafter"], item="Xe", amount=1, spent_on=TODAY)
    with pytest.raises(ServiceError, match=r"Chỉ nhập thực chi được khi kế hoạch đã ban hành\."):
        spending.expense_delete(plan=plan, user=world.users["drafter"], expense_id=mine.pk)
    assert list(plan.expenses.all()) == [mine]


def test_an_expense_is_deleted_only_from_its_own_plan(plan, world):
    mine = expense(plan, world)
    foreign = expense(world.other_plan, world)
    with pytest.raises(ServiceError, match=re.escape(spending.EXPENSE_GONE_MESSAGE)):
        spending.expense_delete(plan=plan, user=world.users["drafter"], expense_id=foreign.pk)
    spending.expense_delete(plan=plan, user=world.users["drafter"], expense_id=mine.pk)
    assert list(BudgetExpense.objects.all()) == [foreign]


# ---------------------------------------------------------------------------
# The figures
# ---------------------------------------------------------------------------
def test_the_summary_gives_every_total_per_line_and_per_unit_with_words(plan, world):
    car, books = plan.budget_lines.order_by("order")
    expense(plan, world, 4_500_000, line=car)
    expense(plan, world, 4_000_000, line=car)
    expense(plan, world, 1_500_000, line=books)
    expense(plan, world, 250_000, item="Nước uống")
    loaded = budget_queryset().get(pk=plan.pk)

    summary = budget_summary(loaded)

    assert [
        (row.item, row.estimate.value, row.actual.value, row.difference.value) for row in summary.lines
    ] == [
        ("Thuê xe", 8_000_000, 8_500_000, -500_000),
        ("Tài liệu", 2_000_000, 1_500_000, 500_000),
        ("Chi khác (ngoài các dòng dự toán)", 0, 250_000, -250_000),
    ]
    assert [(row.organization.name, row.amount.text) for row in summary.contributions] == [
        ("Ủy ban nhân dân huyện Lai Vung", "5.000.000 đồng"),
        ("Ủy ban nhân dân huyện Tháp Mười", "5.000.000 đồng"),
    ]
    assert (summary.estimate.text, summary.contributed.text, summary.actual.text) == (
        "10.000.000 đồng",
        "10.000.000 đồng",
        "10.250.000 đồng",
    )
    assert summary.difference.value == -250_000
    assert summary.difference.magnitude.words == "Hai trăm năm mươi nghìn đồng"
    assert summary.actual.words == "Mười triệu hai trăm năm mươi nghìn đồng"
    assert summary.contributions_match


# ---------------------------------------------------------------------------
# The spending page
# ---------------------------------------------------------------------------
def expenses_url(plan) -> str:
    return reverse("budget:expenses", args=[plan.pk])


def test_the_organiser_records_an_expense_from_the_page(client, plan, world):
    signed_in(client, world, "drafter")
    line = plan.budget_lines.get(order=1)
    response = client.post(
        expenses_url(plan),
        {
            "budget_line": str(line.pk),
            "item": "Thuê xe lượt về",
            "amount": "4.000.000",
            "spent_on": TODAY.strftime("%d/%m/%Y"),
            "note": "HĐ 15",
        },
        follow=True,
    )
    assert response.redirect_chain == [(expenses_url(plan), 302)]
    text = text_of(response)
    assert "Đã ghi khoản chi “Thuê xe lượt về”: 4.000.000 đồng." in text
    assert "Thuê xe lượt về Thuê xe 4.000.000 đồng HĐ 15" in text
    assert "Tổng thực chi (1 khoản) 4.000.000 đồng Bốn triệu đồng" in text
    assert plan.expenses.get().budget_line == line


GARBAGE = [
    ({"amount": "abc"}, "amount", "Nhập số tiền bằng chữ số, ví dụ 1.250.000."),
    ({"amount": "-5"}, "amount", "Số tiền không được âm."),
    ({"amount": "1,5"}, "amount", "Số tiền tính bằng đồng, không có phần lẻ."),
    ({"amount": "9" * 40}, "amount", "Số tiền quá lớn (tối đa 15 chữ số)."),
    ({"amount": "NaN"}, "amount", None),
    ({"amount": "1e400"}, "amount", None),
    ({"amount": ""}, "amount", "Nhập số tiền đã chi."),
    (
        {"spent_on": "31/02/2024"},
        "spent_on",
        "Ngày không hợp lệ; nhập theo dạng ngày/tháng/năm, ví dụ 05/8/2024.",
    ),
    ({"spent_on": "hôm qua"}, "spent_on", None),
    ({"spent_on": "01/01/99999"}, "spent_on", None),
    (
        {"spent_on": "01/01/1900"},
        "spent_on",
        "Ngày chi của kế hoạch năm 2024 không thể trước ngày 01/01/2023.",
    ),
    ({"spent_on": ""}, "spent_on", "Nhập ngày chi (ngày/tháng/năm)."),
    ({"item": ""}, "item", spending.ITEM_REQUIRED_MESSAGE),
    ({"item": "x" * 301}, "item", None),
    ({"note": "y" * 301}, "note", None),
    ({"budget_line": "999999"}, "budget_line", "Chọn một dòng trong dự toán của kế hoạch, hoặc để trống."),
    ({"budget_line": "abc"}, "budget_line", None),
    ({"budget_line": "<script>"}, "budget_line", None),
]


@pytest.mark.parametrize(("values", "field", "message"), GARBAGE)
def test_garbage_input_is_shown_again_with_a_message_next_to_the_field(
    client, plan, world, values, field, message
):
    signed_in(client, world, "approver")
    data = {"item": "Thuê xe", "amount": "1.000.000", "spent_on": TODAY.strftime("%d/%m/%Y"), **values}
    response = client.post(expenses_url(plan), data)
    assert response.status_code == 200
    errors = field_errors(response, field)
    assert errors, f"no message next to {field}"
    if message is not None:
        assert errors == [message]
    kept = data["item"]
    assert f'value="{kept}"' in response.content.decode() or field == "item"
    assert not plan.expenses.exists()


def test_a_post_without_any_field_says_what_is_missing(client, plan, world):
    signed_in(client, world, "drafter")
    response = client.post(expenses_url(plan), {})
    assert response.status_code == 200
    assert field_errors(response, "item") == [spending.ITEM_REQUIRED_MESSAGE]
    assert field_errors(response, "amount") == ["Nhập số tiền đã chi."]
    assert field_errors(response, "spent_on") == ["Nhập ngày chi (ngày/tháng/năm)."]


def test_an_expense_on_an_estimate_line_takes_the_lines_wording_unless_typed(client, plan, world):
    signed_in(client, world, "drafter")
    line = plan.budget_lines.get(order=1)
    data = {"budget_line": str(line.pk), "item": "", "amount": "1.000", "spent_on": f"{TODAY:%d/%m/%Y}"}
    client.post(expenses_url(plan), data)
    client.post(expenses_url(plan), {**data, "item": "Thuê xe lượt về"})
    assert list(plan.expenses.order_by("pk").values_list("item", flat=True)) == [line.item, "Thuê xe lượt về"]


def test_every_wrong_field_is_named_in_one_round(client, plan, world):
    signed_in(client, world, "drafter")
    tomorrow = TODAY + datetime.timedelta(days=1)
    data = {"item": "", "amount": "mười nghìn", "spent_on": f"{tomorrow:%d/%m/%Y}", "note": "HĐ 7"}
    response = client.post(expenses_url(plan), data)
    assert field_errors(response, "amount") == ["Nhập số tiền bằng chữ số, ví dụ 1.250.000."]
    assert field_errors(response, "item") == [spending.ITEM_REQUIRED_MESSAGE]
    assert field_errors(response, "spent_on") == [f"Ngày chi không được sau hôm nay ({TODAY:%d/%m/%Y})."]
    assert 'value="mười nghìn"' in response.content.decode()
    assert not plan.expenses.exists()


def test_a_future_date_is_refused_next_to_the_date(client, plan, world):
    signed_in(client, world, "drafter")
    tomorrow = TODAY + datetime.timedelta(days=1)
    data = {"item": "Xe", "amount": "10", "spent_on": tomorrow.strftime("%d/%m/%Y")}
    response = client.post(expenses_url(plan), data)
    assert field_errors(response, "spent_on") == [f"Ngày chi không được sau hôm nay ({TODAY:%d/%m/%Y})."]
    assert f'value="{tomorrow:%d/%m/%Y}"' in response.content.decode()


def test_an_expense_is_deleted_from_the_page(client, plan, world):
    entry = expense(plan, world, item="Ghi nhầm")
    signed_in(client, world, "approver")
    response = client.post(reverse("budget:expense_delete", args=[plan.pk, entry.pk]), follow=True)
    assert "Đã xoá khoản chi “Ghi nhầm”: 1.000.000 đồng." in text_of(response)
    assert not plan.expenses.exists()
    again = client.post(reverse("budget:expense_delete", args=[plan.pk, entry.pk]))
    assert again.status_code == 404


def test_deleting_an_expense_asks_first_and_a_look_deletes_nothing(client, plan, world):
    entry = expense(plan, world, item="Ghi nhầm")
    signed_in(client, world, "approver")
    listing = client.get(expenses_url(plan)).content.decode()
    url = reverse("budget:expense_delete", args=[plan.pk, entry.pk])
    assert f'<a class="button small" href="{url}">' in listing  # a link to the question, not a button
    question = client.get(url)
    assert question.status_code == 200
    assert "Xoá khoản chi “Ghi nhầm”?" in text_of(question)
    assert plan.expenses.filter(pk=entry.pk).exists()


def test_another_plans_expense_cannot_be_deleted_through_this_plan(client, plan, world):
    foreign = expense(world.other_plan, world)
    signed_in(client, world, "admin")
    response = client.post(reverse("budget:expense_delete", args=[plan.pk, foreign.pk]))
    assert response.status_code == 404
    assert BudgetExpense.objects.filter(pk=foreign.pk).exists()


def test_names_typed_by_users_are_escaped(client, plan, world):
    expense(plan, world, item='<script>alert("x")</script> & co')
    signed_in(client, world, "drafter")
    for url in (expenses_url(plan), reverse("budget:disclosure", args=[plan.pk])):
        page = client.get(url).content.decode()
        assert "<script>alert" not in page
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co" in page


# ---------------------------------------------------------------------------
# The disclosure
# ---------------------------------------------------------------------------
def test_a_member_unit_reads_the_disclosure_with_every_figure_and_its_words(client, plan, world):
    car = plan.budget_lines.get(order=1)
    expense(plan, world, 8_200_000, item="Thuê xe hai lượt", line=car, day=datetime.date(2024, 8, 20))
    signed_in(client, world, "member_staff")

    response = client.get(reverse("budget:disclosure", args=[plan.pk]))

    assert response.status_code == 200
    text = text_of(response)
    assert "Tổng dự toán 10.000.000 đồng Mười triệu đồng" in text
    assert "Tổng đóng góp của các đơn vị 10.000.000 đồng Mười triệu đồng" in text
    assert "Tổng thực chi (1 khoản) 8.200.000 đồng Tám triệu hai trăm nghìn đồng" in text
    assert "Còn lại so với dự toán 1.800.000 đồng Một triệu tám trăm nghìn đồng" in text
    assert "Thuê xe 2 chuyến 4.000.000 đồng 8.000.000 đồng" in text
    assert "Ủy ban nhân dân huyện Tháp Mười 5.000.000 đồng đã nộp" in text
    assert "Thuê xe (1 khoản) 8.000.000 đồng 8.200.000 đồng vượt 200.000 đồng" in text
    assert "20/08/2024 Thuê xe hai lượt Thuê xe 8.200.000 đồng" in text
    # A reader sees no buttons to change anything, nor who typed the rows.
    assert "Nhập thực chi" not in text
    assert "Xoá" not in text
    assert world.users["drafter"].username not in text


def test_the_disclosure_workbook_has_the_same_figures_and_keeps_formulas_as_text(client, plan, world):
    expense(plan, world, 300_000, item='=HYPERLINK("http://x")')
    signed_in(client, world, "member_staff")
    response = client.get(reverse("budget:disclosure_xlsx", args=[plan.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(response.content)).active
    rows = [[cell for cell in row if cell is not None] for row in sheet.iter_rows(values_only=True)]
    assert ["Thuê xe", 8_000_000, 0, 8_000_000] in rows
    assert ["Tổng cộng", 10_000_000, 300_000, 9_700_000] in rows
    assert ["Ủy ban nhân dân huyện Tháp Mười", 5_000_000, "đã nộp"] in rows
    cell = next(cell for row in sheet.iter_rows() for cell in row if cell.value == '=HYPERLINK("http://x")')
    assert cell.data_type == "s"


def test_the_disclosure_workbook_keeps_its_headings_widths_and_formats(client, plan, world):
    expense(plan, world, 300_000, day=datetime.date(2024, 8, 20))
    signed_in(client, world, "drafter")
    response = client.get(reverse("budget:disclosure_xlsx", args=[plan.pk]))
    assert response["Content-Disposition"].startswith("attachment")
    assert "cong-khai-kinh-phi-giao-luu-hoc-tap-kinh-nghiem.xlsx" in response["Content-Disposition"]
    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet.title == "Công khai kinh phí"
    column = [row[0] for row in sheet.iter_rows(values_only=True)]
    assert column[:4] == [
        f"Công khai kinh phí: {plan.subject}",
        f"{plan.full_symbol} – {plan.issuer}",
        None,
        "1. Dự toán và thực chi theo từng nội dung",
    ]
    assert "2. Đóng góp của các đơn vị" in column
    assert "3. Các khoản thực chi" in column
    assert sheet["A1"].font.bold
    assert [sheet.column_dimensions[letter].width for letter in "ABCD"] == [48, 18, 18, 22]
    spent = next(row for row in sheet.iter_rows() if row[0].value == "Thuê xe lượt đi")
    assert (spent[1].value.date(), spent[1].number_format, spent[2].number_format) == (
        datetime.date(2024, 8, 20),
        "dd/mm/yyyy",
        "#,##0",
    )
    total = next(row for row in sheet.iter_rows() if row[0].value == "Tổng cộng")
    assert [cell.number_format for cell in total[1:4]] == ["#,##0"] * 3


def test_a_draft_plans_disclosure_shows_the_estimate_and_says_spending_comes_after_issue(client, world):
    plan = world.own_plan
    add_budget(plan, world)
    signed_in(client, world, "drafter")
    text = text_of(client.get(reverse("budget:disclosure", args=[plan.pk])))
    assert "Kế hoạch chưa ban hành" in text
    assert "Tổng dự toán 10.000.000 đồng" in text


def test_mismatched_contributions_stored_before_the_rule_are_pointed_out(client, plan, world):
    BudgetContribution.objects.filter(plan=plan, organization=world.member).update(amount=1_000_000)
    signed_in(client, world, "drafter")
    text = text_of(client.get(reverse("budget:disclosure", args=[plan.pk])))
    assert "Tổng đóng góp của các đơn vị (6.000.000 đồng) khác tổng dự toán (10.000.000 đồng)." in text


# ---------------------------------------------------------------------------
# The plan page's panel
# ---------------------------------------------------------------------------
def test_the_plan_page_shows_the_totals_and_links_for_what_the_user_may_do(client, plan, world):
    expense(plan, world, 2_000_000)
    signed_in(client, world, "drafter")
    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "Kinh phí: dự toán, đóng góp và thực chi" in page
    assert reverse("budget:expenses", args=[plan.pk]) in page
    assert reverse("budget:disclosure", args=[plan.pk]) in page
    assert "Tổng thực chi (1 khoản)" in page
    signed_in(client, world, "member_staff")
    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert reverse("budget:disclosure", args=[plan.pk]) in page
    assert reverse("budget:expenses", args=[plan.pk]) not in page


def test_a_plan_not_yet_issued_has_no_budget_panel(client, world):
    add_budget(world.own_plan, world)
    signed_in(client, world, "drafter")
    page = client.get(reverse("plans:detail", args=[world.own_plan.pk])).content.decode()
    assert "Kinh phí: dự toán, đóng góp và thực chi" not in page


# ---------------------------------------------------------------------------
# Queries do not grow with the rows
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "name", ["budget:expenses", "budget:disclosure", "budget:disclosure_xlsx", "plans:detail"]
)
def test_pages_run_the_same_queries_for_1_or_30_expenses(client, plan, world, name):
    signed_in(client, world, "drafter")
    line = plan.budget_lines.get(order=1)
    expense(plan, world, line=line)
    url = reverse(name, args=[plan.pk])
    client.get(url)  # warm the session and the caches
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for index in range(29):
        expense(plan, world, 1000 + index, item=f"Khoản {index}", line=line if index % 2 else None)
    with CaptureQueriesContext(connection) as thirty:
        response = client.get(url)
    assert response.status_code == 200
    assert len(thirty) == len(one), [query["sql"] for query in thirty.captured_queries]
