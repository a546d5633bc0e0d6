"""Messages: guide."""
from pipeline.i18n.messages.terms import (
    TERM_ANALYTICAL_FRAMEWORK,
    TERM_ANSWER,
    TERM_BENEFICIARY_STATE,
    TERM_DETAILS,
    TERM_DGPE_COORDINATOR,
    TERM_DIMENSION,
    TERM_DOES_NOT_APPLY,
    TERM_EVIDENCE_COMMENTS,
    TERM_EVIDENCE_MISSING,
    TERM_INSTITUTION,
    TERM_INTERVIEW_GUIDE,
    TERM_NOT_RECEIVED,
    TERM_PANEL,
    TERM_ROUND,
    TERM_TOPIC,
)
from pipeline.i18n.translation import N_, NP_

# Wording of the guide. Msgids equal to ones already in the catalogue reuse their translations.
GUIDE_ORGANISATION = N_("Organization of American States")
GUIDE_DEPARTMENT = N_("Department for Effective Public Management (DGPE)")
GUIDE_FOOTER = N_("Produced automatically by MECIGEP, the document pipeline of the OAS/DGPE.")
GUIDE_TITLE = TERM_INTERVIEW_GUIDE
GUIDE_INTRO = N_(
    "This guide prepares the interview of the panel of peer experts with the institution. It sets out the "
    "institution's self-assessment: its scores, the points flagged in its answers, and each answer with its "
    "evidence beside the framework's interview prompt, with room for the panel's notes. It is a working "
    "document of the panel."
)
GUIDE_FACTS_HEADING = N_("The interview")
GUIDE_ITEM = N_("Item")
GUIDE_DETAIL = TERM_DETAILS
GUIDE_ROUND = TERM_ROUND
GUIDE_COUNTRY = TERM_BENEFICIARY_STATE
GUIDE_TOPIC = TERM_TOPIC
GUIDE_INSTITUTION = TERM_INSTITUTION
GUIDE_FRAMEWORK = TERM_ANALYTICAL_FRAMEWORK
GUIDE_FRAMEWORK_VERSION = N_("{title}, version {version}")
GUIDE_PANEL = TERM_PANEL
GUIDE_EXPERT = N_("{name} ({state}), {institution}")
GUIDE_COORDINATOR = TERM_DGPE_COORDINATOR
GUIDE_VISIT = N_("Visit")
GUIDE_VISIT_DATES = N_("From {start} to {end}")
GUIDE_TO_BE_SET = N_("To be set")
GUIDE_RECEIVED = N_("Questionnaire received")
GUIDE_NOT_SENT = TERM_NOT_RECEIVED
GUIDE_SCORES_HEADING = N_("Self-assessed scores")
GUIDE_OVERALL = N_("Overall score")
GUIDE_OVERALL_DETAIL = NP_("out of 4, from {scored} of the {total} maturity question", "out of 4, from {scored} of the {total} maturity questions",
                           number="total")
GUIDE_DIMENSION = TERM_DIMENSION
GUIDE_SCORE = N_("Score (0–4)")
GUIDE_SCORED = N_("Questions scored")
GUIDE_SCORED_COUNT = N_("{scored} of {total}")
GUIDE_CHART_TITLE = N_("Self-assessed scores of {institution} by dimension")
GUIDE_MEAN = NP_("Mean of the {count} institution that answered", "Mean of the {count} institutions that answered")
GUIDE_CHART_CAPTION = N_("The institution's self-assessed score in each dimension, on the scale from 0 to 4.")
GUIDE_CHART_CAPTION_MEAN = NP_(
    "The institution's self-assessed score in each dimension, on the scale from 0 to 4, beside the mean of the "
    "{count} institution that answered.",
    "The institution's self-assessed score in each dimension, on the scale from 0 to 4, beside the mean of the "
    "{count} institutions that answered."
)
GUIDE_SCALE_NOTE = N_(
    "A score is the weighted mean of the levels (0 to 4) the institution chose; answers of \"not applicable\" "
    "and \"insufficient information\" do not score."
)
GUIDE_NOT_RECEIVED = N_(
    "{institution} has not sent its questionnaire: there are no answers or scores to discuss. The questions "
    "below, with the framework's interview prompts, can guide the interview all the same."
)
GUIDE_GAPS_HEADING = N_("Points to raise")
GUIDE_GAPS_INTRO = N_("These points were flagged for the institution:")
GUIDE_NO_GAPS = N_("No point was flagged for the institution.")
GUIDE_GAP_NOT_RECEIVED = N_("The institution has not sent its questionnaire.")
GUIDE_GAP_MISSING = N_("Question {question} is required but was left unanswered.")
GUIDE_GAP_LOW = N_("Question {question} is self-assessed at level {level}, a low score.")
GUIDE_GAP_NO_EVIDENCE = N_("Question {question} claims level {level} without the evidence the framework asks for.")
GUIDE_GAP_DISAGREEMENT = N_(
    "On “{element}” the institutions differ widely: {high} scores {high_score} and {low} scores {low_score}."
)
GUIDE_DIMENSION_SUMMARY = NP_("Score of the dimension: {score} ({scored} of {total} maturity question scored).",
                              "Score of the dimension: {score} ({scored} of {total} maturity questions scored).", number="total")
GUIDE_ANSWER = TERM_ANSWER
GUIDE_EVIDENCE = TERM_EVIDENCE_COMMENTS
GUIDE_FLAGS = N_("Flagged")
GUIDE_PROMPT = N_("Interview prompt")
GUIDE_NOTES = N_("Panel notes")
GUIDE_NO_ANSWER = N_("No answer")
GUIDE_DOES_NOT_APPLY = TERM_DOES_NOT_APPLY
GUIDE_INVALID = N_("{value} (not a valid answer)")
GUIDE_EVIDENCE_MISSING = TERM_EVIDENCE_MISSING
