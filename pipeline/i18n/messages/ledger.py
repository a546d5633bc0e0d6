"""Messages: the ledger's health, the disks it lives on, and proving it complete (``mecigep verify``)."""
from pipeline.i18n.translation import N_

STORAGE_FULL = N_("The disk holding {path} is full: nothing more can be written there. Free some space on it; "
                  "nothing was lost, and what waits is taken as soon as there is room.")
STORAGE_READ_ONLY = N_("{path} cannot be written (the disk or the file is read-only): make it writable again; "
                       "nothing was lost, and what waits is taken once it can be written.")
STORAGE_IO = N_("Reading or writing {path} failed with an input/output error: the disk may be failing or "
                "disconnected. Copy the workspace to a sound disk, then run mecigep verify there.")
LEDGER_DAMAGED = N_("The ledger {path} is damaged, so the inbox stopped taking files. Restore a copy of it, or run "
                    "mecigep verify --repair to rebuild it from the archive.")
