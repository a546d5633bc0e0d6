"""Numbered places where a test can kill the process, to prove nothing is lost.

``MECIGEP_CRASH_AT=name`` makes the process kill itself with SIGKILL on reaching
the point ``name``; unset, a point costs one dictionary lookup.
"""
import os
import signal


def reach(name: str) -> None:
    if os.environ.get("MECIGEP_CRASH_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)
