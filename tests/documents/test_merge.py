"""Merging a returned copy of a draft into the current draft, three ways, section by section (docs/report-drafts.md)."""
from collections import Counter

from docx.opc.constants import RELATIONSHIP_TYPE as RT

from pipeline.documents.merge import Sides, marked_lines, merge_copy
from pipeline.documents.outside import outside_edits
from pipeline.documents.panel_text import EDITS_SECTION, carry_over, panel_sections, part_xml, related, visible_text
from pipeline.documents.review import comments, observations, tracked_changes
from pipeline.domain.enums import SectionMerge
from pipeline.domain.review import ObservationKind
from pipeline.i18n import messages as m
from pipeline.i18n.translation import translate
from tests.support.word import comment, draft, footnote, insert, reopen, resolve, results_table, write_panel_text

SECTIONS = [("summary", "Summary", 1), ("findings_a", "Findings on A", 2), ("conclusions", "Conclusions", 1)]
ANA, ROSA = "Ana Souza (“ana.docx”)", "Rosa Quispe (“rosa.docx”)"


def version_one():
    document = draft(SECTIONS)
    results_table(document, [("MEF", "2,7"), ("PCM", "1,3")])
    return reopen(document)


def merge(base, ours, theirs, who=ROSA, author="Rosa Quispe", current=2):
    return merge_copy(base, ours, theirs, Sides(lambda section: ANA, who, author, current, 1, "en"), "Set apart")


def sentences(document):
    return Counter(visible_text(p) for p in document.element.body.iter("{*}p"))


def ana_and_rosa():
    base = version_one()
    ana = reopen(base)
    write_panel_text(ana, "summary", "Ana wrote the summary.")
    write_panel_text(ana, "conclusions", "Ana concludes so.")
    write_panel_text(ana, "findings_a", "Both found the same.")
    rosa = reopen(base)
    write_panel_text(rosa, "conclusions", "Rosa concludes otherwise.")
    write_panel_text(rosa, "findings_a", "Both found the same.")
    return base, ana, rosa


def test_a_copy_changing_what_nobody_else_changed_is_taken_as_it_is():
    base, ana, _ = ana_and_rosa()
    ours = reopen(base)
    outcome = merge(base, ours, ana, who=ANA, author="Ana Souza", current=1)
    assert [(s.id, s.decision) for s in outcome.sections] == [
        ("summary", SectionMerge.TAKEN), ("findings_a", SectionMerge.TAKEN), ("conclusions", SectionMerge.TAKEN)]
    assert outcome.outside == () and marked_lines(ours) == []
    assert panel_sections(reopen(ours))["summary"].text == "Ana wrote the summary."


def test_the_same_change_twice_is_kept_once_and_different_changes_both_under_marked_lines():
    base, ana, rosa = ana_and_rosa()
    ours = reopen(base)
    merge(base, ours, ana, who=ANA, author="Ana Souza", current=1)
    ours = reopen(ours)
    outcome = merge(base, ours, rosa)
    assert {s.id: s.decision for s in outcome.sections} == {"findings_a": SectionMerge.SAME, "conclusions": SectionMerge.CONFLICT}
    result = reopen(ours)
    sections = panel_sections(result)
    assert sections["summary"].text == "Ana wrote the summary."  # Rosa left it: Ana's text stays
    assert sections["findings_a"].text == "Both found the same."
    conclusions = [t for t in sections["conclusions"].text.split("\n") if t]
    assert conclusions == [translate(m.MERGE_CONFLICT_OURS, "en", version=2, who=ANA), "Ana concludes so.",
                           translate(m.MERGE_CONFLICT_THEIRS, "en", base=1, who=ROSA), "Rosa concludes otherwise.",
                           translate(m.MERGE_CONFLICT_END, "en")]
    counted = sentences(result)
    assert all(counted[s] == 1 for s in ("Ana wrote the summary.", "Ana concludes so.", "Rosa concludes otherwise.", "Both found the same."))
    (problem,) = marked_lines(result)
    assert problem.message == m.MERGE_CONFLICT_LEFT and problem.params["section"] == "Conclusions"


def test_tracked_changes_comments_and_footnotes_come_with_the_copys_text():
    base = version_one()
    copy = reopen(base)
    (paragraph,) = write_panel_text(copy, "summary", "The plan exists")
    insert(paragraph, " and is followed.", author="Rosa Quispe")
    comment(copy, paragraph.runs[0], "Which plan?", author="Rosa Quispe")
    footnote(copy, paragraph, "Plan Bicentenario, 2021.")
    (other,) = write_panel_text(copy, "conclusions", "See the law")
    footnote(copy, other, "Ley 28522.")
    ours = reopen(base)
    merge(base, ours, reopen(copy))
    result = reopen(ours)
    assert [(c.author, c.text) for c in tracked_changes(result)] == [("Rosa Quispe", " and is followed.")]
    assert [(n.author, n.text, n.commented) for n in comments(result)] == [("Rosa Quispe", "Which plan?", "The plan exists")]
    references = [r.get(r.tag.replace("footnoteReference", "id")) for r in result.element.body.iter("{*}footnoteReference")]
    notes = {n.get(n.tag.replace("footnote", "id")): "".join(t.text for t in n.iter("{*}t")).strip()
             for n in part_xml(related(result.part, RT.FOOTNOTES)) if not n.get(n.tag.replace("footnote", "type"))}
    assert [notes[r] for r in references] == ["Plan Bicentenario, 2021.", "Ley 28522."]  # numbered in the order they come


def test_an_edit_to_a_regenerated_part_is_listed_and_kept_at_the_end_for_the_panel_to_place():
    base = version_one()
    copy = reopen(base)
    cell = copy.tables[0].cell(1, 1)
    cell.paragraphs[0].add_run(" (to verify)")
    copy.add_comment(cell.paragraphs[0].runs, text="The MEF scored 2,4.", author="Rosa Quispe")
    [edit] = outside_edits(base, reopen(copy))
    assert (edit.where, edit.row, edit.before, edit.after) == ("Results", 2, ("MEF | 2,7",), ("MEF | 2,7 (to verify)",))
    assert edit.place("en") == translate(m.MERGE_WHERE_ROW, "en", row=2, section="Results")

    ours = reopen(base)
    outcome = merge(base, ours, reopen(copy))
    assert outcome.sections == () and outcome.outside == (edit,)
    result = reopen(ours)
    section = panel_sections(result)[EDITS_SECTION]
    assert section.heading == translate(m.MERGE_EDITS_HEADING, "en")
    assert section.text.split("\n") == [translate(m.MERGE_EDIT_MARK, "en", who=ROSA, base=1, where=edit.place("en")), "MEF | 2,7 (to verify)"]
    assert [(c.author, c.text) for c in tracked_changes(result) if c.section == section.heading] == [("Rosa Quispe", " (to verify)")]
    assert [(n.author, n.text) for n in comments(result)] == [("Rosa Quispe", "The MEF scored 2,4.")]
    assert [p.message for p in marked_lines(result)] == [m.MERGE_EDIT_LEFT]
    assert [o.kind for o in observations(result)] == [ObservationKind.MARKED, ObservationKind.COMMENT, ObservationKind.INSERTION]

    fresh = draft(SECTIONS, data="Results of newer answers.")  # the next regeneration keeps the section, last
    assert EDITS_SECTION in carry_over(result, fresh, "Set apart").kept
    again = reopen(fresh)
    assert list(panel_sections(again))[-1] == EDITS_SECTION and panel_sections(again)[EDITS_SECTION].text == section.text


def test_a_copy_that_changed_nothing_merges_into_nothing():
    base = version_one()
    ours = reopen(base)
    outcome = merge(base, ours, reopen(base))
    assert outcome.sections == () and outcome.outside == () and not outcome.changes_anything


def test_a_section_the_copy_deleted_is_kept_and_one_the_draft_lost_is_set_apart():
    base, ana, _ = ana_and_rosa()
    heading = panel_sections(ana)["conclusions"].heading_element
    for element in [heading, *panel_sections(ana)["conclusions"].body]:
        element.getparent().remove(element)
    ours = draft([s for s in SECTIONS if s[0] != "findings_a"])
    outcome = merge(base, ours, ana)
    assert {s.id: s.decision for s in outcome.sections} == {
        "summary": SectionMerge.TAKEN, "findings_a": SectionMerge.SET_APART, "conclusions": SectionMerge.MISSING}
    texts = [visible_text(p) for p in reopen(ours).element.body.iter("{*}p")]
    assert texts[-3:] == ["Set apart", "Findings on A", "Both found the same."]


def test_accepting_a_tracked_change_or_marking_a_comment_done_is_a_change_of_the_section():
    base = version_one()
    (paragraph,) = write_panel_text(base, "summary", "The plan exists")
    insert(paragraph, " and is followed.", author="Rosa Quispe")
    note = comment(base, paragraph.runs[0], "Which plan?", author="Rosa Quispe")
    base = reopen(base)
    accepted = reopen(base)
    for change in list(accepted.element.body.iter("{*}ins")):
        change.getparent().replace(change, change[0])
    ours = reopen(base)
    assert [(s.id, s.decision) for s in merge(base, ours, reopen(accepted)).sections] == [("summary", SectionMerge.TAKEN)]
    assert tracked_changes(reopen(ours)) == []
    done = reopen(base)
    resolve(done, note)
    ours = reopen(base)
    assert [(s.id, s.decision) for s in merge(base, ours, reopen(done)).sections] == [("summary", SectionMerge.TAKEN)]
    assert [n.resolved for n in comments(reopen(ours))] == [True]
