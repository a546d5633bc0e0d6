"""Whether another program still has a file open for writing, where the platform can tell.

A file that has not changed for a while may still be half written: a copy that stalled, an application that
keeps its document open and saves into it again. Linux says who has what open in ``/proc/<pid>/fd`` (and
with which access in ``fdinfo``); Windows refuses to open a file without sharing write access while someone
writes it. Elsewhere nothing can be told, and stability alone decides.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

PROC = Path("/proc")
_WRITE_ACCESS = (os.O_WRONLY, os.O_RDWR)


def open_for_writing(paths: Iterable[Path]) -> set[Path]:
    """Those of ``paths`` some process (this one included: a thread may be writing) has open for writing."""
    wanted: dict[tuple[int, int], Path] = {}
    for path in paths:
        try:
            found = os.stat(path, follow_symlinks=False)
        except OSError:
            continue
        wanted[(found.st_dev, found.st_ino)] = path
    if not wanted:
        return set()
    if os.name == "nt":
        return {path for path in wanted.values() if _windows_in_use(path)}
    if not (PROC / "self" / "fd").is_dir():
        return set()
    return _linux_writers(wanted)


def _linux_writers(wanted: dict[tuple[int, int], Path]) -> set[Path]:
    busy: set[Path] = set()
    try:
        processes = [entry.name for entry in os.scandir(PROC) if entry.name.isdigit()]
    except OSError:
        return busy
    for pid in processes:
        try:
            descriptors = list(os.scandir(f"/proc/{pid}/fd"))
        except OSError:  # gone, or another user's
            continue
        for fd in descriptors:
            try:
                target = os.stat(fd.path)
            except OSError:
                continue
            path = wanted.get((target.st_dev, target.st_ino))
            if path is None or path in busy:
                continue
            if _writing(pid, fd.name):
                busy.add(path)
    return busy


def _writing(pid: str, fd: str) -> bool:
    try:
        with open(f"/proc/{pid}/fdinfo/{fd}", encoding="ascii") as info:
            for line in info:
                if line.startswith("flags:"):
                    return int(line.split()[1], 8) & os.O_ACCMODE in _WRITE_ACCESS
    except (OSError, ValueError):
        return False
    return False


def _windows_in_use(path: Path) -> bool:  # pragma: no cover - Windows only
    """Opening the file sharing only reading fails with a sharing violation while anyone has it open to write."""
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    kernel32.CreateFileW.restype = wintypes.HANDLE
    generic_read, share_read, open_existing, sharing_violation = 0x80000000, 0x1, 3, 32
    handle = kernel32.CreateFileW(str(path), generic_read, share_read, None, open_existing, 0x80, None)
    if handle in (None, wintypes.HANDLE(-1).value):
        return ctypes.get_last_error() == sharing_violation  # type: ignore[attr-defined]
    kernel32.CloseHandle(handle)
    return False
