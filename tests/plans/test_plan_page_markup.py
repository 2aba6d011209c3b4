"""The plan page shows texts typed in the light markup as the document prints them, never raw
asterisks, and escapes everything else."""

import pytest
from django.template import Context, Template
from django.urls import reverse

from activities.choices import PeriodKind
from activities.models import Activity, ParticipantGroup
from plans.choices import SectionBlock
from plans.models import Duty, Section

pytestmark = pytest.mark.django_db

TYPED = '**Chủ trì** tổ chức <script>alert(1)</script>\n- Tuyên truyền *rộng rãi*\n+ Ý con & "trích dẫn"'


def test_the_markup_filter_prints_bold_bullets_and_sub_items_and_escapes_the_rest():
    html = Template("{% load plans_extras %}{{ text|markup }}").render(Context({"text": TYPED}))
    assert html == (
        '<div class="markup"><p class="p"><strong>Chủ trì</strong> tổ chức '
        "&lt;script&gt;alert(1)&lt;/script&gt;</p>"
        '<p class="bullet">- Tuyên truyền <em>rộng rãi</em></p>'
        '<p class="sub-bullet">+ Ý con &amp; &quot;trích dẫn&quot;</p></div>'
    )


def test_an_empty_text_prints_nothing():
    assert Template("{% load plans_extras %}{{ text|markup }}").render(Context({"text": ""})) == ""


def test_the_plan_page_renders_the_markup_of_duties_activities_budget_and_groups(client, user, plan):
    Section.objects.create(plan=plan, order=1, heading="Nội dung", block=SectionBlock.ACTIVITIES)
    Duty.objects.create(plan=plan, order=1, title="Văn phòng", body=TYPED)
    Activity.objects.create(
        plan=plan, order=1, content="**Hội nghị** sơ kết", period_kind=PeriodKind.QUARTER, quarter=2,
        implementers_text="- Phòng Nội vụ\n+ **Tổ** thi đua",
    )  # fmt: skip
    ParticipantGroup.objects.create(plan=plan, order=1, kind="fixed", description="**Lãnh đạo** xã", count=3)
    plan.budget_source = "Ngân sách **huyện**"
    plan.save()
    client.force_login(user)
    html = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "**" not in html
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    for shown in (
        "<strong>Chủ trì</strong>",
        '<p class="bullet">- Tuyên truyền <em>rộng rãi</em></p>',
        '<p class="sub-bullet">+ Ý con &amp; &quot;trích dẫn&quot;</p>',
        "<strong>Hội nghị</strong> sơ kết",
        '<p class="sub-bullet">+ <strong>Tổ</strong> thi đua</p>',
        "<strong>Lãnh đạo</strong> xã",
        "Ngân sách <strong>huyện</strong>",
    ):
        assert shown in html
