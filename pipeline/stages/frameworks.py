"""Where frameworks come from: the shipped ``templates_xlsx/frameworks/`` and a workspace's own
``frameworks/`` folder (which wins on the same id), and the version a round pins.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.domain.framework import Framework
from pipeline.domain.models import Round
from pipeline.domain.problems import UserError
from pipeline.frameworks.compiler import CompileResult, compile_framework
from pipeline.i18n import messages as m
from pipeline.ledger.workspace import Workspace
from pipeline.workbooks.xlsform import read_xlsform

SHIPPED = Path(__file__).resolve().parents[2] / "templates_xlsx" / "frameworks"


def check_framework(path: Path) -> CompileResult:
    """Reads and compiles the framework workbook at ``path``, with every problem found; raises UserError when
    the file cannot be read as a workbook."""
    return compile_framework(read_xlsform(path), Path(path).name)


def load_framework(path: Path) -> Framework:
    """Reads and compiles the framework workbook at ``path``; raises UserError listing every error."""
    result = check_framework(path)
    if result.framework is None:
        raise UserError.of(result.errors)
    return result.framework


@dataclass(frozen=True)
class Entry:
    path: Path
    framework: Framework


_compiled: dict[tuple[Path, float], Framework] = {}


def _load(path: Path) -> Framework:
    key = (path, path.stat().st_mtime)
    if key not in _compiled:
        _compiled[key] = load_framework(path)
    return _compiled[key]


def folders(workspace: Workspace | None) -> list[Path]:
    found = [SHIPPED]
    if workspace is not None:
        found.append(workspace.root / "frameworks")
    return [f for f in found if f.is_dir()]


def available(workspace: Workspace | None) -> dict[str, Entry]:
    """Every framework by id; a workspace's own file replaces a shipped one with the same id."""
    entries: dict[str, Entry] = {}
    for folder in folders(workspace):
        for path in sorted(folder.glob("*.xlsx")):
            if path.name.startswith(("~$", ".")):
                continue
            framework = _load(path)
            entries[framework.id] = Entry(path, framework)
    return entries


def find(workspace: Workspace | None, framework_id: str) -> Entry:
    """The framework with that id; raises UserError when there is none."""
    entry = available(workspace).get(framework_id)
    if entry is None:
        raise UserError(m.UNKNOWN_FRAMEWORK, framework=framework_id)
    return entry


def for_topic(workspace: Workspace, topic: str) -> Framework:
    """The framework for a topic: the one whose settings name the topic, else the one whose id is the topic."""
    entries = available(workspace)
    for entry in entries.values():
        if entry.framework.topic == topic:
            return entry.framework
    if topic in entries:
        return entries[topic].framework
    raise UserError(m.NO_FRAMEWORK_FOR_TOPIC, topic=topic)


def pinned(workspace: Workspace, round_: Round) -> tuple[Round, Framework]:
    """The round's framework: the version it pinned, or (pinning it now, recorded as an event) the current one
    for its topic. Returns the round as stored and its framework."""
    if round_.framework_id and round_.framework_version:
        kept = workspace.ledger.framework(round_.framework_id, round_.framework_version)
        if kept is not None:
            return round_, kept
        framework = find(workspace, round_.framework_id).framework
    else:
        framework = for_topic(workspace, round_.topic)
    return workspace.ledger.pin(round_, framework), framework
