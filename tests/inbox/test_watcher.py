"""`mecigep watch` keeps running, wakes on events, and still finds files no event announced."""
import shutil
import threading
import time

from pipeline.inbox.kinds import REGISTRY
from pipeline.inbox.run import watch
from pipeline.stages.questionnaire import emit
from pipeline.stages.rounds import open_round
from tests.conftest import a_round


def wait_for(condition, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_the_watcher_takes_files_present_at_start_and_arriving_later(workspace):
    open_round(workspace, a_round())
    [issued] = emit(workspace, "2026-PER-planning")
    shutil.copyfile(issued, workspace.inbox / "present.xlsx")
    outcomes, events, stop = [], [], threading.Event()
    thread = threading.Thread(target=watch, args=(workspace, REGISTRY, 0.1, 1, "es", outcomes.append),
                              kwargs={"interval": 0.5, "stop": stop, "on_event": events.append}, daemon=True)
    thread.start()
    try:
        assert wait_for(lambda: len(outcomes) == 1)
        shutil.copyfile(issued, workspace.inbox / ".arriving.tmp")
        (workspace.inbox / ".arriving.tmp").rename(workspace.inbox / "later.xlsx")  # an Office-style save
        assert wait_for(lambda: len(outcomes) == 2)
    finally:
        stop.set()
        thread.join(timeout=10)
    assert [o.file for o in outcomes] == ["present.xlsx", "later.xlsx"]
    assert outcomes[1].result == "duplicate"  # the same bytes as the first, counted once
    assert any("later.xlsx" in e for e in events)
