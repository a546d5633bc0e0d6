"""Step 5: what changed between two versions of the draft, for reviewers to read only what is new.

``mecigep report compare ROUND V1 V2`` writes ``outbox/<round>/<round>-cambios-v<V1>-v<V2>.docx`` (named in the round's language): every panel
section that changed, with its changes as tracked insertions and deletions signed by whoever wrote the newer
text — the sender of the copy that brought it in (for a deletion, that took it out), found version by version
between the two — as Word's Compare shows them (``documents/compare.py``).
"""
from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pipeline.documents.compare import compare_versions, section_texts
from pipeline.documents.panel_text import is_marked_text, open_document
from pipeline.documents.properties import PIPELINE_AUTHOR
from pipeline.domain import file_names
from pipeline.domain.problems import UserError
from pipeline.i18n import messages as m
from pipeline.i18n.translation import normalise_language
from pipeline.ledger.drafts import drafts
from pipeline.ledger.files import replace_with
from pipeline.ledger.workspace import Workspace
from pipeline.stages import rounds
from pipeline.stages.report_returns import history_of, writer_of


@dataclass(frozen=True)
class CompareResult:
    path: Path
    changed: int  # panel sections changed, added or gone


def compare(workspace: Workspace, round_id: str, old: int, new: int, lang: str | None = None) -> CompareResult:
    """Writes the comparison of versions ``old`` and ``new`` of the round's draft; raises UserError for a version
    the round does not have."""
    round_ = rounds.get(workspace, round_id)
    versions = {d.version: d for d in drafts(workspace, round_.id)}
    for version in (old, new):
        if version not in versions:
            raise UserError(m.COMPARE_NO_VERSION, round=round_.id, version=version, versions=tuple(str(v) for v in versions) or "—")
    history = history_of(workspace, round_.id)
    texts = {v: section_texts(open_document(workspace.root / versions[v].file)) for v in range(old + 1, new + 1) if v in versions}

    def author_of(section: str, text: str, deleted: bool) -> tuple[str, dt.datetime | None]:
        """Who made a change: the version where an inserted text first appears (a deleted one first is gone), and
        the copy that made that version; the marked lines of a merge are the pipeline's."""
        if is_marked_text(text):
            return PIPELINE_AUTHOR, None
        made = next((v for v in sorted(texts) if (text in texts[v].get(section, set())) != deleted), new)
        copy = history.get(made)
        if copy is not None:
            return copy.sender.author, dt.datetime.fromisoformat(copy.received)
        writer = writer_of(history, section, made)
        return (writer.author, None) if writer else (PIPELINE_AUTHOR, None)

    document = open_document(workspace.root / versions[new].file)
    changed = compare_versions(open_document(workspace.root / versions[old].file), document, (old, new), author_of,
                               normalise_language(lang or round_.language))
    target = workspace.round_outbox(round_.id) / file_names.comparison(round_.id, old, new, round_.language)
    with tempfile.TemporaryDirectory(prefix="mecigep-compare-") as folder:
        made = Path(folder) / target.name
        document.save(str(made))
        replace_with(made, target)
    return CompareResult(target, changed)
