"""Messages: how an institution's return is told in the consolidated workbook, the interview guides and the report."""
from pipeline.i18n.messages.terms import TERM_NOT_RECEIVED
from pipeline.i18n.translation import N_, NP_

RETURN_RECEIVED = N_("Received")
RETURN_NOT_RECEIVED = TERM_NOT_RECEIVED
RETURN_INCOMPLETE = N_("Incomplete ({answered}/{required})")
RETURN_LEFT_OUT = N_("Incomplete ({answered}/{required}), left out of the scores")
RETURN_INCLUDES_INCOMPLETE = NP_(
    "* marks an incomplete return and the means that include it: {institutions}, in required answers given / asked.",
    "* marks the {count} incomplete returns and the means that include them: {institutions}, in required answers given / asked.")
RETURN_MEAN_MARK = N_("{mean} *")
RETURN_MARK = N_("{institution} *")
RETURN_LEFT_OUT_NOTE = N_("Left out of the scores and means, as only complete returns were asked for: {institutions}.")
RETURN_RECEIVED_INCOMPLETE = N_("{date}, incomplete ({answered}/{required} required answers)")
RETURN_RECEIVED_ON_INCOMPLETE = N_("Received on {date}, incomplete ({answered}/{required} required answers)")
RETURN_MEAN_INCLUDES = NP_("Includes an incomplete return: {institutions}.", "Includes {count} incomplete returns: {institutions}.")
