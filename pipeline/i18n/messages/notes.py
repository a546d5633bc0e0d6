"""Messages: notes."""
from pipeline.i18n.messages.terms import (
    TERM_ELEMENT,
    TERM_EXPERT,
    TERM_FINDING,
    TERM_INSTITUTION,
    TERM_INTERVIEW_NOTES,
    TERM_RECOMMENDATION,
)
from pipeline.i18n.translation import N_, NP_

# Wording of the notes workbook, its checks and its answers (labels it shares with the questionnaire are messages.Q_*).
NOTES_SHEET_NOTES = TERM_INTERVIEW_NOTES
NOTES_TITLE = N_("MECIGEP — Interview notes: {topic}")
NOTES_VISIT = N_("Visit")
NOTES_REFERENCE = N_("Notes reference")
NOTES_PURPOSE = N_("These are the notes of one peer expert on the bilateral interviews of step 4 of MECIGEP. They record, institution by institution and element by element of the framework, what the interviews confirmed of the self-assessment, and they feed the panel's report.")
NOTES_HOW_TO_FILL = N_("On the sheet Interview notes, type your name and e-mail at the top, then fill in the yellow cells of the rows you have findings for; rows left empty are fine. Choose the assessment and the priority from their lists. A recommendation needs a priority.")
NOTES_SCALE_TITLE = N_("The assessment")
NOTES_ASSESSMENT_MEANING = {
    "confirmed": N_("Confirmed: the interview and the evidence support what the institution stated."),
    "partly": N_("Partly confirmed: the practice exists, but less widely or less firmly than stated."),
    "not_confirmed": N_("Not confirmed: the interview or the evidence did not support what the institution stated."),
}
NOTES_PRIORITY_MEANING = N_("Priority of a recommendation: high (the next 12 months), medium (within 3 years), low (desirable).")
NOTES_HOW_TO_RETURN = N_("Save the file as .xlsx (from Excel or LibreOffice) and send it to the DGPE coordinator. You may send it again later: the latest file you send replaces the earlier one. If something is wrong, you will receive a copy with the cells to correct highlighted.")
NOTES_SHEET_HINT = N_("One row per institution interviewed and element of the framework. Fill in the yellow cells; choose the assessment and the priority from their lists.")
NOTES_EXPERT_NAME = N_("Expert's name")
NOTES_EXPERT_EMAIL = N_("Expert's e-mail")
NOTES_HEADERS = {
    "institution": TERM_INSTITUTION, "element": TERM_ELEMENT, "finding": TERM_FINDING,
    "assessment": N_("Assessment"), "need": N_("Cooperation need"), "challenge": N_("Reform or innovation challenge"),
    "recommendation": TERM_RECOMMENDATION, "priority": N_("Priority"), "questions": N_("Related questions (optional)"),
}
NOTES_ELEMENT_QUESTIONS = N_("Questions: {questions}")
NOTES_ASSESSMENTS = {"confirmed": N_("Confirmed"), "partly": N_("Partly confirmed"), "not_confirmed": N_("Not confirmed")}
NOTES_PRIORITIES = {"high": N_("High"), "medium": N_("Medium"), "low": N_("Low")}
NOTES_WHERE = N_("Where")
NOTES_BAD_CHOICE = N_("{institution}, {element}: '{value}' is not one of the values of the list ({allowed}).")
NOTES_NEEDS_PRIORITY = N_("{institution}, {element}: a recommendation needs a priority ({allowed}).")
NOTES_UNKNOWN_QUESTION = N_("{institution}, {element}: the framework has no question '{question}'.")
NOTES_EMAIL_MISSING = N_("Type the expert's e-mail at the top of the sheet Interview notes.")
NOTES_EMPTY = N_("No row has a finding, an assessment, a need, a challenge or a recommendation; fill in at least one row.")
NOTES_ROUND_CLOSED = N_("The round {round} does not take interview notes while it is {stage}.")
NOTES_FOREIGN = N_("The interview notes {notes} were not issued by this workspace; they may belong to another office or have been copied by hand.")
NOTES_TAMPERED = N_("The interview notes {notes} were changed: their {field} does not match the one issued; send back the workbook as it was sent, or ask for a new copy.")
NOTES_ACCEPTED = NP_("{file}: interview notes accepted — {expert}, round {round}, {answered} of {required} row filled; receipt {answer}.",
                     "{file}: interview notes accepted — {expert}, round {round}, {answered} of {required} rows filled; receipt {answer}.",
                     number="required")
NOTES_INCOMPLETE = NP_("{file}: interview notes to correct — {expert}, round {round}, {errors} problem; feedback workbook {answer}.",
                       "{file}: interview notes to correct — {expert}, round {round}, {errors} problems; feedback workbook {answer}.",
                       number="errors")
NOTES_RECEIPT = {
    "intro": N_("The Department for Effective Public Management (DGPE) of the General Secretariat of the OAS acknowledges receipt of the interview notes described below and has stored them for the panel's report."),
    "details_heading": N_("The interview notes received"),
    "institution": TERM_EXPERT,
    "questionnaire_id": N_("Notes reference"),
    "completion_heading": N_("Rows"),
    "warnings_intro": N_("The notes were accepted with these observations:"),
    "no_warnings": N_("The notes were accepted without observations."),
    "closing": N_("Thank you for your notes. A later file from you will replace these. Please keep this receipt: the SHA-256 fingerprint identifies exactly the file that was received."),
}
NOTES_RECEIPT_ROWS = NP_("{answered} of {required} row filled.", "{answered} of {required} rows filled.", number="required")
