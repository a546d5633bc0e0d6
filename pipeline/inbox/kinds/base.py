"""What every kind of document the inbox takes has in common: the shape of its reading, the protocol a kind
follows, and the steps every kind answers with (a receipt or a feedback workbook, archived and recorded once).

A kind is read in the inbox's isolated child (``analyse``, with the ledger open read-only) and decided in the
parent (``take``), which archives, records and answers it, or sets it aside. The registry in
``kinds/__init__.py`` lists them; the engine knows no kind by name.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping, Protocol

from pipeline.domain.enums import AnswerKind, DocumentType, Result
from pipeline.domain.problems import Problem, Severity
from pipeline.i18n import messages as m
from pipeline.i18n.translation import Msgid, translate
from pipeline.inbox.job import Job, Outcome, archive_and_answer, quarantine
from pipeline.ledger.database import Ledger
from pipeline.workbooks.safety import Format
from pipeline.workbooks.sheets import EXCEL_CELL_LIMIT as CELL_LIMIT


@dataclass(frozen=True)
class Analysis:
    """What the child read of one file. ``refusal`` set means it cannot be taken (its params in ``params``);
    ``kind`` None means it is not ours. ``content`` is the kind's own typed reading (the answers, the notes…);
    ``typed`` is every cell as typed, by defined name, to write a feedback copy."""

    format: str = ""
    kind: DocumentType | None = None
    identity: Mapping[str, str] = field(default_factory=dict)
    refusal: Msgid | None = None
    params: dict[str, Any] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()
    content: Any = None
    typed: dict[str, Any] = field(default_factory=dict)
    answered: int = 0
    required: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]


class DocumentKind(Protocol):
    """One kind of document the inbox takes."""

    type: DocumentType
    formats: tuple[Format, ...]
    # A kind may say ``replay = False``: what its ``take`` makes is kept as records of its own, so that
    # ``verify --repair`` re-recording an archived file of it records the document only (default True).

    def analyse(self, path: Path, ledger: Ledger, identity: Mapping[str, str], workbook: Any) -> Analysis:
        """Reads the file (in the isolated child; ``workbook`` is the opened workbook, None for a Word file)."""
        ...

    def take(self, job: Job, analysis: Analysis) -> Outcome:
        """Decides the file's fate against the ledger and finishes it (in the parent)."""
        ...


def identifies(kind: DocumentKind, fmt: Format, identity: Mapping[str, str]) -> bool:
    """Whether a file of format ``fmt`` whose metadata says ``identity`` is of ``kind``."""
    return fmt in kind.formats and identity.get("kind") == kind.type.value


def too_long(analysis: Analysis) -> Analysis:
    """``analysis`` with a problem for every text typed past what an Excel cell holds (saying which answer and
    by how much): the document is answered with feedback rather than accepted, its full text stays in the
    ledger, and every workbook shows its first characters with a mark where it was cut (``sheets.put_text``)."""
    found = tuple(
        Problem(m.ANSWER_TOO_LONG, {"question": name.removeprefix("q_").removeprefix("e_"), "length": len(value),
                                    "over": len(value) - CELL_LIMIT, "limit": CELL_LIMIT})
        for name, value in analysis.typed.items() if isinstance(value, str) and len(value) > CELL_LIMIT)
    return dataclasses.replace(analysis, problems=analysis.problems + found) if found else analysis


def refuse(job: Job, analysis: Analysis, message: Msgid, params: dict[str, Any], problems: tuple[Problem, ...] = ()) -> Outcome:
    """Sets the file aside, saying why; ``problems`` are listed in the note."""
    return quarantine(job, message, params, problems, analysis.kind, analysis.identity)


def by_cell(problems: tuple[Problem, ...], lang: str, cell_of: Callable[[Problem], str | None]) -> tuple[dict[str, list[str]], list[str]]:
    """The problems as sentences in ``lang``: by the defined name of the cell each is about, and those about no cell."""
    cells: dict[str, list[str]] = {}
    general: list[str] = []
    for problem in problems:
        sentence = translate(problem.message, lang, **problem.params)
        name = cell_of(problem)
        if name:
            cells.setdefault(name, []).append(sentence)
        else:
            general.append(sentence)
    return cells, general


@dataclass(frozen=True)
class Reply:
    """How a kind answers a file it took: its events and document roles, the answer's file name for a receipt
    and for a feedback, the writers of each, and the outcome's sentences."""

    kind: DocumentType
    round_id: str
    holder: str  # whose document it is: the institution's id, "panel:<e-mail>", "country"
    store: Callable[[], None]  # the document's own rows, written in the transaction that records it
    received: tuple[str, dict[str, Any], str]  # event kind, payload, the document's role
    answered_event: str
    answer_name: Callable[[AnswerKind], str]  # the answer's file name, without its suffix
    write_receipt: Callable[[Path], None]
    write_feedback: Callable[[Path], None]
    accepted: Msgid
    incomplete: Msgid
    params: dict[str, Any]


def reply(job: Job, analysis: Analysis, how: Reply) -> Outcome:
    """Archives the file, stores its rows, answers it with a receipt (or a feedback workbook when something is to
    correct), records both, and says what happened."""
    accepted = not analysis.errors
    answer_kind = AnswerKind.RECEIPT if accepted else AnswerKind.FEEDBACK
    target = job.workspace.round_outbox(how.round_id) / (how.answer_name(answer_kind) + answer_kind.suffix)
    answer = archive_and_answer(
        job, kind=how.kind.value, round_id=how.round_id, institution=how.holder,
        store=how.store, received=how.received, answer=target,
        write_answer=how.write_receipt if accepted else how.write_feedback,
        suffix=f".{analysis.format or 'xlsx'}",
        answered=(how.answered_event, {**{k: v for k, v in how.received[1].items() if k in ("institution", "expert", "followup")},
                                       "answer": target.name}, answer_kind.value))
    params = {**how.params, "file": job.name, "answered": analysis.answered, "required": analysis.required,
              "errors": len(analysis.errors), "answer": answer}
    return Outcome(job.name, job.sha256, Result.ACCEPTED if accepted else Result.INCOMPLETE,
                   how.accepted if accepted else how.incomplete, params, how.round_id, how.holder, answer)
