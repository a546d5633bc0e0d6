"""Messages of the workbooks people read and fill: the questionnaire's numbers and feedback copy, the consolidated
workbook's returns, the request form's tables, the register's reports, and the names of the files the pipeline
writes, in the round's language."""
from __future__ import annotations

from pipeline.i18n.translation import N_, NP_

# Numbers in the questionnaire
Q_NUMBER_BETWEEN = N_("Type a number from {start} to {end}; decimals are allowed.")
Q_WHOLE_BETWEEN = N_("Type a whole number from {start} to {end}.")
Q_NUMBER_FROM = N_("Type a number of at least {start}.")
Q_WHOLE_FROM = N_("Type a whole number of at least {start}.")
Q_NUMBER_UP_TO = N_("Type a number of at most {end}.")
Q_WHOLE_UP_TO = N_("Type a whole number of at most {end}.")
Q_IN_UNIT = N_("In {unit}.")
Q_LONG_TEXT = N_("Write as much as you need; a new line is Alt+Enter in Excel, Ctrl+Enter in LibreOffice.")

# The feedback copy of a questionnaire
Q_RETURNED = NP_(
    "This is your institution's questionnaire, returned with {count} thing to correct: the “To correct” sheet, first "
    "in this workbook, says what and links to its cell, which is red and carries a comment. Every other answer you gave "
    "is kept: correct this copy and send it back as before.",
    "This is your institution's questionnaire, returned with {count} things to correct: the “To correct” sheet, first "
    "in this workbook, lists them and links to each cell, which is red and carries a comment. Every other answer you gave "
    "is kept: correct this copy and send it back as before.")
Q_PROBLEMS_TITLE = N_("What to correct in your questionnaire")
Q_PROBLEMS_DATE = N_("Returned on")
Q_PROBLEMS_HOW = N_("Click a cell reference to go to it. A red cell turns to its status colour once you change it.")

# The request form's tables
REQUEST_INSTITUTIONS_TITLE = N_("The institutions that will answer the self-assessment questionnaire")
REQUEST_INSTITUTIONS_HELP = N_(
    "One row per institution, in the yellow cells: its full name, its acronym, the e-mail address the questionnaire "
    "is sent to, and the language it is to be written in (chosen from the list; empty means the round's language). "
    "Each institution receives a questionnaire of its own.")
REQUEST_EXPERTS_TITLE = N_("The experts the country proposes for the panel")
REQUEST_EXPERTS_HELP = N_(
    "Up to three experts, each an official of a different member state with experience in the topic: name, e-mail, "
    "state (chosen from the list), institution, experience and language. DGPE adds its own expert, who coordinates "
    "the panel.")

# Words of the names of the files the pipeline writes: "file:" and the word in English; translated, the word alone
# (lower case, no accents needed: file_names makes them safe)
FILE_CONSOLIDATED = N_("file:consolidated")
FILE_GUIDES = N_("file:guides")
FILE_GUIDE = N_("file:guide")
FILE_DRAFT = N_("file:draft")
FILE_REVIEW = N_("file:review")
FILE_CHANGES = N_("file:changes")
FILE_FINAL_REPORT = N_("file:final-report")
FILE_FOLLOWUP = N_("file:follow-up")
FILE_REGISTER = N_("file:cooperation-register")
FILE_SEMINAR = N_("file:seminar")
FILE_NOTES = N_("file:notes")
FILE_RECEIPT = N_("file:receipt")
FILE_FEEDBACK = N_("file:feedback")

# The register's column of reports
REGISTER_REPORT = N_("MECIGEP final report: {topic}, {country} (published on {date})")
