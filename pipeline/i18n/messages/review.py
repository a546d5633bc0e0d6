"""Messages: review."""
from pipeline.i18n.messages.counts import COUNT_CELLS
from pipeline.i18n.messages.terms import TERM_KIND
from pipeline.i18n.translation import N_, NP_

REVIEW_SHEET = N_("Review")
REVIEW_TITLE = N_("Comments and responses on the preliminary report")
REVIEW_COVER = N_("Round {round} — {country}, {topic}")
REVIEW_VERSION = N_("Draft version {version} ({file}), listed on {date}")
REVIEW_INSTRUCTIONS = N_("One row per observation made in the draft: each tracked change, each comment, and each edit to a part rendered from the data (its marked line ⟪…⟫). The observation is quoted exactly as it was written. The panel chooses a decision for each row and writes its response; the government may withdraw any of its observations. Observations of the government that the panel does not accept are annexed verbatim to the final report, unless withdrawn. Send the workbook back to DGPE as it is, in .xlsx: it may go back and forth; the latest answer to each row counts.")
REVIEW_LEGEND = N_("The yellow cells are for you to fill.")
REVIEW_HEADER_NUMBER = N_("No.")
REVIEW_HEADER_KIND = TERM_KIND
REVIEW_HEADER_FROM = N_("From")
REVIEW_HEADER_WHO = N_("Who")
REVIEW_HEADER_WHEN = N_("When")
REVIEW_HEADER_WHERE = N_("Where (section)")
REVIEW_HEADER_WHAT = N_("Observation (verbatim)")
REVIEW_HEADER_DECISION = N_("Panel's decision")
REVIEW_HEADER_ANSWER = N_("Panel's response")
REVIEW_HEADER_WITHDRAWN = N_("Withdrawn by the government")
REVIEW_HEADER_KEY = N_("Key")
REVIEW_DECISIONS = {"accepted": N_("Accepted"), "rejected": N_("Rejected"), "discussed": N_("Discussed")}  # by ReviewDecision
REVIEW_DECISION_ERROR = N_("Choose a decision from the list.")
REVIEW_WITHDRAWN_ERROR = N_("Write {yes} to withdraw the observation, or leave the cell empty.")
REVIEW_SIDE_COUNTRY = N_("Government")
REVIEW_SIDE_PANEL = N_("Panel")
REVIEW_NO_DECISION = N_("No decision recorded")

REVIEW_KIND_INSERTION = N_("Insertion")
REVIEW_KIND_DELETION = N_("Deletion")
REVIEW_KIND_FORMATTING = N_("Formatting change")
REVIEW_KIND_MOVED = N_("Moved text")
REVIEW_KIND_COMMENT = N_("Comment")
REVIEW_KIND_MARKED = N_("To settle")
REVIEW_WHERE_ON = N_("{section}, on “{quote}”")
REVIEW_UNKNOWN_AUTHOR = N_("unknown author")
REVIEW_CHANGE_UNRESOLVED = N_('{kind} by {author} under "{section}" is still a tracked change: "{quote}"')
REVIEW_COMMENT_UNRESOLVED = N_('Comment by {author} under "{section}" on "{quote}" is not resolved: "{text}"')

REVIEW_BAD_DECISION = N_('"{value}" is not a decision: choose {choices} from the list, or leave the cell empty.')
REVIEW_BAD_WITHDRAWN = N_('"{value}" does not say whether the government withdraws its observation: write {yes}, or leave the cell empty.')
REVIEW_UNKNOWN_ROWS = NP_("{count} row of the workbook is about no observation this round knows; it was left aside.",
                          "{count} rows of the workbook are about no observation this round knows; they were left aside.")
REVIEW_FOREIGN = N_("The review matrix says it is of round {round}, which this workspace does not have.")
REVIEW_ACCEPTED_OUTCOME = NP_("{file}: review matrix of round {round} accepted — {answered} of {required} observation answered; receipt {answer}.",
                              "{file}: review matrix of round {round} accepted — {answered} of {required} observations answered; receipt {answer}.",
                              number="required")
REVIEW_INCOMPLETE_OUTCOME = N_("{file}: review matrix of round {round}: {errors} to correct (observations answered: {answered} of {required}); the correct rows are recorded; feedback {answer}.",
                               errors=COUNT_CELLS)
REVIEW_MATRIX_SUBTITLE = N_("Review matrix of the preliminary report — {topic}")
REVIEW_MATRIX_RECEIPT = {
    "intro": N_("The Department for Effective Public Management (DGPE) of the General Secretariat of the OAS acknowledges receipt of the review matrix described below and has recorded its decisions, responses and withdrawals."),
    "details_heading": N_("The review matrix received"),
    "institution": N_("Beneficiary state"),
    "questionnaire_id": N_("Draft"),
    "completion_heading": N_("Observations answered"),
    "warnings_intro": N_("The matrix was recorded with these observations:"),
    "no_warnings": N_("The matrix was recorded without observations."),
    "closing": N_("Thank you. A later copy of the matrix may change any answer: the latest one counts. Please keep this receipt: the SHA-256 fingerprint identifies exactly the file that was received."),
}
REVIEW_MATRIX_ROWS = NP_("{answered} of {required} observation with a decision.", "{answered} of {required} observations with a decision.",
                         number="required")
REVIEW_MATRIX_DRAFT = N_("version {version}")
