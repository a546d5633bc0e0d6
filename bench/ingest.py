"""Taking returned questionnaires in: reading one, a burst of them, and the delay of the watcher.

``ingest``: what the inbox's isolated child does with one filled 300-answer questionnaire
(the framework ``bench.emit`` builds) — ``analyse``: safety inspection, identity, answers,
normalisation and validation — called in this process, without the fork. Its limit,
``calamine_read``, is python-calamine reading the value of every cell of every sheet of the same
file (what our reader is built on); ``openpyxl_read``, the baseline of earlier runs, is openpyxl
opening it read-only and touching every cell. ``inspection`` is the safety inspection alone
(``safety.inspect``: zip directory, every XML part parsed for DTDs, sheet extents), beside the same
limit: it runs before any reader and is most of what ``ingest`` adds to the read.

``throughput_1_worker`` / ``throughput_2_workers``: files per second (the second beside the first, and
beside ``openpyxl_reader_2_workers``, 13.6 files/s: the figure issue 20 measured on this machine with the
openpyxl reader, before python-calamine) for ``run_once`` taking a
burst of N distinct filled questionnaires of the shipped planning framework (N from
MECIGEP_BENCH_FILES, 1000 by default) from the inbox of a fresh workspace, each to its
receipt. The N files differ in one text answer: the questionnaire is filled once with
openpyxl, then copied N times with that answer's shared string rewritten inside the zip.

``latency``: seconds from the atomic rename of a filled questionnaire into inbox/ to its
receipt in outbox/, with ``watch`` running in a thread (settle 0.2 s); the median of a few drops.
"""
from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import threading
import time
import zipfile
from pathlib import Path

import python_calamine
from openpyxl import load_workbook

from bench import emit as bench_emit
from bench.common import Figure, compared, report
from pipeline.domain import file_names
from pipeline.domain.enums import AnswerKind, DocumentType
from pipeline.domain.framework import QuestionType
from pipeline.domain.models import Institution
from pipeline.inbox.analysis import analyse
from pipeline.inbox.kinds import REGISTRY
from pipeline.inbox.run import run_once, watch
from pipeline.ledger.workspace import Workspace
from pipeline.stages.frameworks import available
from pipeline.stages.questionnaire import emit
from pipeline.stages.rounds import open_round
from pipeline.workbooks.questionnaire import write_questionnaire
from pipeline.workbooks.safety import inspect

FILES = int(os.environ.get("MECIGEP_BENCH_FILES", "1000"))
SETTLE = 0.2
LATENCY_DROPS = 5
OPENPYXL_READER_2_WORKERS = 13.6  # files/s, measured before python-calamine (issue 20's table)
ROUND = "2026-PER-planning"
LANG = "es"
PLACEHOLDER = "Respuesta variante numero 0000000"  # ASCII, and as long as every variant


def _tests():
    """complete_answers, a_round and fill, as the tests use them (imported late: tests/ needs the repository root)."""
    try:
        from pipeline.demo.answers import complete_answers
    except ImportError:
        from tests.answers import complete_answers  # type: ignore[no-redef]
    try:
        from pipeline.demo.filling import fill
    except ImportError:
        from tests.support.filling import fill  # type: ignore[no-redef]
    from tests.conftest import a_round

    return complete_answers, a_round, fill


# 1. One questionnaire


def openpyxl_read(path: Path) -> None:
    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    cell.value  # noqa: B018
    finally:
        wb.close()


def calamine_read(path: Path) -> None:
    workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    try:
        for name in workbook.sheet_names:
            workbook.get_sheet_by_name(name).to_python()
    finally:
        workbook.close()


def big_questionnaire(folder: Path) -> tuple[Workspace, Path]:
    """A workspace whose ledger pins the 300-question framework, and a questionnaire of it filled completely."""
    complete_answers, _, fill = _tests()
    dimensions, lists = bench_emit.spec()
    fw = bench_emit.framework(dimensions, lists)
    identity, cover = bench_emit.identity_and_cover(fw)
    workspace = Workspace.init(folder / "ws-one")
    with workspace.ledger.transaction():
        workspace.ledger.pin_framework(fw)
    blank = folder / "questionnaire-300.xlsx"
    write_questionnaire(blank, fw, identity, cover)
    filled = fill(blank, complete_answers(fw, LANG), folder / "filled-300.xlsx")
    analysis = analyse(filled, workspace.ledger_path, REGISTRY)
    if analysis.kind is not DocumentType.QUESTIONNAIRE or analysis.refusal or analysis.problems or analysis.answered != analysis.required:
        raise RuntimeError(f"the filled 300-answer questionnaire is not read as complete: {analysis.refusal} "
                           f"{len(analysis.problems)} problems, {analysis.answered}/{analysis.required}")
    return workspace, filled


def one_file(folder: Path) -> list[Figure]:
    workspace, filled = big_questionnaire(folder)
    ours, limit = compared(lambda: analyse(filled, workspace.ledger_path, REGISTRY), lambda: calamine_read(filled), repeat=15,
                           stat="median")
    again, openpyxl = compared(lambda: analyse(filled, workspace.ledger_path, REGISTRY), lambda: openpyxl_read(filled),
                               repeat=15, stat="median")
    inspection, limit_again = compared(lambda: inspect(filled), lambda: calamine_read(filled), repeat=15, stat="median")
    return [report("ingest", ours, "s", "calamine_read", limit), report("ingest", again, "s", "openpyxl_read", openpyxl),
            report("inspection", inspection, "s", "calamine_read", limit_again)]


# 2. A burst


def planning_workspace(root: Path) -> tuple[Workspace, Path]:
    """A fresh workspace with the planning round open and MEF's questionnaire emitted."""
    _, a_round, _ = _tests()
    workspace = Workspace.init(root)
    open_round(workspace, a_round(institutions=(
        Institution(id="mef", name="Ministerio de Economía y Finanzas", acronym="MEF", email="mef@example.pe"),)))
    [questionnaire] = emit(workspace, ROUND)
    return workspace, questionnaire


def filled_template(folder: Path) -> tuple[Path, Path]:
    """MEF's planning questionnaire filled completely, its first text answer holding PLACEHOLDER;
    and the zip part where that answer's text is kept."""
    complete_answers, _, fill = _tests()
    workspace, questionnaire = planning_workspace(folder / "ws-template")
    framework = available(workspace)["planning"].framework
    text = next(q for q in framework.questions if q.answerable and q.type is QuestionType.TEXT)
    answers = {**complete_answers(framework, LANG), f"q_{text.name}": PLACEHOLDER}
    filled = fill(questionnaire, answers, folder / "filled-planning.xlsx")
    with zipfile.ZipFile(filled) as archive:
        parts = [i.filename for i in archive.infolist() if PLACEHOLDER.encode() in archive.read(i.filename)]
    if len(parts) != 1:
        raise RuntimeError(f"the varied answer is in {len(parts)} parts of the workbook, not one")
    return filled, Path(parts[0])


def variants(filled: Path, part: Path, count: int, folder: Path) -> list[Path]:
    """``count`` copies of ``filled``, each with its own text answer (so its own bytes and hash)."""
    folder.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(filled) as archive:
        parts = [(info, archive.read(info.filename)) for info in archive.infolist()]
    made = []
    old = PLACEHOLDER.encode()
    for n in range(count):
        new = f"{PLACEHOLDER[:-7]}{n:07d}".encode()
        target = folder / f"respuesta-{n:05d}.xlsx"
        with zipfile.ZipFile(target, "w") as archive:
            for info, data in parts:
                archive.writestr(info, data.replace(old, new) if info.filename == part.as_posix() else data)
        made.append(target)
    return made


def burst(folder: Path, files: list[Path], workers: int) -> float:
    """Files per second for run_once taking ``files`` from the inbox of a fresh workspace."""
    workspace, _ = planning_workspace(folder)
    for path in files:
        shutil.copyfile(path, workspace.inbox / path.name)
    start = time.perf_counter()
    outcomes = run_once(workspace, REGISTRY, settle=0.0, workers=workers, lang=LANG)
    elapsed = time.perf_counter() - start
    results = [o.result for o in outcomes]
    if results.count("accepted") != len(files):
        raise RuntimeError(f"{workers} worker(s): {results.count('accepted')} of {len(files)} files accepted "
                           f"({sorted(set(results))})")
    return len(files) / elapsed


# 3. One file, watched


def latency(folder: Path, files: list[Path]) -> float:
    """Median seconds from the rename into inbox/ to the receipt in outbox/, while ``watch`` runs."""
    from pipeline.ledger.files import sha256_of

    workspace, _ = planning_workspace(folder)
    stop = threading.Event()
    failures: list[BaseException] = []

    def watcher() -> None:
        try:
            # its own Workspace: the ledger's sqlite connection belongs to the thread that opens it
            watch(Workspace(workspace.root), REGISTRY, settle=SETTLE, workers=1, lang=LANG, stop=stop)
        except BaseException as error:  # reported below
            failures.append(error)

    thread = threading.Thread(target=watcher, name="bench-watch", daemon=True)
    thread.start()
    time.sleep(1.0)  # the observer is up and the first pass is done
    samples = []
    try:
        for path in files:
            receipt = workspace.outbox / ROUND / f"{file_names.answer(AnswerKind.RECEIPT, ('mef',), sha256_of(path), LANG)}.docx"
            hidden = workspace.inbox / f".{path.name}"  # ignored by the inbox until renamed
            shutil.copyfile(path, hidden)
            start = time.perf_counter()
            os.rename(hidden, workspace.inbox / path.name)
            while not receipt.exists():
                if failures or time.perf_counter() - start > 60:
                    raise RuntimeError(f"no receipt for {path.name} after {time.perf_counter() - start:.1f} s: {failures}")
                time.sleep(0.002)
            samples.append(time.perf_counter() - start)
            time.sleep(0.3)
    finally:
        stop.set()
        (workspace.inbox / ".bench-stop").write_bytes(b"")  # an ignored file, to wake the loop
        thread.join(timeout=30)
    return statistics.median(samples)


def run() -> list[Figure]:
    figures = []
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as name:
        folder = Path(name)
        figures.extend(one_file(folder))
        filled, part = filled_template(folder)
        files = variants(filled, part, FILES + LATENCY_DROPS, folder / "variants")
        burst_files, watched_files = files[:FILES], files[FILES:]
        one = burst(folder / "ws-1-worker", burst_files, workers=1)
        two = burst(folder / "ws-2-workers", burst_files, workers=2)
        figures.append(report("throughput_2_workers", two, "files/s", "throughput_1_worker", one))
        figures.append(report("throughput_2_workers", two, "files/s", "openpyxl_reader_2_workers", OPENPYXL_READER_2_WORKERS))
        figures.append(report("latency", latency(folder / "ws-watch", watched_files), "s"))
        figures.append(report("settle_window", SETTLE, "s"))
    return figures


if __name__ == "__main__":
    for figure in run():
        print(figure.line())
