"""Step 3: the interview notes of the panel's experts — emitted, checked, stored and merged.

One workbook per panel expert (one for the whole panel when it has no experts yet) is written into
``outbox/<round>/`` and recorded as issued. A filled workbook dropped in the inbox is read in the
isolated child (``analyse_notes``), checked against what was issued, archived, stored row by row
(a later accepted file from the same expert supersedes the earlier one) and answered with a receipt,
or with a feedback copy whose problem cells are highlighted and commented.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from pipeline.domain.framework import Framework, pick
from pipeline.domain.models import Round, Stage
from pipeline.domain.problems import Problem, Severity, UserError
from pipeline.domain.rules import EMAIL
from pipeline.i18n import messages as m
from pipeline.i18n.translation import LANGUAGES, N_, format_date, normalise_language, translate
from pipeline.inbox.analysis import Analysis, pinned_framework
from pipeline.inbox.processing import Job, Outcome, archive_and_answer, quarantine
from pipeline.ledger.workspace import Workspace
from pipeline.workbooks.cells import text_of
from pipeline.workbooks.notes import (
    CHOICES,
    FIELDS,
    KIND,
    NotesCover,
    NotesIdentity,
    NotesPrefill,
    RawNotes,
    RowSpec,
    cell_name,
    read_notes,
    row_specs,
    write_notes,
)

# Wording of the notes workbook, its checks and its answers (labels it shares with the questionnaire are messages.Q_*).
NOTES_SHEET_NOTES = N_("Interview notes")
NOTES_TITLE = N_("MECIGEP — Interview notes: {topic}")
NOTES_VISIT = N_("Visit")
NOTES_REFERENCE = N_("Notes reference")
NOTES_PURPOSE = N_("These are the notes of one peer expert on the bilateral interviews of step 3 of MECIGEP. They record, institution by institution and positive element by positive element, what the interviews confirmed of the self-assessment, and they feed the panel's report.")
NOTES_HOW_TO_FILL = N_("On the sheet Interview notes, type your name and e-mail at the top, then fill in the yellow cells of the rows you have findings for; rows left empty are fine. Choose the assessment and the priority from their lists. A recommendation needs a priority.")
NOTES_SCALE_TITLE = N_("The assessment")
NOTES_ASSESSMENT_MEANING = {
    "confirmed": N_("Confirmed: the interview and the evidence support what the institution stated."),
    "partly": N_("Partly confirmed: the practice exists, but less widely or less firmly than stated."),
    "not_confirmed": N_("Not confirmed: the interview or the evidence did not support what the institution stated."),
}
NOTES_PRIORITY_MEANING = N_("Priority of a recommendation: high (the next 12 months), medium (within 3 years), low (desirable).")
NOTES_HOW_TO_RETURN = N_("Save the file as .xlsx (from Excel or LibreOffice) and send it to the DGPE coordinator. You may send it again later: the latest file you send replaces the earlier one. If something is wrong, you will receive a copy with the cells to correct highlighted.")
NOTES_SHEET_HINT = N_("One row per institution interviewed and positive element of the framework. Fill in the yellow cells; choose the assessment and the priority from their lists.")
NOTES_EXPERT_NAME = N_("Expert's name")
NOTES_EXPERT_EMAIL = N_("Expert's e-mail")
NOTES_HEADERS = {
    "institution": N_("Institution"), "element": N_("Positive element"), "finding": N_("Finding"),
    "assessment": N_("Assessment"), "need": N_("Cooperation need"), "challenge": N_("Reform or innovation challenge"),
    "recommendation": N_("Recommendation"), "priority": N_("Priority"), "questions": N_("Related questions (optional)"),
}
NOTES_ELEMENT_QUESTIONS = N_("Questions: {questions}")
NOTES_ASSESSMENTS = {"confirmed": N_("Confirmed"), "partly": N_("Partly confirmed"), "not_confirmed": N_("Not confirmed")}
NOTES_PRIORITIES = {"high": N_("High"), "medium": N_("Medium"), "low": N_("Low")}
NOTES_WHERE = N_("Where")
NOTES_BAD_CHOICE = N_("{institution}, {element}: '{value}' is not one of the values of the list ({allowed}).")
NOTES_NEEDS_PRIORITY = N_("{institution}, {element}: a recommendation needs a priority ({allowed}).")
NOTES_UNKNOWN_QUESTION = N_("{institution}, {element}: the framework has no question '{question}'.")
NOTES_EMAIL_MISSING = N_("Type the expert's e-mail at the top of the sheet Interview notes.")
NOTES_EMPTY = N_("No row has a finding, an assessment, a need, a challenge or a recommendation; fill in at least one row.")
NOTES_ROUND_CLOSED = N_("The round {round} does not take interview notes while it is {stage}.")
NOTES_FOREIGN = N_("The interview notes {notes} were not issued by this workspace; they may belong to another office or have been copied by hand.")
NOTES_TAMPERED = N_("The interview notes {notes} were changed: their {field} does not match the one issued; send back the workbook as it was sent, or ask for a new copy.")
NOTES_ACCEPTED = N_("{file}: interview notes accepted — {expert}, round {round}, {answered} of {required} rows filled; receipt {answer}.")
NOTES_INCOMPLETE = N_("{file}: interview notes to correct — {expert}, round {round}, {errors} problems; feedback workbook {answer}.")
NOTES_RECEIPT = {
    "intro": N_("The Department for Effective Public Management (DGPE) of the General Secretariat of the OAS acknowledges receipt of the interview notes described below and has stored them for the panel's report."),
    "details_heading": N_("The interview notes received"),
    "institution": N_("Expert"),
    "questionnaire_id": N_("Notes reference"),
    "completion_heading": N_("Rows"),
    "warnings_intro": N_("The notes were accepted with these observations:"),
    "no_warnings": N_("The notes were accepted without observations."),
    "closing": N_("Thank you for your notes. A later file from you will replace these. Please keep this receipt: the SHA-256 fingerprint identifies exactly the file that was received."),
}
NOTES_RECEIPT_ROWS = N_("{answered} of the {required} rows are filled.")

NOTES_STAGES = (Stage.QUESTIONNAIRE_OPEN, Stage.INTERVIEWS, Stage.DRAFTING)
ROW_COLUMNS = ("round", "expert", "expert_name", "notes_id", "institution", "element") + FIELDS + ("sha256", "received")
SCHEMA = f"""
CREATE TABLE IF NOT EXISTS notes_issued (id TEXT PRIMARY KEY, round TEXT NOT NULL, expert TEXT NOT NULL,
    framework_id TEXT NOT NULL, framework_version TEXT NOT NULL, language TEXT NOT NULL, institutions TEXT NOT NULL,
    file TEXT NOT NULL, sha256 TEXT NOT NULL, issued TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS notes (seq INTEGER PRIMARY KEY, {', '.join(c + ' TEXT NOT NULL' for c in ROW_COLUMNS)},
    superseded_by TEXT, UNIQUE (sha256, institution, element));
CREATE INDEX IF NOT EXISTS notes_round ON notes(round, expert);
"""


@dataclass(frozen=True)
class NoteRow:
    """One stored row of an expert's notes; empty text means the cell was left empty."""

    round: str
    expert: str  # e-mail, lower case
    expert_name: str
    notes_id: str
    institution: str
    element: str
    finding: str
    assessment: str  # confirmed, partly, not_confirmed or empty
    need: str
    challenge: str
    recommendation: str
    priority: str  # high, medium, low or empty
    questions: str
    sha256: str
    received: str


def _tables(db: sqlite3.Connection) -> None:
    db.executescript(SCHEMA)  # outside any transaction: executescript commits first


def _issued(db: sqlite3.Connection, notes_id: str) -> dict[str, str] | None:
    try:
        cursor = db.execute("SELECT * FROM notes_issued WHERE id = ?", (notes_id,))
    except sqlite3.OperationalError:  # no notes issued yet in this ledger
        return None
    row = cursor.fetchone()
    return dict(zip([d[0] for d in cursor.description], row)) if row else None


def _cover(workspace: Workspace, round_: Round, framework: Framework, lang: str, name: str = "", email: str = "",
           institutions: list[str] | None = None) -> NotesCover:
    """What a notes workbook shows; its rows are the round's institutions, or those ``institutions`` (ids) when given."""
    cal, who = round_.calendar, round_.panel.coordinator or round_.contact
    known = {i.id: f"{i.name} ({i.acronym})" for i in round_.institutions}
    return NotesCover(
        topic=workspace.catalog.topic(round_.topic).name(lang), country=workspace.catalog.state(round_.country).name(lang),
        framework=f"{pick(framework.title, lang)} ({framework.id} {framework.version})",
        visit=" – ".join(format_date(d, lang) for d in (cal.visit_start, cal.visit_end) if d) or "—",
        contact=f"{who.name} <{who.email}>" if who.email else who.name or "—",
        institutions=tuple((i, known.get(i, i)) for i in (institutions if institutions is not None else known)),
        elements=tuple((e, pick(labels, lang, framework.default_language) or e,
                        tuple(q.name for q in framework.questions if q.element == e)) for e, labels in framework.elements.items()),
        expert_name=name, expert_email=email)


def emit_notes(workspace: Workspace, round_id: str, lang: str | None = None) -> list[Path]:
    """Writes one notes workbook per panel expert (one for the panel when it has none) into outbox/<round>/,
    each recorded as issued; ``lang`` None means the round's working language. Returns the files written."""
    from pipeline.frameworks.library import pinned
    from pipeline.stages.rounds import get

    round_ = get(workspace, round_id)
    if round_.stage not in NOTES_STAGES:
        raise UserError(NOTES_ROUND_CLOSED, round=round_.id, stage=m.STAGE_NAMES[round_.stage.value])
    round_, framework = pinned(workspace, round_)
    language, ledger, today = normalise_language(lang or round_.language), workspace.ledger, dt.date.today().isoformat()
    _tables(ledger.db)
    written = []
    for expert in round_.panel.experts or (None,):
        slug, email = (expert.state.lower(), expert.email.lower()) if expert else ("panel", "")
        number = ledger.db.execute("SELECT COUNT(*) FROM notes_issued WHERE round = ? AND expert = ?", (round_.id, email)).fetchone()[0] + 1
        identity = NotesIdentity(f"{round_.id}.notes.{slug}.{number}", round_.id, email, framework.id, framework.version, language, today)
        path = workspace.round_outbox(round_.id) / f"{round_.id}-notes-{slug}-{language}-{number}.xlsx"
        write_notes(path, identity, _cover(workspace, round_, framework, language, expert.name if expert else "", email))
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        with ledger.transaction():
            ledger.db.execute("INSERT INTO notes_issued VALUES (?,?,?,?,?,?,?,?,?,?)",
                              (identity.notes_id, round_.id, email, framework.id, framework.version, language,
                               json.dumps([i.id for i in round_.institutions]), path.name, digest, today))
            ledger.record("notes.issued", round_.id, {"expert": email or "panel", "notes": identity.notes_id},
                          [{"role": "interview_notes", "name": path.name, "sha256": digest}])
        written.append(path)
    return written


def _choice(value: str, codes: tuple[str, ...], labels: Mapping[str, str]) -> str | None:
    """The code a typed value stands for (the code, or its label in any language, any case); None for none."""
    wanted = value.strip().casefold()
    return next((c for c in codes if wanted == c or wanted in {translate(labels[c], lang).casefold() for lang in LANGUAGES}), None)


def _text(cells: dict[str, Any], field_: str) -> str:
    return text_of(cells[field_].value) if field_ in cells else ""


def check_notes(raw: RawNotes, specs: list[RowSpec], names: dict[str, str] | None = None,
                questions: set[str] | None = None) -> tuple[list[dict[str, str]], list[Problem]]:
    """The rows filled (choices as codes) and every problem; ``names`` gives the display names of institutions
    and elements, ``questions`` the framework's question ids (others are warned about)."""
    names, problems, rows = names or {}, [], []
    email_cell = raw.expert.get("expert_email")
    email = text_of(email_cell.value) if email_cell else ""
    if not email or not EMAIL.match(email):
        problems.append(Problem(m.BAD_EMAIL if email else NOTES_EMAIL_MISSING, {"email": email, "cell": "expert_email"},
                                email_cell.where if email_cell else None))
    for spec in specs:
        cells = raw.rows.get(spec.key, {})
        values = {f: _text(cells, f) for f in FIELDS}
        where = {f: cells[f].where if f in cells else None for f in FIELDS}
        about = {"institution": names.get(spec.institution, spec.institution), "element": names.get(spec.element, spec.element)}
        for field_, codes in CHOICES.items():
            labels = NOTES_ASSESSMENTS if field_ == "assessment" else NOTES_PRIORITIES
            code = _choice(values[field_], codes, labels) if values[field_] else ""
            if code is None:
                problems.append(Problem(NOTES_BAD_CHOICE, {**about, "value": values[field_], "cell": cell_name(spec.key, field_),
                                                           "allowed": tuple(labels[c] for c in codes)}, where[field_]))
            values[field_] = code or ""
        if values["recommendation"] and not values["priority"] and not _text(cells, "priority"):
            problems.append(Problem(NOTES_NEEDS_PRIORITY, {**about, "cell": cell_name(spec.key, "priority"),
                                                           "allowed": tuple(NOTES_PRIORITIES.values())}, where["priority"]))
        for question in (q.strip() for q in values["questions"].replace(";", ",").split(",")):
            if question and questions is not None and question not in questions:
                problems.append(Problem(NOTES_UNKNOWN_QUESTION, {**about, "question": question, "cell": cell_name(spec.key, "questions")},
                                        where["questions"], Severity.WARNING))
        if any(values[f] for f in FIELDS if f != "questions"):
            rows.append({"institution": spec.institution, "element": spec.element, **values})
    if not rows:
        problems.append(Problem(NOTES_EMPTY))
    return rows, problems


def validate_notes(raw: RawNotes, specs: list[RowSpec], **context: Any) -> list[Problem]:
    """Every problem of the notes (see ``check_notes``): the expert's e-mail, choices from their lists,
    a priority for each recommendation, at least one row filled."""
    return check_notes(raw, specs, **context)[1]


def _refusal(identity: dict[str, str], issued: dict[str, str] | None, round_: Round | None,
             framework: Framework | None) -> tuple[str, dict[str, Any]] | None:
    """Why a notes workbook cannot be taken: not issued here, changed since, or its round not taking notes."""
    notes_id = identity.get("notes_id", "")
    if issued is None or round_ is None or framework is None:
        return NOTES_FOREIGN, {"notes": notes_id or "?"}
    for name, column in (("round_id", "round"), ("expert", "expert"), ("framework_id", "framework_id"),
                         ("framework_version", "framework_version")):
        if identity.get(name, "") != issued[column]:
            return NOTES_TAMPERED, {"notes": notes_id, "field": name}
    if round_.stage not in NOTES_STAGES:
        return NOTES_ROUND_CLOSED, {"round": round_.id, "stage": m.STAGE_NAMES[round_.stage.value]}
    return None


def analyse_notes(path: Path, ledger_path: Path, identity: dict[str, str]) -> Analysis:
    """Reads a returned notes workbook and checks it against what was issued; runs in the inbox's isolated
    child, the ledger read-only. A foreign, tampered or late workbook comes back as a refusal (quarantined)."""
    db = sqlite3.connect(f"file:{ledger_path}?mode=ro", uri=True)
    try:
        issued = _issued(db, identity.get("notes_id", ""))
        found = db.execute("SELECT data FROM rounds WHERE id = ?", (issued["round"],)).fetchone() if issued else None
    finally:
        db.close()
    round_ = Round.model_validate_json(found[0]) if found else None
    framework = pinned_framework(ledger_path, issued["framework_id"], issued["framework_version"]) if issued else None
    refused = _refusal(identity, issued, round_, framework)
    if refused is not None:
        return Analysis("xlsx", KIND, identity, refusal=refused[0], params=refused[1])
    assert issued is not None and round_ is not None and framework is not None
    lang = identity.get("language") or issued["language"]
    raw = read_notes(path)
    specs = row_specs(json.loads(issued["institutions"]), list(framework.elements))
    names = {e: pick(labels, lang, framework.default_language) for e, labels in framework.elements.items()}
    names.update({i.id: i.acronym for i in round_.institutions})
    rows, problems = check_notes(raw, specs, names, {q.name for q in framework.questions})
    typed = {name: cell.value for name, cell in raw.expert.items()}
    typed.update({cell_name(key, f): cell.value for key, cells in raw.rows.items() for f, cell in cells.items()})
    expert = issued["expert"] or _text(raw.expert, "expert_email").lower()
    return Analysis("xlsx", KIND, identity, problems=tuple(problems), typed=typed, answered=len(rows), required=len(specs),
                    answers={"rows": rows, "expert": expert, "expert_name": _text(raw.expert, "expert_name")})


def answer_notes(job: Job, analysis: Analysis) -> Outcome:
    """Takes checked notes to their final state: archived, stored when right (superseding the expert's earlier
    ones), answered with a receipt or a feedback workbook."""
    workspace, ledger = job.workspace, job.workspace.ledger
    _tables(ledger.db)
    issued = _issued(ledger.db, analysis.identity.get("notes_id", ""))
    round_ = ledger.get_round(issued["round"]) if issued else None
    if issued is None or round_ is None:
        return quarantine(job, analysis, NOTES_FOREIGN, {"notes": analysis.identity.get("notes_id") or "?"})
    errors = [p for p in analysis.problems if p.severity is Severity.ERROR]
    expert, expert_name = analysis.answers["expert"], analysis.answers["expert_name"]

    def store() -> None:
        if errors:
            return
        ledger.db.execute("UPDATE notes SET superseded_by = ? WHERE round = ? AND expert = ? AND superseded_by IS NULL",
                          (job.sha256, round_.id, expert))
        for row in analysis.answers["rows"]:
            values = {**row, "round": round_.id, "expert": expert, "expert_name": expert_name, "notes_id": issued["id"],
                      "sha256": job.sha256, "received": job.received}
            ledger.db.execute(f"INSERT INTO notes ({', '.join(ROW_COLUMNS)}) VALUES ({', '.join('?' * len(ROW_COLUMNS))})",
                              [values[c] for c in ROW_COLUMNS])

    lang = analysis.identity.get("language") or round_.language
    kind, suffix = ("feedback", "xlsx") if errors else ("receipt", "docx")
    target = workspace.round_outbox(round_.id) / f"notes-{kind}-{expert.split('@')[0] or 'panel'}-{job.sha256[:12]}.{suffix}"
    answer = archive_and_answer(
        job, kind=KIND, round_id=round_.id, institution=f"panel:{expert}", store=store,
        received=("notes.received", {"expert": expert, "file": job.name, "rows": analysis.answered, "errors": len(errors)},
                  "interview_notes"),
        answer=target,
        write_answer=lambda path: (_feedback if errors else _receipt)(job, analysis, round_, issued, lang, path),
        answered=("notes.answered", {"expert": expert, "answer": target.name}, kind),
    )
    params = {"file": job.name, "expert": expert_name or expert or "?", "round": round_.id, "answered": analysis.answered,
              "required": analysis.required, "errors": len(errors), "answer": answer}
    return Outcome(job.name, job.sha256, "incomplete" if errors else "accepted", NOTES_INCOMPLETE if errors else NOTES_ACCEPTED,
                   params, round_.id, f"panel:{expert}", answer)


def _receipt(job: Job, analysis: Analysis, round_: Round, issued: dict[str, str], lang: str, target: Path) -> None:
    from pipeline.documents.receipt import RECEIPT_TEMPLATE, ReceiptContent, receipt_context
    from pipeline.documents.render import render

    catalog, expert = job.workspace.catalog, analysis.answers["expert"]
    context = receipt_context(ReceiptContent(
        round_id=round_.id, country=catalog.state(round_.country).name(lang), topic=catalog.topic(round_.topic).name(lang),
        institution=f"{analysis.answers['expert_name']} <{expert}>" if analysis.answers["expert_name"] else expert,
        questionnaire_id=issued["id"], file_name=job.name, received_at=dt.datetime.fromisoformat(job.received), sha256=job.sha256,
        answered=analysis.answered, required=analysis.required, language=lang,
        warnings=tuple(p.render(lang) for p in analysis.problems if p.severity is Severity.WARNING)))
    context["subtitle"] = translate(NOTES_TITLE, lang, topic=context["topic"])
    context["labels"].update({key: translate(message, lang) for key, message in NOTES_RECEIPT.items()})
    context["completion_detail"] = translate(NOTES_RECEIPT_ROWS, lang, answered=context["answered"], required=context["required"])
    render(RECEIPT_TEMPLATE, context, target)


def _feedback(job: Job, analysis: Analysis, round_: Round, issued: dict[str, str], lang: str, target: Path) -> None:
    framework = job.workspace.ledger.framework(issued["framework_id"], issued["framework_version"])
    problems: dict[str, list[str]] = {}
    general: list[str] = []
    for problem in analysis.problems:
        sentence = translate(problem.message, lang, **problem.params)
        if problem.params.get("cell"):
            problems.setdefault(problem.params["cell"], []).append(sentence)
        else:
            general.append(sentence)
    assert framework is not None
    identity = NotesIdentity(issued["id"], issued["round"], issued["expert"], issued["framework_id"], issued["framework_version"],
                             issued["language"], issued["issued"])
    cover = _cover(job.workspace, round_, framework, lang, institutions=json.loads(issued["institutions"]))
    write_notes(target, identity, cover, NotesPrefill(dict(analysis.typed), problems, general))


def merged_notes(workspace: Workspace, round_id: str) -> list[NoteRow]:
    """Every expert's current rows of the round (from each expert's latest accepted notes), each attributed."""
    _tables(workspace.ledger.db)
    rows = workspace.ledger.db.execute(f"SELECT {', '.join(ROW_COLUMNS)} FROM notes WHERE round = ? AND superseded_by IS NULL "
                                       "ORDER BY expert, seq", (round_id,)).fetchall()
    return [NoteRow(**dict(zip(ROW_COLUMNS, r))) for r in rows]
