"""Step 5: the country's review of the draft and its right of reply.

Every observation made in a draft — a tracked change, a comment, a marked line left by a merge — is recorded
once, verbatim, when the version holding it is made (``record_observations``), with whether its author is of
the panel or of the government. ``report review`` writes the comment-and-response matrix of the round: one
row per observation, with the answers recorded so far; the panel decides and responds, the government may
withdraw, and the matrix comes back through the inbox (``take_matrix``). The government's observations the
panel did not accept, and that it did not withdraw, are annexed verbatim to the final report
(``unaccepted``).
"""
from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.analysis.review import MatrixAnswers
from pipeline.documents.panel_text import open_document
from pipeline.documents.report_annexes import quote
from pipeline.documents.review import comments, observations, tracked_changes
from pipeline.domain import file_names
from pipeline.domain.enums import ReviewDecision
from pipeline.domain.models import Round
from pipeline.domain.problems import UserError
from pipeline.domain.review import Observation, ObservationKind, ReviewAnswer, Unaccepted
from pipeline.i18n import messages as m
from pipeline.i18n.translation import format_date, normalise_language, translate
from pipeline.ledger import reviews
from pipeline.ledger.drafts import current
from pipeline.ledger.workspace import Workspace
from pipeline.stages import rounds
from pipeline.workbooks.review import MatrixCover, MatrixIdentity, MatrixPrefill, MatrixRow, RawMatrix, write_review_matrix

KINDS = {ObservationKind.INSERTION: m.REVIEW_KIND_INSERTION, ObservationKind.DELETION: m.REVIEW_KIND_DELETION,
         ObservationKind.MOVED: m.REVIEW_KIND_MOVED, ObservationKind.COMMENT: m.REVIEW_KIND_COMMENT,
         ObservationKind.MARKED: m.REVIEW_KIND_MARKED}


def _name(text: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    return [w for w in "".join(c if c.isalnum() else " " for c in plain).split() if w]


def of_panel(author: str, round_: Round) -> bool:
    """Whether ``author`` (as Word or LibreOffice signs) is one of the panel: an expert or the coordinator, by name
    (every word of the shorter name in the longer one: "Ana Souza" is "Ana Beatriz Souza") or e-mail."""
    words = _name(author)
    if not words:
        return False
    people = [*round_.panel.experts, *([round_.panel.coordinator] if round_.panel.coordinator else [])]
    for person in people:
        name = _name(person.name)
        email = (getattr(person, "email", "") or "").casefold()
        shorter, longer = sorted((words, name), key=len)
        if name and set(shorter) <= set(longer) and (len(shorter) > 1 or len(longer) == 1):
            return True
        if email and author.strip().casefold() in (email, email.split("@")[0]):
            return True
    return False


def record_observations(workspace: Workspace, round_: Round, document: Any, version: int) -> int:
    """Records the observations of ``document`` (version ``version``) not yet known; returns how many were new.
    Joins the caller's transaction."""
    found = [Observation(o.kind, o.author, o.date, o.section, o.text, o.commented,
                         o.kind is not ObservationKind.MARKED and not of_panel(o.author, round_), version, o.position)
             for o in observations(document)]
    with workspace.ledger.transaction():
        return reviews.store_observations(workspace.ledger, round_.id, found)


@dataclass(frozen=True)
class ReviewResult:
    path: Path
    changes: int  # tracked changes of the current draft
    comments: int  # comments of the current draft
    version: int
    rows: int  # observations listed, of every version


def matrix_rows(workspace: Workspace, round_: Round, lang: str) -> list[MatrixRow]:
    """One row per observation of the round, with the latest answer to it, in words of ``lang``."""
    answered = reviews.answers(workspace.ledger, round_.id)
    rows = []
    for o in reviews.observations(workspace.ledger, round_.id):
        answer = answered.get(o.key, ReviewAnswer(None, "", False))
        when = dt.datetime.fromisoformat(o.date) if o.date else None
        where = translate(m.REVIEW_WHERE_ON, lang, section=translate(o.section, lang), quote=quote(o.commented, 90)) if o.commented \
            else translate(o.section, lang)
        rows.append(MatrixRow(
            o.key, translate(KINDS[o.kind], lang),
            "" if o.kind is ObservationKind.MARKED else translate(m.REVIEW_SIDE_COUNTRY if o.country else m.REVIEW_SIDE_PANEL, lang),
            o.author or ("" if o.kind is ObservationKind.MARKED else translate(m.REVIEW_UNKNOWN_AUTHOR, lang)),
            f"{format_date(when.date(), lang, 'medium')} {when:%H:%M}" if when else "", where, o.text,
            translate(m.REVIEW_DECISIONS[answer.decision.value], lang) if answer.decision else "", answer.response,
            translate(m.Q_YES, lang) if answer.withdrawn else ""))
    return rows


def matrix_cover(workspace: Workspace, round_: Round, version: int, lang: str, today: dt.date) -> tuple[MatrixIdentity, MatrixCover]:
    catalog = workspace.catalog
    title = translate(m.REVIEW_COVER, lang, round=round_.id, country=catalog.state(round_.country).name(lang),
                      topic=catalog.topic(round_.topic).name(lang))
    draft_file = file_names.draft(round_.id, version, round_.language)
    return (MatrixIdentity(round_.id, version, lang, today.isoformat()),
            MatrixCover(title, translate(m.REVIEW_VERSION, lang, version=version, file=draft_file, date=today)))


def write_review(workspace: Workspace, round_id: str, lang: str | None = None, today: dt.date | None = None) -> ReviewResult:
    """The review matrix of the round as its current draft stands: every observation, with the answers so far."""
    round_ = rounds.get(workspace, round_id)
    draft = current(workspace, round_.id)
    if draft is None:
        raise UserError(m.REPORT_NO_DRAFT, round=round_.id)
    document = open_document(workspace.root / draft.file)
    record_observations(workspace, round_, document, draft.version)
    language = normalise_language(lang or round_.language)
    rows = matrix_rows(workspace, round_, language)
    identity, cover = matrix_cover(workspace, round_, draft.version, language, today or dt.date.today())
    target = write_review_matrix(workspace.round_outbox(round_.id) / file_names.review(round_.id, draft.version, round_.language), identity, cover, rows)
    return ReviewResult(target, len(tracked_changes(document)), len(comments(document)), draft.version, len(rows))


def write_matrix_feedback(workspace: Workspace, round_: Round, version: int, lang: str, read: MatrixAnswers,
                          raw: RawMatrix, target: Path) -> Path:
    """The matrix again, with what was typed in it and each cell to correct marked."""
    typed = {key: {name: "" if cell.value is None else str(cell.value) for name, cell in cells.items()} for key, cells in raw.rows.items()}
    cells = {(key, name): cell.where.cell for key, fields in raw.rows.items() for name, cell in fields.items()}
    by_cell = {where: (key, name) for (key, name), where in cells.items()}
    problems: dict[tuple[str, str], list[str]] = {}
    for problem in read.problems:
        spot = by_cell.get(problem.where.cell if problem.where else None)
        if spot is not None:
            problems.setdefault(spot, []).append(translate(problem.message, lang, **problem.params))
    identity, cover = matrix_cover(workspace, round_, version, lang, dt.date.today())
    return write_review_matrix(target, identity, cover, matrix_rows(workspace, round_, lang), MatrixPrefill(typed, problems))


def unaccepted(workspace: Workspace, round_id: str) -> list[Unaccepted]:
    """The government's observations not accepted by the panel and not withdrawn, in the order they were made."""
    answered = reviews.answers(workspace.ledger, round_id)
    found = []
    for o in reviews.observations(workspace.ledger, round_id):
        answer = answered.get(o.key, ReviewAnswer(None, "", False))
        if o.country and not answer.withdrawn and answer.decision is not ReviewDecision.ACCEPTED:
            found.append(Unaccepted(o, answer))
    return found
