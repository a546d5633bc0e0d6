"""Messages: what arrives in the inbox — what waits and why, versions in conflict, texts past a cell's limit."""
from pipeline.i18n.translation import N_

INBOX_FAILED = N_("The file could not be processed ({detail}); it is kept here unchanged and the details are in the log. "
                  "Tell the pipeline's maintainers, then drop it into the inbox again.")
ANSWER_TOO_LONG = N_("The answer to {question} is {length} characters long, {over} more than an Excel cell holds "
                     "({limit}). Shorten it, or give the rest as a document in the evidence; this copy shows its "
                     "first {limit} characters.")
