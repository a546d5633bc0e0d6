"""Messages: the ledger's health, the disks it lives on, and proving it complete (``mecigep verify``)."""
from pipeline.i18n.messages.counts import COUNT_EVENTS, COUNT_EVENTS_KEPT, COUNT_FILES, COUNT_RECORDS, COUNT_ROWS_PUT_BACK
from pipeline.i18n.translation import N_

STORAGE_FULL = N_("The disk holding {path} is full: nothing more can be written there. Free some space on it; "
                  "nothing was lost, and what waits is taken as soon as there is room.")
STORAGE_READ_ONLY = N_("{path} cannot be written (the disk or the file is read-only): make it writable again; "
                       "nothing was lost, and what waits is taken once it can be written.")
STORAGE_IO = N_("Reading or writing {path} failed with an input/output error: the disk may be failing or "
                "disconnected. Copy the workspace to a sound disk, then run mecigep verify there.")
LEDGER_DAMAGED = N_("The ledger {path} is damaged, so the inbox stopped taking files. Restore a copy of it, or run "
                    "mecigep verify --repair to rebuild it from the archive.")
VERIFY_INTEGRITY = N_("The ledger's file is damaged (SQLite reports: {detail}). Run mecigep verify --repair to rebuild it "
                      "from its readable events and the archive; the damaged file is kept beside it.")
VERIFY_CONTENT = N_("Event {seq} was changed after it was recorded: its content no longer gives its hash.")
VERIFY_REWRITTEN = N_("Event {seq} was rewritten, with a new hash: the event after it recorded another one.")
VERIFY_MISSING = N_("Event {seq} is missing: the log jumps past it.")
VERIFY_UNREADABLE = N_("Event {seq} cannot be read: the ledger's file is damaged there.")
VERIFY_TRUNCATED = N_("The ledger ends at event {count}, but {where} records {recorded}: {lost} missing at its end "
                      "(a deleted mecigep.sqlite-wal, or an older copy put back).", recorded=COUNT_EVENTS, lost=COUNT_EVENTS)
VERIFY_TAIL_REWRITTEN = N_("The ledger's history was rewritten after event {good}: {where} recorded event {at} with another hash.")
VERIFY_ROW_CHANGED = N_("In the table {table}, the row {key} was changed outside the pipeline: its {column} is {actual}, "
                        "the events recorded {expected}.")
VERIFY_ROW_MISSING = N_("In the table {table}, the row {key} that the events recorded is missing.")
VERIFY_ROW_UNRECORDED = N_("In the table {table}, the row {key} was recorded by no event (added outside the pipeline).")
VERIFY_UNKNOWN_FILE = N_("{path} is not known to the ledger.")
VERIFY_MISSING_FILE = N_("The ledger records {path}, but the file is missing.")
VERIFY_KEPT_UNKNOWN = N_("{path} keeps a record ({table} {key}) that the ledger does not have.")
VERIFY_KEPT_MISSING = N_("The record {table} {key} of event {seq} has no copy in archive/records/ yet.")
VERIFY_READ_ONLY = N_("The ledger {path} cannot be written: the inbox can record nothing until it is writable again.")
VERIFY_REPAIR_HINT = N_("mecigep verify --repair puts back what the ledger's own events and the archive allow (the ledger's "
                        "file is copied aside first).")
VERIFY_HEAD_FILE = N_("the head file mecigep.head")
VERIFY_RECEIPT = N_("the receipt {file}")
REPAIRED = N_("Repaired: {restored}, {events}, {records} and {files} re-recorded from the archive (their events marked "
              "recovered). The ledger as it was is kept as {copy}.", restored=COUNT_ROWS_PUT_BACK, events=COUNT_EVENTS_KEPT,
              records=COUNT_RECORDS, files=COUNT_FILES)
NOTHING_TO_REPAIR = N_("Nothing to repair: the ledger agrees with its events and with the archive.")
HELP_REPAIR = N_("Put back what the ledger's own events and the archive allow: rows changed outside the pipeline, events and "
                 "records lost, documents the ledger does not know (the ledger is copied aside first).")
