"""Messages: consolidation."""
from pipeline.i18n.messages.counts import COUNT_GAPS, COUNT_INSTITUTIONS_RECEIVED, COUNT_NOT_RECEIVED
from pipeline.i18n.messages.terms import (
    TERM_ANSWER,
    TERM_ANSWERED,
    TERM_DIMENSION,
    TERM_DOES_NOT_APPLY,
    TERM_ELEMENT,
    TERM_EVIDENCE_COMMENTS,
    TERM_EVIDENCE_MISSING,
    TERM_ID,
    TERM_INSTITUTION,
    TERM_KIND,
    TERM_NAME,
    TERM_NOT_RECEIVED,
    TERM_QUESTION,
    TERM_STATUS,
    TERM_YES,
)
from pipeline.i18n.translation import N_

CONS_HELP = N_("Write the consolidated workbook of a round (answers, scores, gaps, charts) into outbox/<round>/.")
CONS_WRITTEN = N_("Consolidated workbook written to {path}: {received}, {missing}, {gaps}.", received=COUNT_INSTITUTIONS_RECEIVED,
                  missing=COUNT_NOT_RECEIVED, gaps=COUNT_GAPS)
CONS_TITLE = N_("MECIGEP — Consolidated self-assessment: round {round}")
CONS_SHEET_LONG = N_("Answers")
CONS_SHEET_WIDE = N_("Side by side")
CONS_SHEET_SCORES = N_("Scores")
CONS_SHEET_METHOD = N_("Method")
CONS_SHEET_GAPS = N_("Gaps")
CONS_SHEET_CHARTS = N_("Charts")
CONS_INSTITUTION = TERM_INSTITUTION
CONS_NAME = TERM_NAME
CONS_DIMENSION = TERM_DIMENSION
CONS_ELEMENT = TERM_ELEMENT
CONS_ID = TERM_ID
CONS_QUESTION = TERM_QUESTION
CONS_RAW = N_("As typed, where it differs")
CONS_ANSWER = TERM_ANSWER
CONS_LEVEL = N_("Level")
CONS_EVIDENCE = TERM_EVIDENCE_COMMENTS
CONS_STATUS = TERM_STATUS
CONS_SCORE = N_("Score (0–4)")
CONS_PERCENT = N_("{name} %")
CONS_SCORED = N_("Questions scored")
CONS_MATURITY = N_("Maturity questions")
CONS_OVERALL = N_("Overall (all questions)")
CONS_ROUND_MEAN = N_("Round mean")
CONS_RETURNS = N_("Questionnaires returned: {returns}.")
CONS_RETURN = N_("{institution}: {status}")
CONS_COMPLETE_ONLY = N_("Only the complete returns: leave the incomplete ones out of the scores and means.")
CONS_TYPE = N_("Type")
CONS_WEIGHT = N_("Weight")
CONS_SCORES = N_("Scores")
CONS_EVIDENCE_ASKED = N_("Evidence asked")
CONS_EVIDENCE_FROM = N_("from level {level}")
CONS_YES = TERM_YES
CONS_NO = N_("No")
CONS_KIND = TERM_KIND
CONS_DETAIL = N_("Detail")
CONS_BY_INSTITUTION = N_("Overall score of each institution")
CONS_BY_DIMENSION = N_("Scores by dimension (0–4) and percent of the top of the scale")
CONS_BY_ELEMENT = N_("Scores by element (0–4), with the round's mean of each element")
CONS_CHART_DIMENSIONS = N_("Scores by dimension, per institution")
CONS_CHART_ELEMENTS = N_("Institutions compared: overall and by element")
CONS_AXIS_SCORE = N_("Score (0 = absent, 4 = institutionalised)")
CONS_FRAMEWORK = N_("Analytical framework: {title}, version {version}.")
CONS_CORRECTION = N_("DGPE correction")
CONS_CORRECTED = N_("Corrected by {by} on {date}: the official answered {before}, now {after}. {note}")
CONS_STATUSES = {
    "answered": TERM_ANSWERED,
    "missing": N_("Missing"),
    "empty_optional": N_("Optional"),
    "not_applicable": TERM_DOES_NOT_APPLY,
    "invalid": N_("Check the value"),
    "evidence_missing": TERM_EVIDENCE_MISSING,
    "not_received": TERM_NOT_RECEIVED,
}
CONS_TYPE_MATURITY = N_("maturity level 0–4")
# Keyed by the values of QuestionType and GapKind (str enums: their members look these up too).
CONS_NOT_RECEIVED = CONS_STATUSES["not_received"]
CONS_TYPES = {
    "select_one": N_("choice"),
    "select_multiple": N_("multiple choice"),
    "integer": N_("whole number"),
    "decimal": N_("number"),
    "text": N_("text"),
    "date": N_("date"),
    "time": N_("time"),
    "datetime": N_("date and time"),
    "range": N_("number in a range"),
    "acknowledge": N_("confirmation"),
}
CONS_GAP_KINDS = {
    "missing": N_("Required answer missing"),
    "low": N_("Low level"),
    "no_evidence": TERM_EVIDENCE_MISSING,
    "disagreement": N_("Institutions disagree"),
    "not_received": TERM_NOT_RECEIVED,
}
CONS_GAP_DETAILS = {
    "missing": N_("{institution} left the required question {question} unanswered."),
    "low": N_("{institution} answers level {level} to question {question}, at or below {threshold}."),
    "no_evidence": N_("{institution} claims level {level} in question {question} without the evidence the framework asks for."),
    "disagreement": N_("{high} scores {high_score} and {low} scores {low_score} on this element: {difference} points apart "
                             "({apart} or more is a gap)."),
    "not_received": N_("{institution} sent no questionnaire; it is left out of the scores."),
}
