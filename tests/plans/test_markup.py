"""The light markup users type: one paragraph per line, bullets, **bold**, *italic*, nothing else."""

import pytest

from plans.documents.markup import paragraph, parse_inline, parse_line, parse_markup, plain_text, run


def test_each_line_is_a_paragraph_and_blank_lines_are_ignored():
    blocks = parse_markup("Đoạn một.\r\n\r\n  Đoạn   hai.  \n\n")
    assert [block["kind"] for block in blocks] == ["paragraph", "paragraph"]
    assert [plain_text(block["runs"]) for block in blocks] == ["Đoạn một.", "Đoạn hai."]


def test_dash_starts_a_bullet_and_plus_a_nested_bullet_with_their_markers():
    blocks = parse_markup("- Thời gian: 01 ngày.\n+ Ý con.\n-Không phải gạch đầu dòng")
    assert [(block["kind"], block["marker"]) for block in blocks] == [
        ("bullet", "-"),
        ("sub_bullet", "+"),
        ("paragraph", ""),
    ]
    assert plain_text(blocks[0]["runs"]) == "Thời gian: 01 ngày."
    assert plain_text(blocks[2]["runs"]) == "-Không phải gạch đầu dòng"


@pytest.mark.parametrize("line", ["1. Mục đích chung", "a) Thành phần:", "5.1. Văn phòng Sở"])
def test_numbered_lines_are_printed_as_typed(line):
    assert parse_line(line) == paragraph(line)


def test_bold_and_italic_become_runs_with_flags():
    assert parse_inline("Gửi **chậm nhất ngày 08/8/2024** (*ghi rõ*) nhé") == [
        run("Gửi "),
        run("chậm nhất ngày 08/8/2024", bold=True),
        run(" ("),
        run("ghi rõ", italic=True),
        run(") nhé"),
    ]


def test_emphasis_nests_and_triple_stars_are_bold_italic():
    assert parse_inline("**a *b* c**") == [
        run("a ", bold=True),
        run("b", bold=True, italic=True),
        run(" c", bold=True),
    ]
    assert parse_inline("*a **b** c*") == [
        run("a ", italic=True),
        run("b", bold=True, italic=True),
        run(" c", italic=True),
    ]
    assert parse_inline("***Lưu ý***") == [run("Lưu ý", bold=True, italic=True)]


@pytest.mark.parametrize("text", ["**chưa đóng", "2 * 3 * 4", "** có dấu cách **", "*", "a*b"])
def test_stars_that_do_not_mark_emphasis_are_kept_as_typed(text):
    assert parse_inline(text) == [run(text)]


def test_an_escaped_star_is_a_literal_star():
    assert parse_inline("\\* **Lưu ý:** Căn cứ") == [run("* "), run("Lưu ý:", bold=True), run(" Căn cứ")]


def test_html_is_kept_as_plain_text_for_the_renderers_to_escape():
    assert parse_line("<script>alert('x')</script> & “ngoặc”") == paragraph(
        "<script>alert('x')</script> & “ngoặc”"
    )


def test_spaces_are_collapsed_but_a_typed_non_breaking_space_is_kept():
    assert plain_text(parse_line("a \t  b\u00a0\u00a0c")["runs"]) == "a b\u00a0\u00a0c"


def test_the_result_is_plain_json_data():
    import json

    blocks = parse_markup("- **Đậm** và *nghiêng*\n+ ý con")
    assert json.loads(json.dumps(blocks)) == blocks
