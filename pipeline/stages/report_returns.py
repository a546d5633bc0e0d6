"""Step 5: a returned copy of the draft is merged into the round's current draft, never simply put in its place.

Several people edit copies of the same version at once and send them back in any order. Each copy is merged
three ways (``documents/merge.py``): against the version it was edited from, into the current draft, section
by section. The result is the next version, written to ``outbox/<round>/<round>-borrador-v<N>.docx`` (named in the round's language) with
its identity saying so; a copy that changes nothing makes no new version. The copy itself is archived, and
its receipt says what was taken, what was already there, what conflicts and what was changed outside the
panel's sections.

Versions are made one at a time per workspace (a lock file), so two watchers or a watcher and
``report draft`` never both make version N. Taking a copy can be repeated after a crash: a copy already
merged is known by its SHA-256 and only its receipt is written again.
"""
from __future__ import annotations

import datetime as dt
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from filelock import FileLock

from pipeline.documents.merge import Sides, merge_copy
from pipeline.documents.panel_text import open_document
from pipeline.documents.properties import PIPELINE_AUTHOR, read_custom_properties
from pipeline.documents.receipt import ReceiptContent, write_receipt
from pipeline.documents.report_finish import stamp_version
from pipeline.domain import file_names
from pipeline.domain.drafts import Sender
from pipeline.domain.enums import AnswerKind, DraftOrigin, SectionMerge
from pipeline.domain.models import Round
from pipeline.i18n import messages as m
from pipeline.i18n.translation import translate
from pipeline.ledger.drafts import Returned, current, drafts, record_draft, record_return, returned, returns
from pipeline.ledger.files import replace_with
from pipeline.ledger.workspace import Workspace
from pipeline.stages.report_review import record_observations

SECTION_SENTENCES = {SectionMerge.TAKEN: m.MERGE_SECTION_TAKEN, SectionMerge.SAME: m.MERGE_SECTION_SAME,
                     SectionMerge.CONFLICT: m.MERGE_SECTION_CONFLICT, SectionMerge.SET_APART: m.MERGE_SECTION_SET_APART,
                     SectionMerge.MISSING: m.MERGE_SECTION_MISSING}


@contextmanager
def draft_lock(workspace: Workspace) -> Iterator[None]:
    """Holds the workspace's lock on making draft versions until the block ends (or the process dies)."""
    with FileLock(workspace.root / ".mecigep-drafts.lock"):  # portable; released when the process dies
        yield


def sender_of(document: Any, name: str) -> Sender:
    """Who sent a copy: the name Word or LibreOffice last saved it under (not the pipeline's), and its file name."""
    saver = (document.core_properties.last_modified_by or "").strip()
    return Sender(name, "" if saver == PIPELINE_AUTHOR else saver)


def writer_of(history: dict[int, Returned], section: str, version: int) -> Sender | None:
    """Who wrote the text section ``section`` has in ``version``: the sender of the latest copy whose text of it was
    taken (or kept beside another in a conflict) up to that version; None for the text the pipeline wrote."""
    for number in range(version, 0, -1):
        copy = history.get(number)
        if copy is not None and any(s.id == section and s.decision in (SectionMerge.TAKEN, SectionMerge.CONFLICT, SectionMerge.SET_APART)
                                    for s in copy.outcome.sections):
            return copy.sender
    return None


def history_of(workspace: Workspace, round_id: str) -> dict[int, Returned]:
    """The copies that made each version of the round's draft, by version."""
    return {r.version: r for r in returns(workspace, round_id) if r.version != r.current}


def take_copy(workspace: Workspace, round_: Round, path: Path, name: str, sha256: str, received: str, lang: str) -> Returned:
    """Merges the copy at ``path`` (edited from the version its properties name) into the round's current draft
    and records the new version; returns what became of it. A copy already merged is returned as recorded."""
    known = returned(workspace, sha256)
    if known is not None:
        return known
    with draft_lock(workspace):
        known = returned(workspace, sha256)
        if known is not None:
            return known
        theirs = open_document(path)
        based_on = int(read_custom_properties(path).get("draft_version", "0") or 0)
        versions = {d.version: d for d in drafts(workspace, round_.id)}
        now = current(workspace, round_.id)
        assert now is not None and based_on in versions
        sender, history = sender_of(theirs, name), history_of(workspace, round_.id)
        ours = open_document(workspace.root / now.file)

        def who(section: str) -> str:
            writer = writer_of(history, section, now.version)
            return writer.label(lang) if writer else translate(m.MERGE_GENERATED, lang)

        sides = Sides(who, sender.label(lang), sender.author, now.version, based_on, lang, dt.datetime.fromisoformat(received))
        outcome = merge_copy(open_document(workspace.root / versions[based_on].file), ours, theirs, sides,
                             translate(m.REPORT_SECTIONS_SET_APART, lang))
        version = now.version + 1 if outcome.changes_anything else now.version
        copy = Returned(sha256, round_.id, sender, based_on, now.version, version, outcome, received)
        with workspace.ledger.transaction():
            if version != now.version:
                made = _write_version(workspace, round_, ours, version, lang)
                draft = record_draft(workspace, round_, made, DraftOrigin.RETURNED, based_on, name)
                record_observations(workspace, round_, ours, draft.version)
            record_return(workspace, copy)
        return copy


def _write_version(workspace: Workspace, round_: Round, document: Any, version: int, lang: str) -> Path:
    """Saves ``document`` as version ``version`` of the round's draft in its outbox; returns the file."""
    stamp_version(document, version, lang)
    target = workspace.round_outbox(round_.id) / file_names.draft(round_.id, version, round_.language)
    with tempfile.TemporaryDirectory(prefix="mecigep-merge-") as folder:
        made = Path(folder) / target.name
        document.save(str(made))
        replace_with(made, target)
    return target


def receipt_name(sha256: str, lang: str) -> str:
    """The receipt of a returned copy of a draft, named after the copy's content in the round's language ``lang``."""
    return file_names.answer(AnswerKind.RECEIPT, (), sha256, lang, m.FILE_DRAFT) + AnswerKind.RECEIPT.suffix


def sentences(copy: Returned, lang: str) -> list[str]:
    """What became of each change of the copy, in words of ``lang``."""
    said = [translate(SECTION_SENTENCES[s.decision], lang, section=s.heading, version=copy.version) for s in copy.outcome.sections]
    return said + [translate(m.MERGE_OUTSIDE, lang, where=e.place(lang), version=copy.version) for e in copy.outcome.outside]


def write_copy_receipt(workspace: Workspace, round_: Round, copy: Returned, name: str, lang: str, target: Path) -> Path:
    """The receipt of a returned copy: what was merged, what is already there, what conflicts, what was changed
    outside the panel's sections."""
    catalog = workspace.catalog
    changed = [s for s in copy.outcome.sections if s.decision is not SectionMerge.MISSING]
    taken = [s for s in changed if s.decision in (SectionMerge.TAKEN, SectionMerge.SAME, SectionMerge.SET_APART)]
    labels = {**m.DRAFT_RECEIPT,
              "no_warnings": translate(m.DRAFT_RECEIPT["no_warnings"], lang, version=copy.version),
              "closing": translate(m.DRAFT_RECEIPT["closing"], lang, version=copy.version,
                                   file=file_names.draft(round_.id, copy.version, round_.language))}
    return write_receipt(ReceiptContent(
        round_id=round_.id, country=catalog.state(round_.country).name(lang), topic=catalog.topic(round_.topic).name(lang),
        institution=copy.sender.name or translate(m.DRAFT_UNKNOWN_SENDER, lang),
        questionnaire_id=translate(m.DRAFT_RECEIPT_DRAFT, lang, based_on=copy.based_on, version=copy.version),
        file_name=name, received_at=dt.datetime.fromisoformat(copy.received), sha256=copy.sha256,
        answered=len(taken), required=len(changed), warnings=tuple(sentences(copy, lang)), language=lang,
        subtitle=m.DRAFT_RECEIPT_SUBTITLE, labels=labels, completion_detail=m.DRAFT_RECEIPT_CHANGES), target)
