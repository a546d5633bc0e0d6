"""Reading untrusted files in a child process with bounded memory and time.

Where the platform forks, the child is forked (it inherits what the parent prepared, see
``analysis.warm_up``), lowers its own address-space limit and asks to die with its parent; elsewhere
(Windows) it is spawned, with the time limit only. A child that overruns its time is killed; one that dies
(out of memory, a crash in a C library) is reported as such: either way the caller's process, and the
watcher, keep running.
"""
from __future__ import annotations

import multiprocessing
from dataclasses import dataclass
from typing import Any, Callable

from pipeline.inbox.processes import die_with_parent

try:
    import resource
except ImportError:  # Windows
    resource = None  # type: ignore[assignment]

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


def start_method() -> str:
    """How children are started here: "fork" where the platform has it, "spawn" otherwise."""
    return "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"


def _child(connection: Any, limits: Limits, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
    die_with_parent()
    if resource is not None:
        try:
            resource.setrlimit(resource.RLIMIT_AS, (limits.memory, limits.memory))
        except (ValueError, OSError):
            pass
    try:
        connection.send(("ok", fn(*args)))
    except MemoryError:
        connection.send(("memory", None))
    except BaseException as error:  # sent back and raised in the parent
        try:
            connection.send(("error", error))
        except Exception:  # an exception that cannot be pickled
            connection.send(("error", RuntimeError(f"{type(error).__name__}: {error}")))
    finally:
        connection.close()


def run_limited(fn: Callable[..., Any], *args: Any, limits: Limits = Limits()) -> Any:
    """``fn(*args)`` run in a child under ``limits``; raises LimitExceeded or the child's exception."""
    context = multiprocessing.get_context(start_method())
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
