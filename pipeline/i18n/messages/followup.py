"""Messages: followup."""
from pipeline.i18n.messages.terms import TERM_FINAL_REPORT, TERM_RECOMMENDATIONS
from pipeline.i18n.translation import N_, NP_

FOLLOWUP_STATUSES = {"not_started": N_("Not started"), "in_progress": N_("In progress"), "implemented": N_("Implemented"),
                     "no_longer_relevant": N_("No longer relevant"), "none": N_("No follow-up yet")}
FOLLOWUP_TITLE = N_("MECIGEP — Follow-up of the recommendations: {topic}")
FOLLOWUP_FRAMEWORK = N_("Follow-up of the recommendations of the round {round}")
FOLLOWUP_DIMENSION = TERM_RECOMMENDATIONS
FOLLOWUP_DIMENSION_HINT = N_("One block per recommendation of the final report: choose its status, then describe the actions taken and the evidence.")
FOLLOWUP_RECOMMENDATION = N_("{id} — {text}")
FOLLOWUP_ABOUT = N_("Priority: {priority}. Institution: {institution}. Element: {element}.")
FOLLOWUP_STATUS = N_("{id}: status of implementation")
FOLLOWUP_STATUS_HINT = N_("Choose from the list: not started, in progress, implemented or no longer relevant.")
FOLLOWUP_ACTIONS = N_("{id}: actions taken")
FOLLOWUP_ACTIONS_HINT = N_("Required when the recommendation is in progress or implemented: what was done, by whom, since when.")
FOLLOWUP_EVIDENCE = N_("{id}: evidence")
FOLLOWUP_EVIDENCE_HINT = N_("Asked when the recommendation is implemented: the norm, document or link that shows it; optional otherwise.")
FOLLOWUP_PURPOSE = N_("The OAS has published the final report of the MECIGEP peer review of {topic}. This workbook asks, recommendation by recommendation, what has become of each since then, so that the DGPE can report on the mechanism's results and direct cooperation where it is still needed.")
FOLLOWUP_HOW_TO_FILL = N_("On the sheet of the recommendations, choose each one's status from the list in the yellow cell, describe the actions taken when it is in progress or implemented, and name the evidence when it is implemented. The Status column shows what is still missing; the sheet Respondent asks who answers.")
FOLLOWUP_HOW_TO_RETURN = N_("Save the file as .xlsx (from Excel or LibreOffice) and send it to the DGPE contact named on this sheet. If something is missing, you will receive a copy with the cells to complete highlighted.")
FOLLOWUP_LIST_TITLE = N_("The statuses")
FOLLOWUP_STATUS_MEANING = {
    "not_started": N_("Not started: nothing has been done on the recommendation yet."),
    "in_progress": N_("In progress: work has begun and is not finished; describe it."),
    "implemented": N_("Implemented: the recommendation is carried out; describe what was done and name the evidence."),
    "no_longer_relevant": N_("No longer relevant: circumstances changed and the recommendation no longer applies; the evidence cell can say why."),
}
FOLLOWUP_REPORT = TERM_FINAL_REPORT
FOLLOWUP_NOT_PUBLISHED = N_("The round {round} is {stage}: only the recommendations of a published final report are followed up.")
FOLLOWUP_NO_RECOMMENDATIONS = N_("The final report of the round {round} has no recommendation to follow up.")
FOLLOWUP_FOREIGN = N_("The follow-up workbook {followup} was not issued by this workspace; it may belong to another office or have been copied by hand.")
FOLLOWUP_TAMPERED = N_("The follow-up workbook {followup} was changed: its {field} does not match the one issued; send back the workbook as it was sent, or ask for a new copy.")
FOLLOWUP_STATUS_MISSING = N_("Choose the status of recommendation {id} from the list.")
FOLLOWUP_BAD_STATUS = N_("“{value}” is not a status of the list for recommendation {id}: choose one of {options}.")
FOLLOWUP_ACTIONS_MISSING = N_("Recommendation {id} is “{status}”: describe the actions taken in its cell “actions taken”.")
FOLLOWUP_EVIDENCE_ASKED = N_("Recommendation {id} is implemented but names no evidence: please give the norm, document or link that shows it.")
FOLLOWUP_ACCEPTED = NP_("{file}: follow-up accepted — round {round}, {answered} of {required} answer; receipt {answer}.",
                        "{file}: follow-up accepted — round {round}, {answered} of {required} answers; receipt {answer}.", number="required")
FOLLOWUP_INCOMPLETE = NP_("{file}: follow-up to correct — round {round}, {errors} problem; feedback workbook {answer}.",
                          "{file}: follow-up to correct — round {round}, {errors} problems; feedback workbook {answer}.", number="errors")
FOLLOWUP_RECEIPT = {
    "intro": N_("The Department for Effective Public Management (DGPE) of the General Secretariat of the OAS acknowledges receipt of the follow-up of recommendations described below and has recorded the status of each."),
    "details_heading": N_("The follow-up received"), "institution": N_("Respondent"), "questionnaire_id": N_("Follow-up reference"),
    "warnings_intro": N_("The follow-up was accepted with these observations:"), "no_warnings": N_("The follow-up was accepted without observations."),
    "closing": N_("Thank you for this account of the recommendations. Please keep this receipt: the SHA-256 fingerprint identifies exactly the file that was received."),
}
