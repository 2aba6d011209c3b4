"""Documents never depend on the machine's fonts: the project's Liberation Serif prints them even on a
machine with no font at all, and a PDF that would print in another font is refused before issue."""

import datetime
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.conf import settings

from common.errors import ServiceError
from plans import workflow
from plans.documents import fonts, pdf
from plans.models import NumberingRegister, Plan

EMPTY_FONTCONFIG = textwrap.dedent(
    """\
    <?xml version="1.0"?>
    <!DOCTYPE fontconfig SYSTEM "fonts.dtd">
    <fontconfig>{dirs}<cachedir>{cache}</cachedir></fontconfig>
    """
)

# Renders a document in a fresh process whose fontconfig sees only `dirs`; prints the PDF's fonts
# and the words of its first line, or the refusal.
SCRIPT = textwrap.dedent(
    """\
    import json, sys, io
    import django
    django.setup()
    from pathlib import Path
    from plans.documents import pdf
    if sys.argv[1] == "block":
        pdf.FONT_DIRECTORY = Path("/nonexistent")  # the project's fonts cannot be loaded
    try:
        content = pdf.html_to_pdf(pdf.PROBE_HTML)
    except Exception as error:
        print(json.dumps({"refused": type(error).__name__, "message": str(error)}))
        sys.exit(0)
    import pdfplumber
    with pdfplumber.open(io.BytesIO(content)) as document:
        page = document.pages[0]
        fonts = sorted({char["fontname"].split("+")[-1] for char in page.chars})
        lines = page.extract_text().splitlines()
    print(json.dumps({"fonts": fonts, "lines": lines}))
    """
)


def render_with_fonts(tmp_path: Path, dirs: list[str], mode: str = "") -> dict:
    config = tmp_path / "fonts.conf"
    config.write_text(
        EMPTY_FONTCONFIG.format(dirs="".join(f"<dir>{d}</dir>" for d in dirs), cache=tmp_path / "cache")
    )
    env = {
        **os.environ,
        "FONTCONFIG_FILE": str(config),
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
    }
    result = subprocess.run(  # noqa: S603 - fixed arguments, our own script
        [sys.executable, "-c", SCRIPT, mode],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_a_machine_without_any_font_prints_in_the_projects_liberation_serif(tmp_path):
    found = render_with_fonts(tmp_path, dirs=[])
    assert len(found["fonts"]) == 3  # regular, bold and italic
    assert all(name.startswith("Liberation-Serif") for name in found["fonts"]), found["fonts"]
    assert found["lines"][0] == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"  # on one line


def test_a_pdf_that_would_print_in_another_font_is_refused_with_a_message(tmp_path):
    found = render_with_fonts(tmp_path, dirs=["/usr/share/fonts/truetype/dejavu"], mode="block")
    assert found["refused"] == "DocumentFontError"
    assert "không dùng phông Liberation Serif" in found["message"]
    assert "DejaVu Serif" in found["message"]


def test_the_project_carries_the_four_faces_and_their_licence():
    names = sorted(path.name for path in fonts.FONT_DIRECTORY.iterdir())
    assert names == [
        "LICENSE.txt",
        "LiberationSerif-Bold.ttf",
        "LiberationSerif-BoldItalic.ttf",
        "LiberationSerif-Italic.ttf",
        "LiberationSerif-Regular.ttf",
    ]
    assert "SIL OPEN FONT LICENSE Version 1.1" in (fonts.FONT_DIRECTORY / "LICENSE.txt").read_text()


@pytest.mark.django_db
def test_a_machine_printing_in_another_font_issues_nothing_and_freezes_nothing(world, monkeypatch):
    users = world.users
    plan = world.own_plan
    workflow.plan_submit(plan=plan, user=users["drafter"])
    workflow.plan_approve(plan=plan, user=users["approver"])
    pdf.probe_document_font.cache_clear()
    monkeypatch.setattr(pdf, "html_to_pdf", lambda html: fonts.check_document_fonts(["DejaVu Serif"]))
    with pytest.raises(ServiceError) as refused:
        workflow.plan_issue(plan=plan, user=users["clerk"], issue_date=datetime.date(2024, 3, 5))
    pdf.probe_document_font.cache_clear()
    assert "Văn bản chưa được ban hành" in refused.value.message
    plan = Plan.objects.get(pk=plan.pk)
    assert (plan.status, plan.number) == ("approved", None)
    assert not hasattr(plan, "issued_document")
    assert not NumberingRegister.objects.filter(last_number__gt=0).exists()
