"""Every main page, for every role, is valid HTML (the Nu HTML checker finds no error) and has no
serious or critical accessibility issue (axe-core)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tests.browser.helpers import main_pages, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

VNU = Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def nu_errors(folder: Path) -> list[tuple[str, int, str]]:
    """(file, line, message) of each error the Nu HTML checker finds in the folder's pages."""
    java = shutil.which("java")
    if java is None or not VNU.exists():
        pytest.fail("The Nu HTML checker needs Java and node_modules/vnu-jar: run `bash scripts/test.sh`.")
    result = subprocess.run(  # noqa: S603 - fixed arguments, our own pages
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html", str(folder)],
        capture_output=True,
        text=True,
        timeout=240,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [(Path(m.get("url", "")).name, m.get("lastLine", 0), m["message"]) for m in messages]


def test_every_main_page_is_valid_html(demo, tmp_path):
    names = {}
    for username, urls in main_pages(demo).items():
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        for index, url in enumerate(urls):
            response = client.get(url)
            assert response.status_code == 200, (username, url)
            name = f"{username}-{index:02d}.html"
            (tmp_path / name).write_bytes(response.content)
            names[name] = url
    errors = [(names[name], line, message) for name, line, message in nu_errors(tmp_path)]
    assert errors == []


def test_every_main_page_has_no_serious_accessibility_issue(browser, live_server, demo, axe_violations, page):
    found = []
    for username, urls in main_pages(demo).items():
        page.context.clear_cookies()
        sign_in(page, username)
        page.wait_for_url("**/")
        for url in urls:
            page.goto(url)
            found += [(username, url, *violation) for violation in axe_violations()]
    assert found == []
