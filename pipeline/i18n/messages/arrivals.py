"""Messages: what arrives in the inbox — what waits and why, versions in conflict, texts past a cell's limit."""
from pipeline.i18n.translation import N_, NP_

INBOX_FAILED = N_("The file could not be processed ({detail}); it is kept here unchanged and the details are in the log. "
                  "Tell the pipeline's maintainers, then drop it into the inbox again.")
ANSWER_TOO_LONG = N_("The answer to {question} is {length} characters long, {over} more than an Excel cell holds "
                     "({limit}). Shorten it, or give the rest as a document in the evidence; this copy shows its "
                     "first {limit} characters.")
OUTCOME_HELD = N_("{file}: kept beside another version — {institution}, round {round}: {other} arrived too, with other "
                  "answers; neither replaces the other until DGPE chooses (mecigep inbox choose); answer {answer}.")
CONFLICT_COPY_WARNING = N_("A synchronised folder kept two versions of this questionnaire ({other}, received {when}, is the "
                           "other): DGPE will choose which one counts, and may ask you which is right.")
CONFLICT_WINDOW_WARNING = N_("Another version of this questionnaire, with other answers, arrived within minutes of this one "
                             "({other}, received {when}): DGPE will choose which one counts, and may ask you which is right.")

WAIT_REASONS = {
    "not_settled": N_("still changing: taken once it has been still for a moment"),
    "being_written": N_("still being written by another program: taken once it is closed"),
    "empty": N_("empty (0 bytes): its content has not arrived yet"),
    "incomplete": N_("not complete yet (its zip directory does not read): taken when it is whole, or set aside if it stays so"),
    "unreadable": N_("the pipeline is not allowed to read it: give it read permission and it is taken"),
    "temporary": N_("a lock or temporary file of Excel, LibreOffice or a sync client: ignored until renamed"),
    "not_regular": N_("a link, pipe or device, not a file: never read; replace it with the file itself"),
    "ready": N_("ready: taken at the next pass of mecigep watch (is it running?)"),
    "processing": N_("being processed (or left by a watcher that stopped: taken again at its next start)"),
}
PAGE_WAITING = N_("Waiting in the inbox")
PAGE_NOTHING_WAITING = N_("Nothing waits in the inbox.")
PAGE_TO_CHOOSE = N_("Versions to choose from")
LABEL_REASON = N_("Why")
LABEL_VERSIONS = N_("Versions")
LABEL_TO_CHOOSE = N_("To choose")
CHOOSE_HINT = NP_("{institution} of round {round} sent {count} version that conflicts: {versions}. Choose the one that counts "
                  "with: mecigep inbox choose {round} {institution} FILE-OR-HASH",
                  "{institution} of round {round} sent {count} versions that conflict: {versions}. Choose the one that counts "
                  "with: mecigep inbox choose {round} {institution} FILE-OR-HASH")
CHOSEN = NP_("{file} is now the current response of {institution} in round {round}; {count} other version is kept in its history.",
             "{file} is now the current response of {institution} in round {round}; {count} other versions are kept in its history.")
NOTHING_TO_CHOOSE = N_("{institution} of round {round} has no versions in conflict: there is nothing to choose.")
CHOOSE_WHICH = N_("'{version}' names none (or more than one) of the versions of {institution} in round {round}: {versions}.")
HELP_INBOX = N_("The inbox: what staff decide about what arrived.")
HELP_CHOOSE = N_("Choose which of an institution's conflicting versions counts (the others stay in its history).")
LABEL_SIZE = N_("Size (bytes)")
LABEL_LAST_CHANGE = N_("Last changed")
OUTCOME_RECOVERED = N_("{file}: recorded again from the archive ({kind}).")
