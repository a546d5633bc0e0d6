"""Identical recommendations from several notes are one recommendation, with every note it comes from, and keep one
stable id in the ledger."""
from pipeline.analysis.report_content import merged_recommendations
from pipeline.domain.notes import ROW_COLUMNS, NoteRow, note_key
from pipeline.ledger import recommendations
from pipeline.ledger.workspace import Workspace

ROUND = "2026-PER-planning"


def note(expert, institution, element, recommendation, priority=""):
    row = {c: "" for c in ROW_COLUMNS}
    row.update(round=ROUND, expert=expert, institution=institution, element=element, recommendation=recommendation, priority=priority)
    return NoteRow(**row)


MATRIX = "Incorporar en cada plan sectorial una matriz de metas alineadas al plan nacional."
NOTES = [note("chl@x.org", "ceplan", "pl_e1", MATRIX, "medium"), note("chl@x.org", "mef", "pl_e2", "Crear una red."),
         note("mex@x.org", "pcm", "pl_e3", "  incorporar en cada plan sectorial una matriz de metas alineadas al plan nacional ", "high")]


def test_identical_recommendations_are_one_with_all_their_sources_and_the_highest_priority():
    ids = {note_key(NOTES[0]): "R-01", note_key(NOTES[1]): "R-02", note_key(NOTES[2]): "R-04"}  # a ledger from before
    merged = merged_recommendations(NOTES, ids, {note_key(n): "" for n in NOTES})
    assert [(r.id, r.text, r.priority) for r in merged] == [("R-01", MATRIX, "high"), ("R-02", "Crear una red.", "")]
    assert merged[0].notes == (NOTES[0], NOTES[2]) and merged[1].notes == (NOTES[1],)


def test_the_ledger_gives_a_repeated_recommendation_its_twins_id(tmp_path):
    ledger = Workspace.init(tmp_path / "ws").ledger
    given = recommendations.assign(ledger, ROUND, NOTES)
    assert given == {note_key(NOTES[0]): "R-01", note_key(NOTES[1]): "R-02", note_key(NOTES[2]): "R-01"}
    assert recommendations.texts(ledger, ROUND) == {"R-01": MATRIX, "R-02": "Crear una red."}  # no id spent on the repeat
    # the expert who first made it drops it: the recommendation keeps its id, now with its other note
    again = recommendations.assign(ledger, ROUND, NOTES[1:])
    assert again == {note_key(NOTES[1]): "R-02", note_key(NOTES[2]): "R-01"}
    assert recommendations.ids(ledger, ROUND)[note_key(NOTES[2])] == "R-01"
    # a new recommendation takes the next id, never one already given
    assert recommendations.assign(ledger, ROUND, [*NOTES, note("bra@x.org", "grc", "pl_e4", "Otra.")])[
        "bra@x.org|grc|pl_e4"] == "R-03"
