"""What a received file is and says: run in an isolated child process (see ``isolation``).

Everything that reads the untrusted bytes happens here: the safety inspection,
the workbook's identity, its answers, their normalisation and validation. The
result is a plain value sent back to the parent, which decides the file's fate
against the ledger.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.domain.framework import Framework
from pipeline.domain.problems import Problem, UserError
from pipeline.i18n import messages as m

QUESTIONNAIRE = "questionnaire"
ROUND_REQUEST = "round_request"


@dataclass(frozen=True)
class Analysis:
    """``refusal`` set means the file cannot be taken (its params in ``params``); ``kind`` None means not ours."""

    format: str = ""
    kind: str | None = None
    identity: dict[str, str] = field(default_factory=dict)
    refusal: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()
    answers: dict[str, Any] = field(default_factory=dict)  # question -> normalised value
    typed: dict[str, Any] = field(default_factory=dict)  # cell name -> value as typed, for a feedback copy
    answered: int = 0
    required: int = 0
    request: Any = None  # the RequestContent of a round request


def warm_up(ledger_path: Path | None = None) -> None:
    """Prepares, in the process that forks the readers, what reading a file needs (the modules; with
    ``ledger_path``, the answer models and rules of the pinned frameworks), so that each child inherits it
    instead of redoing it for every file."""
    from pipeline.analysis.normalise import normalise  # noqa: F401
    from pipeline.analysis.validation import answer_model
    from pipeline.frameworks.expressions import parse
    from pipeline.workbooks import request, response, safety  # noqa: F401

    if ledger_path is None:
        return
    db = sqlite3.connect(f"file:{ledger_path}?mode=ro", uri=True)
    try:
        rows = db.execute("SELECT data FROM frameworks").fetchall()
    finally:
        db.close()
    for (data,) in rows:
        framework = Framework.model_validate_json(data)
        answer_model(framework)
        for question in framework.questions:
            for rule in (question.relevant, question.constraint):
                if rule:
                    try:
                        parse(rule)
                    except ValueError:
                        pass


def pinned_framework(ledger_path: Path, framework_id: str, version: str) -> Framework | None:
    """The framework a round pinned, read without writing to the ledger; None when it is unknown."""
    db = sqlite3.connect(f"file:{ledger_path}?mode=ro", uri=True)
    try:
        row = db.execute("SELECT data FROM frameworks WHERE id = ? AND version = ?", (framework_id, version)).fetchone()
    finally:
        db.close()
    return Framework.model_validate_json(row[0]) if row else None


def analyse(path: Path, ledger_path: Path) -> Analysis:
    """Reads the file at ``path`` as far as it is safe and ours."""
    from pipeline.workbooks.safety import Format, inspect

    inspection = inspect(path)
    if inspection.refusal is not None:
        return Analysis(inspection.format.value, refusal=inspection.refusal.message, params=dict(inspection.detail))
    if inspection.format in (Format.ODS,):
        return Analysis(inspection.format.value, refusal=m.INBOX_ODS)
    if inspection.format is Format.DOCX:
        from pipeline.documents.properties import read_custom_properties

        identity = read_custom_properties(path)
        if identity.get("kind") == "report_draft":
            return Analysis("docx", "report_draft", identity)
        return Analysis("docx", None, identity, refusal=m.INBOX_WORD_DOCUMENT)
    if inspection.format in (Format.DOCM, Format.ODT):
        return Analysis(inspection.format.value, refusal=m.INBOX_WORD_DOCUMENT)
    if inspection.format is not Format.XLSX:
        return Analysis(inspection.format.value, refusal=m.INBOX_NOT_A_WORKBOOK, params={"kind": inspection.format.value})
    from pipeline.workbooks.response import open_workbook, read_identity

    workbook = open_workbook(path)
    identity = read_identity(workbook)
    kind = identity.get("kind")
    if kind == QUESTIONNAIRE:
        return _questionnaire(path, ledger_path, identity, workbook)
    if kind == ROUND_REQUEST:
        from pipeline.workbooks.request import read_request

        try:
            return Analysis("xlsx", kind, identity, request=read_request(path))
        except UserError as error:
            return Analysis("xlsx", kind, identity, problems=error.problems)
    if kind == "interview_notes":  # --- interview notes (pipeline/notes.py): read and checked here, in the child ---
        from pipeline.stages.notes import analyse_notes

        return analyse_notes(path, ledger_path, identity)
    if kind == "followup":  # --- follow-up of recommendations (pipeline/followup.py): read and checked here, in the child ---
        from pipeline.stages.followup import analyse_followup

        return analyse_followup(path, ledger_path, identity, workbook)
    return Analysis("xlsx", None, identity, refusal=m.INBOX_NOT_OURS)


def _questionnaire(path: Path, ledger_path: Path, identity: dict[str, str], workbook: Any) -> Analysis:
    from pipeline.analysis.normalise import normalise
    from pipeline.analysis.validation import validate
    from pipeline.workbooks.response import read_answers

    framework = pinned_framework(ledger_path, identity.get("framework_id", ""), identity.get("framework_version", ""))
    if framework is None:
        return Analysis("xlsx", QUESTIONNAIRE, identity, refusal=m.INBOX_FOREIGN,
                        params={"questionnaire": identity.get("questionnaire_id", "?")})
    lang = identity.get("language")
    raw = read_answers(path, framework, workbook)
    normalised = normalise(raw, framework, lang)
    validation = validate(normalised, framework, lang)
    typed: dict[str, Any] = {}
    for name, cell in raw.answers.items():
        typed[f"q_{name}"] = cell.value
    for name, cell in raw.evidence.items():
        typed[f"e_{name}"] = cell.value
    for name, cell in raw.respondent.items():
        typed[name] = cell.value
    answers = {name: answer.value for name, answer in normalised.answers.items() if answer.value is not None}
    respondent = {name: answer.value for name, answer in normalised.respondent.items() if answer.value is not None}
    evidence = {name: answer.value for name, answer in normalised.evidence.items() if answer.value is not None}
    raw_answers = {name: cell.value for name, cell in raw.answers.items() if cell.value not in (None, "")}
    return Analysis(
        "xlsx", QUESTIONNAIRE, identity,
        problems=validation.problems,
        answers={"answers": answers, "raw": raw_answers, "evidence": evidence, "respondent": respondent,
                 "statuses": {name: status.value for name, status in validation.statuses.items()}},
        typed=typed,
        answered=validation.answered,
        required=validation.required,
    )
