"""Messages: a round compared with the country's earlier round on the topic (the consolidated workbook's
Comparison sheet and the report's section on it)."""
from __future__ import annotations

from pipeline.i18n.messages.terms import TERM_ELEMENT, TERM_RECOMMENDATION
from pipeline.i18n.translation import N_, NP_

CMP_SHEET = N_("Comparison")
CMP_TITLE = N_("Compared with round {round}, the country's earlier published round on the topic (framework: {framework}).")
CMP_HOW = N_("The earlier answers are scored on this framework, by its methods: each question takes the earlier answer to the "
             "question of the same name, or to the one it replaces, wherever it now sits; an element whose questions are all new "
             "takes the earlier scores of the elements it replaces. The change is the current score minus the earlier one. "
             "Each earlier recommendation keeps the status the country last reported in a follow-up.")
CMP_EARLIER_NOTE = N_("Note of the earlier framework: {note}")
CMP_ELEMENTS_TITLE = N_("Per element: earlier and current scores (0–4) and the change")
CMP_REMOVED_TITLE = N_("Elements of the earlier framework that no longer exist")
CMP_QUESTIONS_TITLE = NP_("The questions that changed from one version of the framework to the other (the other {same} is the same in both)",
                          "The questions that changed from one version of the framework to the other (the other {same} are the same in both)",
                          number="same")
CMP_RECOMMENDATIONS_TITLE = N_("The earlier round's recommendations and what became of them")
CMP_EARLIER = N_("Earlier ({round})")
CMP_CURRENT = N_("Now ({round})")
CMP_CHANGE = N_("Change")
CMP_BASIS = N_("Earlier score from")
CMP_BASES = {
    "recomputed": N_("the earlier answers to its questions"),
    "as_scored": N_("the earlier score of {elements}"),
    "new": N_("nothing: a new element"),
}
CMP_QUESTION_NOW = N_("Question now")
CMP_QUESTION_BEFORE = N_("Question before")
CMP_MAPPING = N_("Mapping")
CMP_ELEMENT_NOW = N_("Element now")
CMP_ELEMENT_BEFORE = N_("Element before")
CMP_CHANGES = {
    "same": N_("same"),
    "moved": N_("moved"),
    "renamed": N_("renamed"),
    "new": N_("new"),
    "removed": N_("no longer asked"),
}
CMP_NO_LONGER = N_("no longer in the framework")
CMP_STATUS = N_("Status")
CMP_REPORTED = N_("Reported on")
CMP_RECOMMENDATION = TERM_RECOMMENDATION
CMP_ID = N_("Id")
CMP_INSTITUTION = N_("Institution")

# The report.
REPORT_CMP_HEADING = N_("3.{number} Compared with the review of {year}")
REPORT_CMP_TEXT = N_("The country's earlier review of the topic, in {year}, used the framework “{framework}”. For "
                     "each element, the table gives the institutions' mean score then and now (the earlier answers scored on this "
                     "framework) and the change; then the earlier recommendations with the status the country last reported.")
REPORT_CMP_REMOVED = N_("Elements of the earlier framework that no longer exist: {elements}.")
REPORT_CMP_ELEMENT = TERM_ELEMENT
REPORT_CMP_STATUS_COUNTS = NP_("Of the {count} earlier recommendation: {counts}.", "Of the {count} earlier recommendations: {counts}.")

DEMO_EARLIER_NOTE = N_("Illustrative earlier version of the planning framework, invented for the example workspace: a basis for "
                       "comparison, not an official MECIGEP instrument.")
DEMO_EARLIER = N_("  an earlier published round to compare with, illustrative: {round} on {framework} (final report {path})")
