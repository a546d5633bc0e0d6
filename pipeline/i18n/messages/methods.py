"""Messages: the scoring methods — the framework compiler's checks of the method, level, replaces columns and
the averaging sheet, and the words that explain each method in the consolidated workbook and the report."""
from __future__ import annotations

from pipeline.i18n.translation import N_

FW_UNKNOWN_METHOD = N_("'{value}' is not a scoring method; write weighted_mean, weakest_link, averaging_table, cumulative or share (share may name the level it counts from, e.g. share 3), or leave it blank for the weighted mean.")
FW_BAD_THRESHOLD = N_("'{value}' is not a level the share method can count from; write share followed by a level from 1 to 4, e.g. share 3.")
FW_BAD_LEVEL = N_("'{value}' is not a level a requirement can belong to; write a level from 1 to 4, or leave it blank.")
FW_LEVEL_NOT_YES_NO = N_("The question '{name}' has a level, so it is a requirement met by answering yes; make it a select_one with a yes/no list, or a maturity question, or leave its level blank.")
FW_LEVEL_UNUSED = N_("The question '{name}' has a level, but neither its element nor its dimension is scored by the cumulative method, so the level is not used; score one of them with cumulative, or leave the level blank.")
FW_CUMULATIVE_UNCOUNTED = N_("The question '{name}' counts in no level of '{scope}', scored by the cumulative method: it is neither on the maturity scale nor given a level; give it a level from 1 to 4 if it is a requirement.")
FW_AVERAGING_SCORES = N_("'{value}' is not a list of levels; write two or more levels from 0 to 4 separated by spaces, e.g. 1 1 3.")
FW_AVERAGING_RESULT = N_("'{value}' is not a result on the 0–4 scale; write a level, a half level (2.5) or a level with + (2+).")
FW_AVERAGING_DUPLICATE = N_("The levels {scores} are already on row {first}; keep one of the two rows.")

# The name of each method (keyed by the values of Method), and the rule it applies, as the Method sheet says it.
METHOD_NAMES = {
    "weighted_mean": N_("weighted mean"),
    "weakest_link": N_("weakest link (PEFA M1)"),
    "averaging_table": N_("averaging table (PEFA M2)"),
    "cumulative": N_("cumulative levels"),
    "share": N_("share at or above a level"),
}
METHOD_RULES = {
    "weighted_mean": N_("The weighted mean of the levels of its questions, with the weights of the framework; “not applicable” and “insufficient information” do not count."),
    "weakest_link": N_("The lowest level of its questions, with a “+” (half a point) when any other question scores higher; “insufficient information” counts as level 0 and “not applicable” is left out."),
    "averaging_table": N_("The levels of its questions read off the averaging table of the framework (or the one shipped, for two to four questions: the mean rounded up to the next half point); “insufficient information” counts as level 0 and “not applicable” is left out."),
    "cumulative": N_("The highest level whose requirements, and those of every level below, are all met: a maturity question meets each level up to its answer, a yes/no requirement its own level when answered yes; “insufficient information” does not meet it and “not applicable” is left out."),
    "share": N_("The share of its questions (by weight) at level {threshold} or above, read as PEFA reads shares: all (90 % or more) scores 4, most (75 %) 3, a majority (50 %) 2, some (25 %) 1, fewer 0; “insufficient information” counts as below and “not applicable” is left out."),
}
SHARE_BANDS = {
    "all": N_("all"),
    "most": N_("most"),
    "majority": N_("a majority"),
    "some": N_("some"),
    "few": N_("fewer than a quarter"),
}

# The Method sheet's intro and its working table.
METHOD_INTRO = (
    N_("How the scores are computed. A maturity question scores its level, 0 to 4; “not applicable” is left out, "
       "and “insufficient information” is left out of the weighted mean but counts as level 0 in the other methods "
       "(as PEFA counts D*). Questions of other types (numbers, dates, text) do not score; a yes/no question scores "
       "only as a requirement of the cumulative method."),
    N_("Each element and each dimension is scored by the method the framework declares for it (the weighted mean "
       "unless it says otherwise); the table below gives, for each institution, the inputs, the rule applied and the "
       "result. An institution's overall score is the weighted mean of all its maturity questions; the round's score "
       "for an element or a dimension is the mean of the institutions' scores for it, leaving out those that sent nothing."),
    N_("A percent is the score divided by 4, the top of the scale."),
)
METHOD_CORRECTED_MARK = N_("✎ marks an answer DGPE corrected; the Answers sheet says what the official answered and why it was corrected.")
METHOD_ALL_WEIGHTED = N_("Every element and every dimension of this framework is scored by the weighted mean.")
METHOD_USED = N_("Scored by the method “{method}”: {names}.")
METHOD_WORKING_TITLE = N_("The working of each score: inputs, rule applied and result")
METHOD_QUESTIONS_TITLE = N_("The questions, their weights and the evidence they ask for")
METHOD_SCOPE = N_("What is scored")
METHOD_ROUND = N_("mean of the institutions' scores")
WORKING_ROUND = N_("({terms}) / {count} = {result}")
METHOD_SCOPE_ELEMENT = N_("element")
METHOD_SCOPE_DIMENSION = N_("dimension")
METHOD_METHOD = N_("Method")
METHOD_INPUTS = N_("Inputs (question = answer)")
METHOD_RULE = N_("Rule applied")
METHOD_RESULT = N_("Result")
METHOD_REQUIREMENT = N_("Requirement of level")
# What each input became, and how the result was reached.
INPUT_NA = N_("not applicable, left out")
INPUT_II_LEFT_OUT = N_("insufficient information, left out")
INPUT_II_ZERO = N_("insufficient information, counted as 0")
INPUT_II_UNMET = N_("insufficient information, not met")
INPUT_UNANSWERED = N_("no answer, left out")
WORKING_NONE = N_("No question scored.")
WORKING_INSUFFICIENT = N_("Every question answered is “insufficient information”: no score (D*).")
WORKING_NOT_APPLICABLE = N_("Every question is “not applicable”: no score.")
WORKING_MEAN = N_("({terms}) / {weights} = {result}")
WORKING_WEAKEST = N_("lowest {lowest}; {higher} higher, so {result}")
WORKING_WEAKEST_EQUAL = N_("lowest {lowest}; none higher, so {result}")
WORKING_TABLE = N_("levels {levels} → {result} (the framework's table)")
WORKING_DEFAULT_TABLE = N_("levels {levels} → {result} (the shipped table)")
WORKING_RULE = N_("levels {levels}: mean {mean} rounded up to the half point → {result}")
WORKING_SINGLE = N_("one question: its level, {result}")
WORKING_CUMULATIVE = N_("every requirement up to level {result} is met; {failed} is not met at level {next}")
WORKING_CUMULATIVE_ALL = N_("every requirement of every level is met: {result}")
WORKING_SHARE = N_("{part} of {whole} at level {threshold} or above = {share}: {band}, so {result}")

# The report's results section: the method in one paragraph.
REPORT_RESULTS_SCALE = N_("Each institution rated its practices on the maturity scale from 0 (absent) to 4 (institutionalised).")
REPORT_RESULTS_WEIGHTED = N_("A score is the weighted mean of the levels it chose; answers of “not applicable” and “insufficient information” do not score.")
REPORT_RESULTS_METHODS = N_("Each score is computed by the method the framework declares: the weighted mean of the levels unless stated otherwise ({methods}). Under the weakest link and the averaging table, “insufficient information” counts as level 0, as PEFA counts D*; “not applicable” never scores.")
REPORT_RESULTS_METHOD_ITEM = N_("{names}: {method}")
REPORT_RESULTS_WORKING = N_("The consolidated workbook shows the working of every score.")
