"""No module needs what Windows lacks: fcntl, resource and fork; the isolated reader is spawned there, with its time limit."""
import subprocess
import sys
from pathlib import Path

WITHOUT_POSIX = """
import multiprocessing, os, pkgutil, sys
sys.modules["fcntl"] = None
sys.modules["resource"] = None
del os.fork
multiprocessing.get_all_start_methods = lambda: ["spawn"]
import pipeline
failed = []
for module in pkgutil.walk_packages(pipeline.__path__, "pipeline."):
    if module.name.endswith("__main__"):
        continue
    try:
        __import__(module.name)
    except Exception as error:
        failed.append(f"{module.name}: {type(error).__name__}: {error}")
print("\\n".join(failed))
from pipeline.inbox.isolation import LimitExceeded, Limits, run_limited, start_method
from tests.inbox.test_portability import answer, stall
assert start_method() == "spawn"
assert run_limited(answer, 6) == 42
try:
    run_limited(stall, limits=Limits(timeout=2.0))
except LimitExceeded as exceeded:
    print("limited:", exceeded.reason)
"""


def answer(n: int) -> int:
    return n * 7


def stall() -> None:
    import time

    time.sleep(60)


def test_every_module_imports_and_the_reader_is_spawned_with_a_time_limit_without_fcntl_resource_or_fork():
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", WITHOUT_POSIX], capture_output=True, text=True, cwd=root, timeout=120)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert lines == ["limited: time"], done.stdout
