"""What a file's name says about it when it arrives, before anything reads it: pure rules on names.

Office programs and sync clients leave files that are not documents yet (lock files, Excel's temporary save
``Cedd4100``, half-downloaded ``.crdownload``…) and, when two people edit one synced file, *conflict copies*
(``mef (Juan's conflicted copy 2026-12-03).xlsx``). The inbox ignores the first until they are renamed and
treats the second as a version that must not silently replace another.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.domain.enums import WaitReason

IGNORED_FOLDERS = (".dropbox.cache", ".tmp.drivedownload", ".sync", ".stfolder", ".stversions")
IGNORED_SUFFIXES = (".tmp", ".temp", ".part", ".partial", ".crdownload", ".download", ".tmp.drivedownload", "#")
IGNORED_NAMES = ("desktop.ini", "thumbs.db", "icon\r")
EXCEL_TEMPORARY = re.compile(r"^[0-9A-F]{8}$", re.IGNORECASE)  # Excel saves into such a name, then renames it

CONFLICT_COPY = re.compile(
    r"\([^()]*(?:conflicted copy|copia en conflicto|cópia em conflito|copie en conflit)[^()]*\)"  # Dropbox, Nextcloud
    r"|\.sync-conflict-\d{8}-\d{6}-[A-Z0-9]{7}"  # Syncthing
    r"|-(?:DESKTOP|LAPTOP|PC|WIN)-[A-Z0-9]{4,}$",  # OneDrive: the computer's name appended
    re.IGNORECASE,
)
_ONEDRIVE = re.compile(r"-(?:DESKTOP|LAPTOP|PC|WIN)-[A-Z0-9]{4,}$")  # computer names are upper case


def ignored(name: str) -> bool:
    """Whether a file called ``name`` is a lock or temporary file, never processed (it waits until renamed)."""
    lowered = name.lower()
    return (
        name.startswith(("~$", ".~lock.", "."))
        or lowered.endswith(IGNORED_SUFFIXES)
        or lowered in IGNORED_NAMES
        or bool(EXCEL_TEMPORARY.match(name))
    )


def ignored_folder(name: str) -> bool:
    """Whether a sub-folder of the inbox is a sync client's or the system's own (hidden), never looked into."""
    return name.startswith(".") or name.lower() in IGNORED_FOLDERS


def stem(name: str) -> str:
    """``name`` without its last extension (the folder part, if any, kept)."""
    base = name.rsplit("/", 1)[-1]
    return name[: len(name) - len(base)] + (base.rsplit(".", 1)[0] if "." in base.strip(".") else base)


def conflict_copy(name: str) -> bool:
    """Whether ``name`` is the name a sync client gives the second version of a file two people changed
    (Dropbox, Nextcloud and Google Drive's "conflicted copy", Syncthing's ".sync-conflict-…", OneDrive's
    "-COMPUTERNAME")."""
    base = stem(name).rsplit("/", 1)[-1]
    for match in CONFLICT_COPY.finditer(base):
        if match.group(0).startswith("-") and not _ONEDRIVE.search(base):
            continue
        return True
    return False


@dataclass(frozen=True)
class Waiting:
    """A file (or link, pipe, folder) of the inbox that is not taken, and why; ``name`` is shown escaped,
    relative to the inbox; ``since`` is when it last changed (POSIX seconds), when known."""

    name: str
    reason: WaitReason
    size: int | None = None
    since: float | None = None
