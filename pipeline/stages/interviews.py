"""Step 4: what the panel takes to the bilateral interviews — a guide per institution and a notes workbook
per expert — and the notes they bring back, merged."""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from pipeline.analysis.consolidation import build
from pipeline.analysis.round_data import RoundData
from pipeline.documents.guide import write_guides
from pipeline.domain import file_names
from pipeline.domain.framework import Framework, pick
from pipeline.domain.models import Round, Stage
from pipeline.domain.notes import NoteRow
from pipeline.domain.problems import UserError
from pipeline.i18n import messages as m
from pipeline.i18n.translation import format_date, normalise_language
from pipeline.ledger import notes as stored_notes
from pipeline.ledger.workspace import Workspace
from pipeline.stages import rounds
from pipeline.stages.frameworks import pinned
from pipeline.stages.round_data import load
from pipeline.workbooks.consolidated import write_consolidated
from pipeline.workbooks.notes import NotesCover, NotesIdentity, write_notes

NOTES_STAGES = (Stage.QUESTIONNAIRE_OPEN, Stage.INTERVIEWS, Stage.DRAFTING)  # notes are taken back while these last
PREPARING = (Stage.INTERVIEWS, Stage.DRAFTING)  # guides and notes workbooks are written once the interviews are on


@dataclass(frozen=True)
class Consolidation:
    """The consolidated workbook written, and what it covers."""

    path: Path
    received: tuple[str, ...]  # institutions' ids
    missing: tuple[str, ...]
    gaps: int
    left_out: tuple[str, ...] = ()  # incomplete returns left out of the scores (``complete_only``)


def _returns_or_allowed(data: RoundData, allow_empty: bool, message: str) -> None:
    """Refuses to make a document of a round no institution answered yet, unless ``allow_empty``."""
    if not data.received and not allow_empty:
        raise UserError(message, round=data.round.id, expected=len(data.institutions))


def consolidate(workspace: Workspace, round_id: str, lang: str | None = None, allow_empty: bool = False,
                complete_only: bool = False) -> Consolidation:
    """Writes the round's consolidated workbook (``lang`` None: the round's language) and records it; refused while
    nothing came back, unless ``allow_empty``. ``complete_only`` leaves the incomplete returns out of the scores and
    means (the workbook says which)."""
    data = load(workspace, round_id, complete_only)
    _returns_or_allowed(data, allow_empty, m.CONS_NO_RETURNS)
    path = write_consolidated(workspace.round_outbox(data.round.id) / file_names.consolidated(data.round.language),
                              build(data, normalise_language(lang or data.round.language)))
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    received = tuple(i.institution.id for i in data.received)
    missing = tuple(i.institution.id for i in data.missing)
    documents = [{"role": "response", "name": i.institution.id, "sha256": i.response.sha256} for i in data.received if i.response]
    with workspace.ledger.transaction():
        workspace.ledger.record("round.consolidated", data.round.id, {
            "file": path.name, "sha256": digest, "received": list(received), "missing": list(missing), "gaps": len(data.gaps),
            "left_out": [i.institution.id for i in data.institutions if i.left_out]},
            documents + [{"role": "consolidated", "name": path.name, "sha256": digest}])
    return Consolidation(path, received, missing, len(data.gaps), tuple(i.institution.id for i in data.institutions if i.left_out))


@dataclass(frozen=True)
class InterviewDocuments:
    guides: list[Path]
    notes: list[Path]


def prepare(workspace: Workspace, round_id: str, lang: str | None = None, allow_empty: bool = False) -> InterviewDocuments:
    """Writes the guides and the notes workbooks of a round at its interviews (or drafting); refused while no
    questionnaire came back, unless ``allow_empty``. ``lang`` None means the round's working language for the
    guides and each expert's own language for the notes workbooks."""
    round_ = rounds.get(workspace, round_id)
    rounds.needs_stage(round_, PREPARING, m.INTERVIEWS_NOT_YET)
    _returns_or_allowed(load(workspace, round_.id), allow_empty, m.GUIDES_NO_RETURNS)
    guides = write_interview_guides(workspace, round_.id, lang)
    notes = emit_notes(workspace, round_.id, lang)
    return InterviewDocuments(guides, notes)


def write_interview_guides(workspace: Workspace, round_id: str, lang: str | None = None) -> list[Path]:
    """Writes one interview guide per institution into outbox/<round>/guias/ (the folder named in the round's
    language) and records them; returns them in the round's order. ``lang`` None means the round's working language."""
    data = load(workspace, round_id)
    language = normalise_language(lang or data.round.language)
    folder = file_names.guides_folder(data.round.language)
    written = write_guides(workspace.catalog, data, workspace.round_outbox(data.round.id) / folder, language)
    documents = [{"role": "interview_guide", "institution": inst.institution.id, "name": f"{folder}/{path.name}",
                  "sha256": hashlib.sha256(path.read_bytes()).hexdigest()} for inst, path in zip(data.institutions, written)]
    with workspace.ledger.transaction():
        workspace.ledger.record("interviews.guides", data.round.id,
                                {"language": language, "institutions": [i.institution.id for i in data.institutions],
                                 "missing": [i.institution.id for i in data.missing], "sources": list(data.sources)},
                                documents)
    return written


def notes_cover(workspace: Workspace, round_: Round, framework: Framework, lang: str, name: str = "", email: str = "",
                institutions: tuple[str, ...] | None = None) -> NotesCover:
    """What a notes workbook shows; its rows are the round's institutions, or those ``institutions`` (ids) when given."""
    cal, who = round_.calendar, round_.panel.coordinator or round_.contact
    known = {i.id: f"{i.name} ({i.acronym})" for i in round_.institutions}
    return NotesCover(
        topic=workspace.catalog.topic(round_.topic).name(lang), country=workspace.catalog.state(round_.country).name(lang),
        framework=framework.display_name(lang),
        visit=" – ".join(format_date(d, lang) for d in (cal.visit_start, cal.visit_end) if d) or "—",
        contact=f"{who.name} <{who.email}>" if who.email else who.name or "—",
        institutions=tuple((i, known.get(i, i)) for i in (institutions if institutions is not None else known)),
        elements=tuple((e, pick(labels, lang, framework.default_language) or e,
                        tuple(framework.number(q) for q in framework.questions if q.element == e)) for e, labels in framework.elements.items()),
        expert_name=name, expert_email=email)


def emit_notes(workspace: Workspace, round_id: str, lang: str | None = None) -> list[Path]:
    """Writes one notes workbook per panel expert (one for the panel when it has none) into outbox/<round>/,
    each recorded as issued; ``lang`` None means the round's working language. Returns the files written."""
    round_ = rounds.get(workspace, round_id)
    if round_.stage is Stage.QUESTIONNAIRE_OPEN:
        rounds.needs_stage(round_, PREPARING, m.INTERVIEWS_NOT_YET)
    if round_.stage not in PREPARING:
        raise UserError(m.NOTES_ROUND_CLOSED, round=round_.id, stage=m.STAGE_NAMES[round_.stage.value])
    round_, framework = pinned(workspace, round_)
    ledger, today = workspace.ledger, dt.date.today().isoformat()
    written = []
    for expert in round_.panel.experts or (None,):
        language = normalise_language(lang or round_.language_of(expert))
        slug, email = (expert.state.lower(), expert.email.lower()) if expert else ("panel", "")
        number = stored_notes.issued_count(ledger, round_.id, email) + 1
        identity = NotesIdentity(f"{round_.id}.notes.{slug}.{number}", round_.id, email, framework.id, framework.version, language, today)
        path = workspace.round_outbox(round_.id) / file_names.notes(round_.id, slug, language, number, round_.language)
        write_notes(path, identity, notes_cover(workspace, round_, framework, language, expert.name if expert else "", email))
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        stored_notes.record_issued(ledger, stored_notes.IssuedNotes(
            identity.notes_id, round_.id, email, framework.id, framework.version, language,
            tuple(i.id for i in round_.institutions), path.name, digest, today))
        written.append(path)
    return written


def merged_notes(workspace: Workspace, round_id: str) -> list[NoteRow]:
    """Every expert's current rows of the round (from each expert's latest accepted notes), each attributed."""
    return stored_notes.current_rows(workspace.ledger, round_id)
