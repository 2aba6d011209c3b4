"""The header marks the section of the page shown (aria-current), one section per page."""

import re

import pytest
from django.urls import reverse

from emulation import urls as emulation_urls
from plans.context_processors import EMULATION_SECTIONS

pytestmark = pytest.mark.django_db


def current_links(response) -> list[str]:
    nav = response.content.decode().split('aria-label="Điều hướng chính"')[1].split("</nav>")[0]
    return re.findall(r'aria-current="page">([^<]+)', nav)


def test_every_page_of_the_emulation_app_belongs_to_one_section():
    names = [f"emulation:{pattern.name}" for pattern in emulation_urls.urlpatterns]
    for name in names:
        holding = [section for section, views in EMULATION_SECTIONS.items() if name in views]
        assert len(holding) == 1, name


@pytest.mark.parametrize(
    ("url_name", "section"),
    [
        ("emulation:criteria_tables", "Chấm điểm thi đua"),
        ("emulation:meeting_list", "Bình xét"),
        ("emulation:call_list", "Thi đua"),
        ("plans:notifications", "Thông báo"),
        ("plans:registers", "Sổ văn bản"),
        ("plans:list", "Kế hoạch"),
    ],
)
def test_a_page_marks_its_own_section_and_no_other(client, world, url_name, section):
    client.force_login(world.users["approver"])
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    assert current_links(response) == [section]
