"""Messages: answers."""
from pipeline.i18n.translation import N_

RESP_UNKNOWN_CHOICE = N_(
    "“{value}” is not one of the options of question {question}. Choose one from the drop-down list of its cell instead.")
RESP_NOT_YES_NO = N_(
    "“{value}” is neither yes nor no for the option “{option}” of question {question}. "
    "Type “{yes}” or “{no}” instead, or leave the cell empty.")
RESP_NOT_A_NUMBER = N_(
    "“{value}” is not a number for question {question}. "
    "Type only the number instead, such as 1995 or 12,5, without words or units.")
RESP_NOT_WHOLE = N_(
    "{value} is not a whole number for question {question}. Type a whole number instead, without decimals.")
RESP_NOT_A_DATE = N_(
    "“{value}” is not a date for question {question}. Type the date as day/month/year instead, such as 31/12/2026.")

VAL_MISSING = N_("Question {question} is required but has no answer. Fill in its answer cell.")
VAL_NOT_APPLICABLE = N_(
    "An answer was given to question {question}, which does not apply given the other answers; it will be ignored. "
    "Leave it empty, or correct the answer it depends on.")
VAL_NOT_AN_OPTION = RESP_UNKNOWN_CHOICE
VAL_WRONG_TYPE = N_("“{value}” is not {expected}, as question {question} asks. Write {expected} instead.")
VAL_CONSTRAINT = N_(
    "“{value}” is not an accepted answer to question {question}: it is outside what the question allows. "
    "Read the question's help and correct the answer.")
VAL_CONSTRAINT_EXPLAINED = N_("“{value}” is not an accepted answer to question {question}: {reason}. Correct the answer.")
VAL_EVIDENCE_MISSING = N_(
    "Question {question} asks for evidence for the answer “{value}”, but the evidence cell is empty. "
    "Name the document, law or link that supports the answer in the evidence cell.")
VAL_RULE_NOT_CHECKED = N_(
    "The rule of question {question} could not be checked because the framework's expression is not valid; "
    "tell the DGPE so that they correct the framework.")
VAL_KIND_OPTION = N_("one of the options")
VAL_KIND_OPTIONS = N_("a set of options")
VAL_KIND_INTEGER = N_("a whole number")
VAL_KIND_DECIMAL = N_("a number")
VAL_KIND_DATE = N_("a date")
VAL_KIND_TEXT = N_("text")

# A question named in a message (domain.framework.QuestionName): its number and its text, and a repeat's row.
QUESTION_REFERENCE = N_("{number} “{text}”")
QUESTION_REFERENCE_ROW = N_("{question}, row {row}")
QUESTION_REFERENCE_TABLE = N_("the table “{text}”")
