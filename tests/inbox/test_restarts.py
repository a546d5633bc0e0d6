"""A watcher killed and started again, as a supervisor does, gets past every odd arrival at once, while writers
are still creating, stalling and rewriting files; at the end the bytes of everything that went into inbox/ are
somewhere under the workspace."""
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from pipeline.domain.enums import WaitReason
from pipeline.inbox.readiness import survey, work_files
from pipeline.ledger import records
from pipeline.ledger.files import sha256_of
from pipeline.ledger.workspace import Workspace
from tests.inbox.test_kills import descendants, outlived
from tests.support import hostile
from tests.support.returns import filled, issue, variants, with_text

SETTLE = "0.3"
SETPRIV = shutil.which("setpriv")


def command(root: Path, *args: str) -> list[str]:
    return [sys.executable, "-c", "from pipeline.cli.app import main; main()", "--workspace", str(root), *args]


def environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "MECIGEP_CRASH_AT"}


class Inbox:
    """Drops files into the inbox, remembering what each finally holds."""

    def __init__(self, folder: Path) -> None:
        self.folder, self.final = folder, {}

    def put(self, name: str | bytes, data: bytes) -> Path:
        path = Path(os.fsdecode(os.path.join(os.fsencode(self.folder), os.fsencode(name))))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.final[path] = data
        return path


def test_a_restart_loop_gets_past_every_odd_arrival_and_keeps_every_byte(workspace, tmp_path):
    issued = issue(workspace)
    inbox = Inbox(workspace.inbox)
    answers = iter(variants(filled(issued, "mef", tmp_path / "mef.xlsx"), 16, tmp_path / "v"))
    valid = {}  # name -> bytes of a return that must end with a receipt

    def drop_valid(name):
        valid[name] = inbox.put(name, next(answers).read_bytes()).read_bytes()

    drop_valid("pcm.xlsx")
    drop_valid("Respuesta " + "MEF " * 58 + ".xlsx")
    drop_valid(b"resp\xff\xfe.xlsx")
    for name in ("respuesta", "respuesta.zip", "respuesta.xlsx.bak", "Respuestas MEF/cuestionario.xlsx"):
        drop_valid(name)
    long_text = with_text(filled(issued, "pcm", tmp_path / "p.xlsx", q_pl_29="LARGA"), "LARGA", "x" * 40_000, tmp_path / "long.xlsx")
    inbox.put("larga.xlsx", long_text.read_bytes())
    damaged = {"case.xlsx": hostile.part_in_other_case, "barras.xlsx": hostile.backslash_parts,
               "estado.xlsx": hostile.bad_sheet_state, "binario.xlsb": hostile.xlsb, "cortado.xlsx": hostile.truncated}
    for name, build in damaged.items():
        (tmp_path / name).mkdir()
        inbox.put(name, build(tmp_path / name).read_bytes())
    inbox.put("pcm (Ana's conflicted copy 2026-12-03).xlsx", filled(issued, "pcm", tmp_path / "c.xlsx", q_pl_29="Ana").read_bytes())
    (workspace.inbox / "enlace.xlsx").symlink_to(workspace.inbox / "pcm.xlsx")
    os.mkfifo(workspace.inbox / "tubo.xlsx")

    # writers with real timing: created empty and written later, a copy that stalls, a file kept open and
    # rewritten, Excel's temporary that becomes the document
    late = [next(answers).read_bytes() for _ in range(2)]
    empties = [inbox.put(f"late{n}.xlsx", b"") for n in (1, 2)]
    stalled_data, rewritten_data, excel_data = (next(answers).read_bytes() for _ in range(3))
    stalled = (workspace.inbox / "lento.xlsx").open("wb")
    stalled.write(stalled_data[: len(stalled_data) // 2])
    stalled.flush()
    kept_open = (workspace.inbox / "abierto.xlsx").open("wb")
    kept_open.write(next(answers).read_bytes())
    kept_open.flush()
    inbox.put("Cedd4100", excel_data)

    def writers():
        time.sleep(3.5)
        for path, data in zip(empties, late):
            path.write_bytes(data)
            inbox.final[path] = data
        kept_open.seek(0)
        kept_open.truncate()
        kept_open.write(rewritten_data)
        kept_open.close()
        time.sleep(1.5)
        stalled.write(stalled_data[len(stalled_data) // 2:])
        stalled.close()
        (workspace.inbox / "Cedd4100").rename(workspace.inbox / "guardado por excel.xlsx")

    inbox.final.update({workspace.inbox / "lento.xlsx": stalled_data, workspace.inbox / "abierto.xlsx": rewritten_data})
    valid.update({"late1.xlsx": late[0], "late2.xlsx": late[1], "lento.xlsx": stalled_data, "abierto.xlsx": rewritten_data,
                  "guardado por excel.xlsx": excel_data})
    thread = threading.Thread(target=writers)
    thread.start()
    watch = command(workspace.root, "watch", "--settle", SETTLE, "--workers", "2")
    try:
        for pause in (1.0, 2.0, 1.5, 2.5, 3.0):
            watcher = subprocess.Popen(watch, env=environment(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                       start_new_session=True)
            time.sleep(pause)
            children = descendants(watcher.pid)
            os.killpg(watcher.pid, signal.SIGKILL)
            watcher.wait(timeout=30)
            assert watcher.returncode == -9, watcher.stderr.read()
            assert outlived(children) == []
    finally:
        thread.join()
    drain = subprocess.run(command(workspace.root, "watch", "--once", "--settle", SETTLE, "--workers", "1"), env=environment(),
                           capture_output=True, text=True, timeout=300)
    assert drain.returncode == 0, drain.stderr

    ws = Workspace.open(workspace.root)
    for name, data in valid.items():
        document = records.document(ws.ledger, hashlib.sha256(data).hexdigest())
        assert document is not None and document.answer and (ws.root / document.answer).exists(), name
    assert records.document(ws.ledger, sha256_of(long_text)).answer.startswith("outbox/2026-PER-planning/observaciones-")
    quarantined = {records.document(ws.ledger, hashlib.sha256(inbox.final[ws.inbox / n]).hexdigest()).name for n in damaged}
    assert quarantined == set(damaged)
    assert {w.name: w.reason for w in survey(ws.inbox, ws.work)} == {"enlace.xlsx": WaitReason.NOT_REGULAR,
                                                                     "tubo.xlsx": WaitReason.NOT_REGULAR}
    assert work_files(ws.work) == []
    everything = {sha256_of(p) for p in ws.root.rglob("*") if p.is_file() and not p.is_symlink()}
    lost = [str(path.relative_to(ws.inbox)) for path, data in inbox.final.items() if hashlib.sha256(data).hexdigest() not in everything]
    assert lost == []
    assert subprocess.run(command(workspace.root, "verify"), capture_output=True, timeout=120).returncode == 0


@pytest.mark.skipif(os.geteuid() == 0 and SETPRIV is None, reason="root reads every file, and setpriv is not here to drop that")
def test_a_file_the_watcher_may_not_read_waits_while_the_others_are_taken(workspace, tmp_path):
    issued = issue(workspace)
    valid = filled(issued, "pcm", tmp_path / "pcm.xlsx")
    shutil.copyfile(valid, workspace.inbox / "pcm.xlsx")
    locked = workspace.inbox / "cerrado.xlsx"
    shutil.copyfile(filled(issued, "mef", tmp_path / "mef.xlsx"), locked)
    locked.chmod(0)
    old = time.time() - 60
    os.utime(locked, (old, old))  # still for a minute: only its permissions keep it waiting
    # as root, without the capabilities that let root read any file
    prefix = [SETPRIV, "--bounding-set=-dac_override,-dac_read_search"] if os.geteuid() == 0 else []
    once = prefix + command(workspace.root, "watch", "--once", "--settle", "0.05", "--workers", "1")
    done = subprocess.run(once, env=environment(), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    ws = Workspace.open(workspace.root)
    assert records.document(ws.ledger, sha256_of(valid)).answer is not None
    assert locked.exists() and list(ws.quarantine.iterdir()) == []
    status = subprocess.run(prefix + command(workspace.root, "--lang", "en", "status"), env=environment(), capture_output=True,
                            text=True, timeout=120)
    assert "cerrado.xlsx" in status.stdout and "not allowed to read it" in status.stdout
    locked.chmod(0o644)
    assert subprocess.run(once, env=environment(), capture_output=True, timeout=120).returncode == 0
    assert not locked.exists()
