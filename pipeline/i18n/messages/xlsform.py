"""Messages: what the questionnaire shows and the inbox says for the XLSForm features beyond the basic types
(times, ranges, acknowledgements, calculations, dependent lists, repeats)."""
from pipeline.i18n.messages.counts import COUNT_ROWS_FILLED
from pipeline.i18n.translation import N_, NP_

Q_TIME = N_("Time")
Q_TIME_ERROR = N_("Type a time as hours:minutes, e.g. 14:30.")
Q_DATETIME = N_("Date and time")
Q_DATETIME_ERROR = N_("Type a date and a time, e.g. 15/03/2026 14:30.")
Q_RANGE = N_("Number in a range")
Q_RANGE_ERROR = N_("Type a number from {start} to {end}.")
Q_RANGE_HELP = N_("A number from {start} to {end}, in steps of {step}.")
Q_ACKNOWLEDGED = N_("Acknowledged")
Q_ACKNOWLEDGE_HELP = N_("Choose “{label}” to confirm.")
Q_CALCULATED = N_("Calculated from your answers; it updates as you type.")
Q_CALCULATED_ON_RECEIPT = N_("Calculated from your answers when the questionnaire is received.")
Q_CHECKED_ON_RECEIPT = N_("Also checked when the questionnaire is received: {rules}")
Q_FILTERED = N_("The choices depend on your answer to {question}.")
Q_REPEAT_WHERE = N_("Answer in the table of the sheet “{sheet}”, one row per item.")
Q_REPEAT_AT_LEAST = NP_("At least {count} row.", "At least {count} rows.")
Q_REPEAT_HOW = N_("One row per item. To add rows, insert them inside the table (above its last row); leave unused rows empty.")
Q_REPEAT_ROWS = N_("Rows filled")

RESP_NOT_A_TIME = N_("“{value}” is not a time for question {question}. Type the time as hours:minutes instead, such as 14:30.")
RESP_NOT_A_DATETIME = N_(
    "“{value}” is not a date and time for question {question}. Type them as day/month/year hours:minutes instead, "
    "such as 31/12/2026 14:30.")
RESP_NOT_ACKNOWLEDGED = N_("“{value}” does not confirm question {question}. Choose “{label}” in the list instead, or leave the cell empty.")
VAL_OUT_OF_RANGE = N_("{value} is outside what question {question} allows. Type a number from {start} to {end}, in steps of {step}, instead.")
VAL_FILTERED_OUT = N_(
    "“{value}” is not one of the options question {question} offers given the other answers. "
    "Choose one from the drop-down list of its cell instead, which offers only those that apply.")
VAL_REQUIRED_EXPLAINED = N_("Question {question} is required: {reason}. Fill in its answer cell.")
VAL_TOO_FEW_ROWS = NP_("The table “{repeat}” has {count}, but at least {least} is asked. Add the missing row to the table.",
                       "The table “{repeat}” has {count}, but at least {least} are asked. Add the missing rows to the table.",
                       number="least", count=COUNT_ROWS_FILLED)
VAL_KIND_TIME = N_("a time")
VAL_KIND_DATETIME = N_("a date and time")
