"""Messages: register."""
from pipeline.i18n.messages.counts import COUNT_COOPERATION_NEEDS, COUNT_PUBLISHED_ROUNDS, COUNT_RECOMMENDATIONS
from pipeline.i18n.messages.terms import (
    TERM_COOPERATION_NEEDS,
    TERM_COUNTRY,
    TERM_ELEMENT,
    TERM_FINAL_REPORT,
    TERM_INSTITUTION,
    TERM_KIND,
    TERM_RECOMMENDATION,
    TERM_RECOMMENDATIONS,
    TERM_ROUND,
    TERM_STATUS,
    TERM_TOPIC,
)
from pipeline.i18n.translation import N_, NP_

REGISTER_TITLE = N_("MECIGEP — Register of cooperation needs and recommendations")
REGISTER_SHEET = N_("Register")
REGISTER_SUMMARY_SHEET = N_("Summary")
REGISTER_INTRO = NP_("One row per cooperation need and per recommendation of the {rounds} published final report, as of {date}. "
                     "Filter or sort the table with the arrows of its header; the last column names the final report by its title and date.",
                     "One row per cooperation need and per recommendation of the {rounds} published final reports, as of {date}. "
                     "Filter or sort the table with the arrows of its header; the last column names the final report by its title and date.", number="rounds")
REGISTER_SUMMARY_INTRO = N_("Counts of the register's rows, as of {date}. A recommendation's status is the one its country gave in its latest follow-up.")
REGISTER_HEADERS = {
    "round": TERM_ROUND, "country": TERM_COUNTRY, "topic": TERM_TOPIC, "element": TERM_ELEMENT,
    "institution": TERM_INSTITUTION, "kind": TERM_KIND, "text": N_("Text"), "priority": N_("Priority"), "status": TERM_STATUS,
    "status_date": N_("Status date"), "recommendation": N_("Recommendation id"), "report": TERM_FINAL_REPORT,
}
REGISTER_KINDS = {"need": N_("Cooperation need"), "recommendation": TERM_RECOMMENDATION, "withheld": N_("Report not public")}
REGISTER_PRIORITIES = {"high": N_("High"), "medium": N_("Medium"), "low": N_("Low"), "": N_("No priority given")}
REGISTER_BY = {"topic": N_("By topic"), "country": N_("By country"), "priority": N_("By priority"),
               "status": N_("Recommendations by follow-up status")}
REGISTER_COUNT_HEADERS = {"needs": TERM_COOPERATION_NEEDS, "recommendations": TERM_RECOMMENDATIONS, "count": TERM_RECOMMENDATIONS}
REGISTER_NO_ROUNDS = N_("No round has a published final report yet, so the register would be empty: publish a final report first "
                        "(mecigep report final ROUND).")
REGISTER_WRITTEN = N_("Register of {needs} and {recommendations} from {rounds} written: {path}", needs=COUNT_COOPERATION_NEEDS,
                      recommendations=COUNT_RECOMMENDATIONS, rounds=COUNT_PUBLISHED_ROUNDS)
