"""Messages: review."""
from pipeline.i18n.messages.terms import TERM_KIND
from pipeline.i18n.translation import N_

REVIEW_SHEET = N_("Review")
REVIEW_HEADER_NUMBER = N_("No.")
REVIEW_HEADER_KIND = TERM_KIND
REVIEW_HEADER_WHO = N_("Who")
REVIEW_HEADER_WHEN = N_("When")
REVIEW_HEADER_WHERE = N_("Where (section)")
REVIEW_HEADER_WHAT = N_("What")
REVIEW_HEADER_ANSWER = N_("Panel's answer")
REVIEW_HEADER_DECISION = N_("Decision")
REVIEW_ACCEPTED = N_("accepted")
REVIEW_REJECTED = N_("rejected")
REVIEW_DISCUSSED = N_("discussed")

REVIEW_KIND_INSERTION = N_("Insertion")
REVIEW_KIND_DELETION = N_("Deletion")
REVIEW_KIND_FORMATTING = N_("Formatting change")
REVIEW_KIND_MOVED = N_("Moved text")
REVIEW_KIND_COMMENT = N_("Comment")
REVIEW_COMMENT_ON = N_('On "{quote}": {text}')
REVIEW_UNKNOWN_AUTHOR = N_("unknown author")
REVIEW_CHANGE_UNRESOLVED = N_('{kind} by {author} under "{section}" is still a tracked change: "{quote}"')
REVIEW_COMMENT_UNRESOLVED = N_('Comment by {author} under "{section}" on "{quote}" is not resolved: "{text}"')
