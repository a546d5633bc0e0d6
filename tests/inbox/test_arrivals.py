"""Whatever arrives, the inbox never stops for one file and never takes half of one; each odd arrival sits beside
a valid return, which must get its receipt in the same pass."""
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import warnings
from pathlib import Path

import openpyxl
import pytest

from pipeline.cli.app import main
from pipeline.domain.enums import WaitReason
from pipeline.i18n import messages as m
from pipeline.i18n.translation import translate
from pipeline.inbox.analysis import analyse
from pipeline.inbox.kinds import REGISTRY
from pipeline.inbox.readiness import Arrival, Settler, claim_all, scan, survey, work_files
from pipeline.inbox.run import run_once, start_up
from pipeline.ledger import records
from pipeline.ledger.files import sha256_of
from pipeline.ledger.names import display
from pipeline.stages.interviews import consolidate
from pipeline.workbooks.cells import named_cells
from pipeline.workbooks.sheets import EXCEL_CELL_LIMIT
from tests.support import hostile
from tests.support.office import libreoffice_convert, soffice
from tests.support.returns import ROUND, filled, issue, with_text

SETTLE = 0.3


@pytest.fixture
def issued(workspace):
    return issue(workspace)


@pytest.fixture
def valid(issued, workspace, tmp_path):
    """PCM's complete return, dropped in the inbox beside each odd case."""
    path = filled(issued, "pcm", tmp_path / "pcm.xlsx")
    shutil.copyfile(path, workspace.inbox / "pcm respuesta.xlsx")
    return path


def run(workspace, settle=SETTLE, give_up_after=None):
    return run_once(workspace, REGISTRY, settle=settle, workers=1, lang="es", give_up_after=give_up_after)


def receipted(workspace, source: Path) -> bool:
    document = records.document(workspace.ledger, sha256_of(source))
    return document is not None and document.answer is not None and (workspace.root / document.answer).exists()


def test_a_name_longer_than_any_prefix_leaves_room_for_is_taken_and_kept_whole(workspace, issued, valid, tmp_path):
    name = "Respuesta " + "MEF " * 58 + ".xlsx"
    assert len(name.encode()) > 241
    source = filled(issued, "mef", tmp_path / "mef.xlsx")
    shutil.copyfile(source, workspace.inbox / name)
    run(workspace)
    assert receipted(workspace, valid) and receipted(workspace, source)
    assert records.document(workspace.ledger, sha256_of(source)).name == name
    assert all(len(p.name.encode()) <= 255 for p in workspace.root.rglob("*"))


def test_a_name_that_is_not_utf8_is_taken_kept_as_bytes_and_shown_escaped(workspace, issued, valid, tmp_path):
    raw = b"resp\xff\xfe.xlsx"
    source = filled(issued, "mef", tmp_path / "mef.xlsx")
    shutil.copyfile(source, os.path.join(os.fsencode(workspace.inbox), raw))
    [*_] = run(workspace)
    document = records.document(workspace.ledger, sha256_of(source))
    assert receipted(workspace, valid) and receipted(workspace, source)
    assert document.name == "resp\\xff\\xfe.xlsx" == display(raw) and bytes.fromhex(document.raw_name) == raw


def test_a_broken_workbook_named_oddly_is_set_aside_under_the_name_it_arrived_with(workspace, valid, tmp_path):
    raw = b"da\xf1ado\n.xlsx"
    (Path(os.fsdecode(os.path.join(os.fsencode(workspace.inbox), raw)))).write_bytes(hostile.truncated(tmp_path).read_bytes())
    run(workspace)
    [note] = workspace.quarantine.glob("*.txt")
    assert translate(m.NOTE_FILE, "es", file="da\\xf1ado\\x0a.xlsx") in note.read_text()
    assert receipted(workspace, valid)


def test_a_file_the_pipeline_may_not_read_waits_and_is_said_so(workspace, valid, tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads every file; tests/inbox/test_restarts.py runs this case without root's capabilities")
    locked = workspace.inbox / "cerrado.xlsx"
    shutil.copyfile(valid, locked)
    locked.chmod(0)
    run(workspace, give_up_after=1)
    assert receipted(workspace, valid) and locked.exists()
    assert [w.reason for w in survey(workspace.inbox, workspace.work) if w.name == "cerrado.xlsx"] == [WaitReason.UNREADABLE]


def test_a_file_that_leaves_the_inbox_while_listed_is_skipped(workspace, valid):
    gone = workspace.inbox / "gone.xlsx"
    shutil.copyfile(valid, gone)
    seen = gone.stat()
    gone.unlink()
    assert claim_all([Arrival(gone, b"gone.xlsx", seen.st_size, seen.st_mtime_ns, seen.st_ino)], workspace) == []
    run(workspace)
    assert receipted(workspace, valid)


def test_a_file_moved_away_during_a_scan_never_stops_it(workspace, valid, tmp_path):
    for n in range(200):
        (workspace.inbox / f"x{n}.tmp.xlsx").write_bytes(b"x")
    stop = threading.Event()

    def churn():
        while not stop.is_set():
            for path in list(workspace.inbox.glob("x*.tmp.xlsx")):
                try:
                    path.rename(tmp_path / path.name)
                    (tmp_path / path.name).rename(path)
                except OSError:
                    pass

    thread = threading.Thread(target=churn)
    thread.start()
    try:
        for _ in range(30):
            scan(workspace.inbox)
    finally:
        stop.set()
        thread.join()


def test_a_40000_character_answer_is_an_answer_problem_cut_with_a_mark_and_kept_whole(workspace, issued, valid, tmp_path):
    text = "Una respuesta muy larga. " * 1600
    assert len(text) == 40_000
    source = with_text(filled(issued, "mef", tmp_path / "short.xlsx", q_pl_29="RESPUESTA-LARGA"), "RESPUESTA-LARGA", text,
                       tmp_path / "mef.xlsx")
    shutil.copyfile(source, workspace.inbox / "mef.xlsx")
    outcomes = {o.file: o for o in run(workspace)}
    assert receipted(workspace, valid)
    outcome = outcomes["mef.xlsx"]
    assert outcome.result == "incomplete"
    feedback = openpyxl.load_workbook(workspace.root / outcome.answer)
    cell = named_cells(feedback, "q_pl_29")[0]
    assert len(cell.value) == EXCEL_CELL_LIMIT and cell.value.endswith(f" […+{40_000 - cell.value.index(' […')}]")
    expected = translate(m.ANSWER_TOO_LONG, "es", question="pl_29", length=40_000, over=40_000 - EXCEL_CELL_LIMIT, limit=EXCEL_CELL_LIMIT)
    assert expected in cell.comment.text
    [response] = [r for r in records.responses(workspace.ledger, ROUND) if r.institution == "mef"]
    assert response.answers.value("pl_29") == text.strip()  # the whole text, in the ledger
    consolidated = openpyxl.load_workbook(consolidate(workspace, ROUND).path)  # every writer cuts it the same way
    longest = max((c.value for ws in consolidated for row in ws.iter_rows() for c in row if isinstance(c.value, str)), key=len)
    assert len(longest) == EXCEL_CELL_LIMIT and longest.startswith("Una respuesta muy larga.") and longest.endswith("]")


def test_a_workbook_is_what_its_content_says_whatever_its_name(workspace, issued, valid, tmp_path):
    names = ["respuesta", "respuesta.zip", "respuesta.xls", "respuesta.xlsx.bak", "RESPUESTA.XLSX", "r.xlsx.xlsx"]
    sources = []
    for n, name in enumerate(names):
        source = filled(issued, "mef", tmp_path / f"mef{n}.xlsx", resp_name=f"Persona {n}")
        shutil.copyfile(source, workspace.inbox / name)
        sources.append(source)
    run(workspace)
    assert receipted(workspace, valid) and all(receipted(workspace, s) for s in sources)


@pytest.mark.parametrize("build, reason", [
    (hostile.part_in_other_case, m.MSG_PART_CASE), (hostile.backslash_parts, m.MSG_BACKSLASH_PARTS),
    (hostile.bad_sheet_state, m.MSG_SHEET_STATE), (hostile.xlsb, m.MSG_BINARY_WORKBOOK),
], ids=["part-case", "backslashes", "sheet-state", "xlsb"])
def test_a_workbook_a_reader_would_stumble_on_is_set_aside_with_what_is_wrong(workspace, valid, tmp_path, build, reason):
    made = build(tmp_path)
    shutil.copyfile(made, workspace.inbox / "devuelto.xlsx")
    outcomes = {o.file: o for o in run(workspace)}
    assert receipted(workspace, valid)
    note = (workspace.root / outcomes["devuelto.xlsx"].answer).with_suffix(".xlsx.txt").read_text()
    assert translate(m.NOTE_FILE, "es", file="devuelto.xlsx") in note
    assert translate(reason, "es", part="§", named="§", sheet="§", state="§").split("§")[0][:20] in note


def test_a_reply_in_a_folder_is_taken_links_and_pipes_are_reported_never_read(workspace, issued, valid, tmp_path):
    folder = workspace.inbox / "Respuestas MEF"
    folder.mkdir()
    source = filled(issued, "mef", tmp_path / "mef.xlsx")
    shutil.copyfile(source, folder / "cuestionario.xlsx")
    (workspace.inbox / "enlace.xlsx").symlink_to(valid)
    os.mkfifo(workspace.inbox / "tubo.xlsx")
    run(workspace)
    assert receipted(workspace, valid) and receipted(workspace, source)
    assert records.document(workspace.ledger, sha256_of(source)).name == "Respuestas MEF/cuestionario.xlsx"
    reasons = {w.name: w.reason for w in survey(workspace.inbox, workspace.work)}
    assert reasons == {"enlace.xlsx": WaitReason.NOT_REGULAR, "tubo.xlsx": WaitReason.NOT_REGULAR}


def test_temporary_files_of_excel_and_sync_clients_are_ignored_until_renamed(workspace, valid):
    names = ["Cedd4100", "~$mef.xlsx", ".~lock.mef.xlsx#", "mef.xlsx.tmp.drivedownload", "mef.xlsx.partial",
             "mef.xlsx.crdownload", "~mef.tmp", ".dropbox.cache/mef.xlsx"]
    for name in names:
        (workspace.inbox / name).parent.mkdir(exist_ok=True)
        shutil.copyfile(valid, workspace.inbox / name)
    run(workspace)
    assert len(list(workspace.quarantine.iterdir())) == 0 and len(list(workspace.archive.rglob("*.xlsx"))) == 1
    reasons = {w.name: w.reason for w in survey(workspace.inbox, workspace.work)}
    assert set(reasons.values()) == {WaitReason.TEMPORARY} and len(reasons) == len(names)
    (workspace.inbox / "Cedd4100").rename(workspace.inbox / "mef final.xlsx")  # Excel's save ends with a rename
    [outcome] = run(workspace)
    assert outcome.file == "mef final.xlsx" and outcome.result == "duplicate"


def test_the_same_file_twice_is_counted_once_and_its_copy_kept(workspace, valid):
    run(workspace)
    shutil.copyfile(valid, workspace.inbox / "otra vez.xlsx")
    [again] = run(workspace)
    assert again.result == "duplicate"
    [kept] = (workspace.archive / "duplicates").iterdir()
    assert kept.read_bytes() == valid.read_bytes()


@pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed")
def test_reading_a_libreoffice_saved_return_warns_nobody(workspace, issued, tmp_path):
    saved = libreoffice_convert(filled(issued, "mef", tmp_path / "mef.xlsx"), tmp_path / "lo")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        analysis = analyse(saved, workspace.ledger_path, REGISTRY)
    assert analysis.refusal is None and caught == []


# --- half a file is never taken ----------------------------------------------------------------------

def writer(actions):
    """A thread doing ``actions`` in order (callables, or numbers of seconds to wait)."""
    def run_actions():
        for action in actions:
            time.sleep(action) if isinstance(action, (int, float)) else action()

    thread = threading.Thread(target=run_actions)
    thread.start()
    return thread


def test_two_files_created_empty_and_written_later_are_each_taken_whole(workspace, issued, valid, tmp_path):
    first, second = filled(issued, "mef", tmp_path / "a.xlsx"), filled(issued, "mef", tmp_path / "b.xlsx", resp_name="Otra")
    late = [workspace.inbox / "late1.xlsx", workspace.inbox / "late2.xlsx"]
    for path in late:
        path.write_bytes(b"")
    thread = writer([1.5, lambda: late[0].write_bytes(first.read_bytes()), lambda: late[1].write_bytes(second.read_bytes())])
    run(workspace)
    thread.join()
    assert receipted(workspace, valid) and receipted(workspace, first) and receipted(workspace, second)
    assert list(workspace.quarantine.iterdir()) == []


def test_a_copy_that_stalls_midway_is_waited_for_not_set_aside(workspace, issued, valid, tmp_path):
    data = filled(issued, "mef", tmp_path / "mef.xlsx").read_bytes()
    target = workspace.inbox / "lento.xlsx"
    handle = target.open("wb")
    handle.write(data[: len(data) // 2])
    handle.flush()
    thread = writer([SETTLE * 12, lambda: handle.write(data[len(data) // 2:]), handle.close])
    run(workspace)
    thread.join()
    assert receipted(workspace, valid) and receipted(workspace, tmp_path / "mef.xlsx")
    assert list(workspace.quarantine.iterdir()) == []


def test_a_file_an_application_keeps_open_and_rewrites_is_taken_as_last_written(workspace, issued, valid, tmp_path):
    first = filled(issued, "mef", tmp_path / "v1.xlsx").read_bytes()
    final = filled(issued, "mef", tmp_path / "v2.xlsx", resp_name="Versión final")
    target = workspace.inbox / "abierto.xlsx"
    handle = target.open("wb")
    handle.write(first)
    handle.flush()

    def rewrite():
        handle.seek(0)
        handle.truncate()
        handle.write(final.read_bytes())
        handle.close()

    thread = writer([2.0, rewrite])
    run(workspace)
    thread.join()
    assert receipted(workspace, valid) and receipted(workspace, final)
    assert records.document(workspace.ledger, sha256_of(tmp_path / "v1.xlsx")) is None


def test_a_file_changed_after_it_was_claimed_goes_back_to_the_inbox(workspace, valid, tmp_path):
    target = workspace.inbox / "cambia.xlsx"
    shutil.copyfile(valid, target)
    seen = target.stat()
    with target.open("ab") as handle:
        handle.write(b"\0")  # changed between the last look and the claim
    assert claim_all([Arrival(target, b"cambia.xlsx", seen.st_size, seen.st_mtime_ns, seen.st_ino)], workspace) == []
    assert target.exists() and work_files(workspace.work) == []


def test_a_file_that_keeps_changing_waits_with_a_line_saying_so(workspace, valid):
    target = workspace.inbox / "cambiando.xlsx"
    settler = Settler(settle=0.5)
    for step in range(6):  # rewritten (and closed) every 0.2 s: never still for the settle window
        target.write_bytes(valid.read_bytes() + bytes(step))
        ready, waiting = settler.sort([a for a in scan(workspace.inbox)[0] if a.name == "cambiando.xlsx"])
        assert ready == [] and [w.reason for w in waiting] == [WaitReason.NOT_SETTLED]
        time.sleep(0.2)


def test_the_status_page_shows_what_waits_and_why(workspace, valid):
    (workspace.inbox / "vacío.xlsx").write_bytes(b"")
    (workspace.inbox / "~$pcm.xlsx").write_bytes(b"lock")
    old = time.time() - 60
    os.utime(workspace.inbox / "pcm respuesta.xlsx", (old, old))  # still for a minute: ready, no watcher running
    assert main(["--workspace", str(workspace.root), "--lang", "en", "status", "--html"]) == 0
    html = (workspace.outbox / "status.html").read_text()
    page = html[html.index('<table id="waiting">'):].split("</table>")[0]
    for name, reason in (("vacío.xlsx", "empty"), ("~$pcm.xlsx", "temporary"), ("pcm respuesta.xlsx", "ready")):
        row = page[page.index(f'data-reason="{reason}"'):].split("</tr>")[0]
        assert name in row and translate(m.WAIT_REASONS[reason], "en") in row


def test_a_worker_an_earlier_watcher_left_behind_is_reaped_at_start(workspace):
    leftover = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()  # the watcher that started it, gone
    notes = workspace.work / ".processes"
    notes.mkdir(parents=True)
    started = Path(f"/proc/{leftover.pid}/stat").read_text().rsplit(")", 1)[1].split()[19]
    (notes / str(leftover.pid)).write_text(json.dumps({"parent": dead.pid, "started": started}))
    start_up(workspace)
    assert leftover.wait(timeout=10) == -9 and not (notes / str(leftover.pid)).exists()
