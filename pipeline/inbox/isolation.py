"""Reading untrusted files in a child process with bounded memory and time.

The child is forked, lowers its own address-space limit, runs the function and
sends back the result. A child that overruns its time is killed; one that dies
(out of memory, a crash in a C library) is reported as such: either way the
caller's process, and the watcher, keep running.
"""
from __future__ import annotations

import multiprocessing
import resource
from dataclasses import dataclass
from typing import Any, Callable

DEFAULT_MEMORY = 1536 * 1024 * 1024  # bytes of address space for one file's reading
DEFAULT_TIMEOUT = 60.0  # seconds


class LimitExceeded(Exception):
    """The child ran out of time (``reason`` 'time') or died ('memory')."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Limits:
    memory: int = DEFAULT_MEMORY
    timeout: float = DEFAULT_TIMEOUT


def _child(connection: Any, limits: Limits, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limits.memory, limits.memory))
    except (ValueError, OSError):
        pass
    try:
        connection.send(("ok", fn(*args)))
    except MemoryError:
        connection.send(("memory", None))
    except BaseException as error:  # sent back and raised in the parent
        connection.send(("error", error))
    finally:
        connection.close()


def run_limited(fn: Callable[..., Any], *args: Any, limits: Limits = Limits()) -> Any:
    """``fn(*args)`` run in a forked child under ``limits``; raises LimitExceeded or the child's exception."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, limits, fn, args), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(limits.timeout):
            child.kill()
            raise LimitExceeded("time")
        try:
            status, value = receiver.recv()
        except EOFError:
            child.join()
            raise LimitExceeded("memory") from None
    finally:
        receiver.close()
        child.join(timeout=5)
        if child.is_alive():
            child.kill()
    if status == "memory":
        raise LimitExceeded("memory")
    if status == "error":
        raise value
    return value
