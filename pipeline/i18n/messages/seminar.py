"""Messages: seminar."""
from pipeline.i18n.messages.terms import (
    TERM_ANALYTICAL_FRAMEWORK,
    TERM_BENEFICIARY_STATE,
    TERM_COOPERATION_NEEDS,
    TERM_COUNTRY,
    TERM_DATE_OF_PUBLICATION,
    TERM_DGPE_COORDINATOR,
    TERM_FINAL_REPORT,
    TERM_RECOMMENDATIONS,
    TERM_ROUND,
    TERM_TOPIC,
)
from pipeline.i18n.translation import N_, NP_

SEMINAR_NO_ROUNDS = N_("No round had its final report published in {year}, so there is nothing to present at that year's seminar. "
                       "Years with published rounds: {years}.")
SEMINAR_WRITTEN = NP_("Seminar document for {year} written, on {count} published round: {path}", "Seminar document for {year} written, on {count} published rounds: {path}")

SEMINAR_HELP = N_("Write the document of the annual seminar on the rounds whose final report was published in YEAR.")
SEMINAR_HELP_YEAR = N_("The year of publication of the rounds, e.g. 2026.")
REGISTER_HELP = N_("Write the register of every cooperation need and recommendation of the published final reports.")
REGISTER_HELP_OUTPUT = N_("Where to write the register (default: outbox/registro-cooperacion.xlsx).")
FOLLOWUP_HELP_EMIT = N_("Write the follow-up workbook of a published round: the status of each recommendation of its final report.")
FOLLOWUP_WRITTEN = N_("Follow-up workbook of the round {round} written: {path}")

SEMINAR_LABELS = {
    "h_intro": N_("1. The year in figures"), "h_index": N_("2. Index of the rounds"), "h_rounds": N_("3. The rounds"),
    "h_common": N_("4. Common findings"), "h_charts": N_("5. Across the rounds"), "h_main_findings": N_("Main findings"),
    "h_needs": TERM_COOPERATION_NEEDS, "h_challenges": N_("Reform and innovation challenges"), "h_recommendations": TERM_RECOMMENDATIONS,
    "round": TERM_ROUND, "country": TERM_COUNTRY, "topic": TERM_TOPIC, "published": TERM_DATE_OF_PUBLICATION,
}
SEMINAR_TITLE = N_("Annual seminar {year}")
SEMINAR_SUBTITLE = N_("The peer reviews whose final report was published in {year}")
SEMINAR_KIND = N_("Document for the seminar")
SEMINAR_INTRO = NP_("In {year} the OAS published the final report of {count} MECIGEP peer review. This document brings it to the annual seminar: a summary of the review, its findings by topic and element, and charts of its scores. Identifiers such as R-01 are those of the final report, where the recommendation keeps its number.",
                    "In {year} the OAS published the final reports of {count} MECIGEP peer reviews. This document brings them together for the annual seminar: a summary of each review, the findings the reviews share by topic and element, and charts comparing them. Identifiers such as R-01 are those of each final report, where the recommendation keeps its number.")
SEMINAR_FACTS = {"rounds": N_("Rounds published"), "countries": N_("Beneficiary states"), "topics": N_("Topics"),
                 "needs": TERM_COOPERATION_NEEDS, "recommendations": TERM_RECOMMENDATIONS}
SEMINAR_INDEX = N_("The rounds of the year, in order of publication; section 3 summarises each.")
SEMINAR_ROUNDS = N_("For each round: its facts and panel, the main findings (the panel's executive summary, then the interview findings by element), the cooperation needs, the challenges and the recommendations.")
SEMINAR_ROUND_HEADING = N_("3.{number} {country} — {topic}")
SEMINAR_ROUND_FACTS = {"round": TERM_ROUND, "country": TERM_BENEFICIARY_STATE, "topic": TERM_TOPIC, "framework": TERM_ANALYTICAL_FRAMEWORK,
                       "institutions": N_("Institutions reviewed"), "panel": N_("Panel of peer experts"),
                       "coordinator": TERM_DGPE_COORDINATOR, "published": TERM_DATE_OF_PUBLICATION, "report": TERM_FINAL_REPORT,
                       "score": N_("Self-assessed score (mean of the institutions, 0–4)")}
SEMINAR_EXPERT = N_("{name} ({state})")
SEMINAR_COMMON = N_("The interview findings of the year's rounds, grouped by topic and by element of the topic's framework, with each round's self-assessed score of the element.")
SEMINAR_TOPIC_HEADING = N_("4.{number} {topic}")
SEMINAR_TOPIC_NOTE = N_("Rounds on this topic: {rounds}.")
SEMINAR_ELEMENT_HEADING = N_("4.{topic}.{number} {element}")
SEMINAR_ELEMENT_NOTE = NP_("Self-assessed score: {scores}. Findings from {count} of the {total} round on the topic.",
                           "Self-assessed score: {scores}. Findings from {count} of the {total} rounds on the topic.", number="total")
SEMINAR_TOPIC_CHART = N_("{topic}: scores by element")
SEMINAR_TOPIC_CAPTION = N_("Mean self-assessed score of each element of {topic}, by country, on the scale from 0 to 4.")
SEMINAR_CHARTS = N_("Charts comparing the year's rounds: their self-assessed scores and the priority of their recommendations.")
SEMINAR_SCORE_CHART = N_("Mean self-assessed score of each round")
SEMINAR_SCORE_CAPTION = N_("Mean of the institutions' overall scores of each round, on the maturity scale from 0 to 4.")
SEMINAR_PRIORITY_CHART = N_("Recommendations of each round by priority")
SEMINAR_PRIORITY_CAPTION = N_("Number of recommendations of each round's final report, by priority.")
SEMINAR_PRIORITY_ALT = N_("Bar chart “{title}”: number of recommendations by priority, for each round. {values}.")
SEMINAR_HEADER = N_("Annual seminar {year}")
