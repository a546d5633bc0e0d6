"""DGPE's own additions to a round's answers, each recorded with who and when: corrections of obvious slips an
official confirmed (the official's file and stored response never change; the consolidation shows the corrected
value, marked) and quality checks marked explained."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pipeline.analysis.checks import Gap
from pipeline.analysis.corrections import corrected, shown, understand
from pipeline.domain.answers import Response
from pipeline.domain.corrections import CheckMark, Correction
from pipeline.domain.models import Institution, Round, Stage
from pipeline.domain.problems import UserError
from pipeline.i18n.messages.checks import (
    CHECK_NO_NOTE,
    CHECK_UNKNOWN,
    CORRECTION_NO_NOTE,
    CORRECTION_NO_RESPONSE,
    CORRECTION_PUBLISHED,
    CORRECTION_SAME,
    CORRECTION_UNKNOWN_INSTITUTION,
    CORRECTION_UNKNOWN_QUESTION,
)
from pipeline.ledger import corrections as stored
from pipeline.ledger import records
from pipeline.ledger.workspace import Workspace
from pipeline.stages import rounds
from pipeline.stages.frameworks import pinned
from pipeline.stages.round_data import load


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _institution(round_: Round, ref: str) -> Institution:
    found = round_.institution(ref)
    if found is None:
        raise UserError(CORRECTION_UNKNOWN_INSTITUTION, round=round_.id, institution=ref,
                        institutions=[i.acronym for i in round_.institutions])
    return found


def correct(workspace: Workspace, round_id: str, institution: str, question: str, typed: str, note: str, by: str) -> Correction:
    """Records DGPE's correction of ``institution``'s current answer to ``question`` (``typed`` as it would be typed in
    the questionnaire), with the note saying why; returns it. Raises UserError when the round is published, the
    institution sent nothing, the question does not exist, the value cannot be understood or changes nothing."""
    if not note.strip():
        raise UserError(CORRECTION_NO_NOTE)
    round_, framework = pinned(workspace, rounds.get(workspace, round_id))
    if round_.stage in (Stage.PUBLISHED, Stage.WITHDRAWN):
        raise UserError(CORRECTION_PUBLISHED, round=round_.id)
    inst = _institution(round_, institution)
    response = next((r for r in records.responses(workspace.ledger, round_.id) if r.institution == inst.id), None)
    if response is None:
        raise UserError(CORRECTION_NO_RESPONSE, round=round_.id, institution=inst.acronym)
    q = framework.question(question.strip()) or next((q for q in framework.questions if framework.number(q) == question.strip()), None)
    if q is None or not q.answerable:
        raise UserError(CORRECTION_UNKNOWN_QUESTION, round=round_.id, question=question)
    value = understand(framework, q, typed.strip(), round_.language)
    made = [c for c in stored.corrections(workspace.ledger, round_.id, inst.id) if c.response == response.sha256]
    before = corrected(response.answers, made).value(q.name)
    if before == value:
        raise UserError(CORRECTION_SAME, institution=inst.acronym, question=framework.reference(q), value=typed.strip())
    correction = Correction(round_.id, inst.id, response.sha256, q.name, before, value, typed.strip(), note.strip(), by, _now())
    stored.add_correction(workspace.ledger, correction)
    return correction


@dataclass(frozen=True)
class History:
    """An institution's versions (oldest first; the last is current) and DGPE's corrections (in the order made)."""

    institution: Institution
    versions: tuple[Response, ...]
    corrections: tuple[Correction, ...]


def history(workspace: Workspace, round_id: str, institution: str) -> History:
    """Every version ``institution`` sent in the round and every correction DGPE made to them."""
    round_ = rounds.get(workspace, round_id)
    inst = _institution(round_, institution)
    versions = tuple(r for r in records.responses(workspace.ledger, round_.id, current_only=False) if r.institution == inst.id)
    return History(inst, versions, tuple(stored.corrections(workspace.ledger, round_.id, inst.id)))


@dataclass(frozen=True)
class CheckState:
    gap: Gap
    mark: CheckMark | None  # None: not explained


def checks(workspace: Workspace, round_id: str) -> list[CheckState]:
    """The round's gaps and quality checks as they stand now, each with its mark when it was explained."""
    data = load(workspace, round_id)
    return [CheckState(g, data.marks.get(g.key)) for g in data.gaps]


def explain(workspace: Workspace, round_id: str, check: str, note: str, by: str) -> CheckMark:
    """Marks the check named ``check`` explained, with staff's note (kept, shown in the consolidated workbook and the
    guides); raises UserError when the round has no such check now or the note is empty."""
    if not note.strip():
        raise UserError(CHECK_NO_NOTE)
    data = load(workspace, round_id)
    key = check.strip()
    if key not in {g.key for g in data.gaps}:
        raise UserError(CHECK_UNKNOWN, round=data.round.id, check=key)
    mark = CheckMark(data.round.id, key, note.strip(), by, _now())
    stored.add_mark(workspace.ledger, mark)
    return mark


def described(workspace: Workspace, correction: Correction, lang: str) -> tuple[str, str]:
    """A correction's before and after values as people read them in ``lang``."""
    _, framework = pinned(workspace, rounds.get(workspace, correction.round))
    q = framework.question(correction.question)
    if q is None:
        return str(correction.before), str(correction.after)
    return shown(framework, q, correction.before, lang), shown(framework, q, correction.after, lang)
