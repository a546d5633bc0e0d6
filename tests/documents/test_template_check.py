"""Checking a Word template before use: what Word does to Jinja tags, found and located."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from pipeline.cli.template import check
from pipeline.documents import template_check as tc
from pipeline.documents.receipt import TEMPLATES, ReceiptContent, receipt_context
from pipeline.domain.problems import Location, Severity, UserError
from pipeline.i18n import messages as m

SHIPPED = sorted(TEMPLATES.glob("*.docx"))
BODY = "word/document.xml"


def template(tmp_path: Path, name: str, *paragraphs: str | tuple[str, ...], heading: str = "Results") -> Path:
    """A template with a title, a Heading 1 ``heading``, then one paragraph per item (a tuple is one
    paragraph written as several runs, as Word stores a tag typed in pieces)."""
    document = docx.Document()
    document.add_paragraph("{{ title }}", style="Title")
    document.add_heading(heading, level=1)
    for item in paragraphs:
        paragraph = document.add_paragraph()
        for text in (item,) if isinstance(item, str) else item:
            paragraph.add_run(text)
    path = tmp_path / name
    document.save(str(path))
    return path


def at(name: str, row: int, part: str = BODY) -> Location:
    return Location(file=name, sheet=part, row=row)


def only(problems, message):
    found = [p for p in problems if p.message == message]
    assert len(found) == 1, [p.render("en") for p in problems]
    return found[0]


def test_a_tag_split_over_two_runs_is_named_with_its_paragraph_and_heading(tmp_path):
    path = template(tmp_path, "split.docx", "Hello {{ name }}.", ("Dear {{ na", "me }}, welcome"))
    problem = only(tc.check_template(path, {"title", "name"}), m.TEMPLATE_SPLIT_TAG)
    assert (problem.where, problem.params, problem.severity) == (at("split.docx", 4), {"tag": "{{ name }}", "heading": "Results"},
                                                                 Severity.ERROR)
    assert "{{ name }}" in problem.render("en") and "in one go" in problem.render("en")


def test_a_split_tag_in_a_header_names_the_header_part(tmp_path):
    path = template(tmp_path, "header.docx")
    document = docx.Document(str(path))
    paragraph = document.sections[0].header.paragraphs[0]
    paragraph.add_run("{%")
    paragraph.add_run(" if title %}x{% endif %}")
    document.save(str(path))
    problem = only(tc.check_template(path, {"title"}), m.TEMPLATE_SPLIT_TAG)
    assert (problem.where.sheet, problem.where.row, problem.params["tag"]) == ("word/header1.xml", 1, "{% if title %}")
    assert problem.params["heading"] == "—"


def test_tags_each_in_one_run_and_docxtpl_paragraph_tags_are_clean(tmp_path):
    path = template(tmp_path, "clean.docx", "{%p if items %}", ("Intro: ", "{{ intro }}", " end"), "{%p for i in items %}",
                    "{{ i }}", "{%p endfor %}", "{%p else %}", "None.", "{%p endif %}", "{# a note #} {_{ kept }_}")
    assert tc.check_template(path, {"title", "items", "intro"}) == []


def test_curly_quotes_in_a_tag_are_a_warning_and_an_error_once_straightened_they_break_it(tmp_path):
    # docxtpl straightens every curly quote inside a tag: labels[“title”] works, 'it’s' becomes 'it's'.
    path = template(tmp_path, "quotes.docx", "{{ labels[“title”] }} is fine", "{{ 'it’s' }}")
    problems = tc.check_template(path, {"title", "labels"})
    assert [(p.message, p.where, p.severity) for p in problems] == [
        (m.TEMPLATE_CURLY_QUOTES, at("quotes.docx", 3), Severity.WARNING),
        (m.TEMPLATE_CURLY_QUOTES, at("quotes.docx", 4), Severity.WARNING),
        (m.TEMPLATE_SYNTAX, at("quotes.docx", 4), Severity.ERROR)]
    assert problems[0].params == {"tag": "{{ labels[“title”] }}", "heading": "Results"}


def test_each_variable_the_context_lacks_is_a_problem_where_first_used(tmp_path):
    path = template(tmp_path, "unknown.docx", "{{ name }}", "{% if nmae %}{{ labels.x }}{% endif %}", "{{ nmae }}")
    problems = tc.check_template(path, {"title", "name"})
    assert [(p.message, p.params["name"], p.where) for p in problems] == [
        (m.TEMPLATE_UNKNOWN_VARIABLE, "labels", at("unknown.docx", 4)),
        (m.TEMPLATE_UNKNOWN_VARIABLE, "nmae", at("unknown.docx", 4))]
    assert problems[1].params["tag"] == "{% if nmae %}" and problems[1].params["known"] == ["name", "title"]


def test_without_a_context_variables_are_not_checked(tmp_path):
    assert tc.check_template(template(tmp_path, "any.docx", "{{ whatever }}")) == []


def test_a_tag_that_is_not_jinja_is_located(tmp_path):
    path = template(tmp_path, "syntax.docx", "{{ name }}", "Total: {{ total | }}", "{{ name }}")
    problem = only(tc.check_template(path, {"title", "name", "total"}), m.TEMPLATE_SYNTAX)
    assert problem.where == at("syntax.docx", 4)
    assert problem.params["text"] == "“Total: {{ total | }}”" and problem.params["heading"] == "Results"


def test_a_block_left_open_is_reported_at_the_end_of_the_part(tmp_path):
    path = template(tmp_path, "open.docx", "{%p if name %}", "{{ name }}", "Last paragraph")
    problem = only(tc.check_template(path, {"title", "name"}), m.TEMPLATE_SYNTAX)
    # Jinja notices the missing endif at the last tag of the part, and names it.
    assert problem.where == at("open.docx", 4) and "endif" in problem.params["error"]


def test_a_tag_that_does_not_end_in_its_paragraph(tmp_path):
    path = template(tmp_path, "unclosed.docx", "Dear {{ name", "}} welcome")
    problem = only(tc.check_template(path, {"title", "name"}), m.TEMPLATE_UNCLOSED_TAG)
    assert (problem.where, problem.params["tag"]) == (at("unclosed.docx", 3), "{{ name")


def toc(path: Path, update_fields: bool) -> Path:
    document = docx.Document(str(path))
    paragraph = document.paragraphs[1].insert_paragraph_before()
    for xml in ('<w:r %s><w:fldChar w:fldCharType="begin"/></w:r>',
                '<w:r %s><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r>',
                '<w:r %s><w:fldChar w:fldCharType="separate"/></w:r>', '<w:r %s><w:t>Update the table</w:t></w:r>',
                '<w:r %s><w:fldChar w:fldCharType="end"/></w:r>'):
        paragraph._p.append(parse_xml(xml % nsdecls("w")))
    if update_fields:
        document.settings.element.append(parse_xml(f'<w:updateFields {nsdecls("w")} w:val="true"/>'))
    document.save(str(path))
    return path


def test_a_table_of_contents_without_update_fields_is_a_warning(tmp_path):
    path = toc(template(tmp_path, "toc.docx", "{{ title }}"), update_fields=False)
    problem = only(tc.check_template(path, {"title"}), m.TEMPLATE_TOC_NOT_UPDATED)
    assert (problem.where, problem.severity, problem.params) == (at("toc.docx", 2), Severity.WARNING, {"heading": "{{ title }}"})


def test_a_table_of_contents_with_update_fields_is_fine(tmp_path):
    assert tc.check_template(toc(template(tmp_path, "toc.docx"), update_fields=True), {"title"}) == []


def test_a_file_that_is_not_a_word_document(tmp_path):
    path = tmp_path / "notes.docx"
    path.write_text("not a zip")
    assert [(p.message, p.where) for p in tc.check_template(path)] == [(m.TEMPLATE_NOT_DOCX, Location(file="notes.docx"))]


def test_known_contexts_are_the_keys_the_code_builds():
    contexts = tc.known_contexts()
    content = ReceiptContent(round_id="r", country="Peru", topic="Planning", institution="MEF", questionnaire_id="q",
                             file_name="f.xlsx", received_at=dt.datetime(2026, 3, 3), sha256="ab" * 32, answered=1, required=2)
    assert contexts["receipt.docx"] == set(receipt_context(content))
    assert {"facts", "dimensions", "chart", "labels"} <= contexts["interview_guide.docx"]


@pytest.mark.parametrize("path", SHIPPED, ids=[p.name for p in SHIPPED])
def test_every_shipped_template_checks_clean_against_its_context(path):
    contexts = tc.known_contexts()
    assert [p.render("en") for p in tc.check_template(path, contexts.get(path.name))] == []
    if path.name not in contexts:  # a template whose code is still being written
        pytest.skip(f"variables unchecked: no function of pipeline/documents/ has a docstring starting "
                    f"'The variables ``{path.name}`` is rendered with' and returns a dict literal")


def test_the_command_checks_a_renamed_copy_like_the_template_it_replaces(tmp_path, capsys):
    copy = tmp_path / "receipt v2.docx"
    copy.write_bytes((TEMPLATES / "receipt.docx").read_bytes())
    check(copy, like="receipt.docx")
    assert "receipt v2.docx" in capsys.readouterr().out
    with pytest.raises(UserError) as raised:
        check(template(tmp_path, "my receipt.docx", ("{{ sha", "256 }}"), "{{ nope }}"), like="receipt.docx")
    assert [p.message for p in raised.value.problems] == [m.TEMPLATE_SPLIT_TAG, m.TEMPLATE_UNKNOWN_VARIABLE,
                                                          m.TEMPLATE_UNKNOWN_VARIABLE]
    assert {p.params["name"] for p in raised.value.problems[1:]} == {"nope", "title"}


def test_the_command_refuses_an_unknown_like_and_notes_an_unknown_name(tmp_path, capsys):
    with pytest.raises(UserError) as raised:
        check(TEMPLATES / "receipt.docx", like="letter.docx")
    assert raised.value.message == m.TEMPLATE_UNKNOWN_LIKE
    check(template(tmp_path, "letter.docx", "{{ anything }}"))
    assert "--like" in capsys.readouterr().err
