"""Every user-facing message, in one catalogue kept in one file per topic.

Each is an English msgid translated through ``i18n/locale/<lang>/LC_MESSAGES/mecigep.po``; placeholders
are ``str.format`` fields. Modules read them as ``m.NAME`` (``from pipeline.i18n import messages as m``);
tests compare errors with these constants.
"""
from pipeline.i18n.messages.answers import *  # noqa: F403
from pipeline.i18n.messages.arrivals import *  # noqa: F403
from pipeline.i18n.messages.charts import *  # noqa: F403
from pipeline.i18n.messages.checks import *  # noqa: F403
from pipeline.i18n.messages.cli import *  # noqa: F403
from pipeline.i18n.messages.common import *  # noqa: F403
from pipeline.i18n.messages.comparison import *  # noqa: F403
from pipeline.i18n.messages.consent import *  # noqa: F403
from pipeline.i18n.messages.consolidation import *  # noqa: F403
from pipeline.i18n.messages.counts import *  # noqa: F403
from pipeline.i18n.messages.followup import *  # noqa: F403
from pipeline.i18n.messages.frameworks import *  # noqa: F403
from pipeline.i18n.messages.guide import *  # noqa: F403
from pipeline.i18n.messages.inbox import *  # noqa: F403
from pipeline.i18n.messages.ledger import *  # noqa: F403
from pipeline.i18n.messages.mail import *  # noqa: F403
from pipeline.i18n.messages.merge import *  # noqa: F403
from pipeline.i18n.messages.methods import *  # noqa: F403
from pipeline.i18n.messages.notes import *  # noqa: F403
from pipeline.i18n.messages.receipt import *  # noqa: F403
from pipeline.i18n.messages.register import *  # noqa: F403
from pipeline.i18n.messages.report import *  # noqa: F403
from pipeline.i18n.messages.returns import *  # noqa: F403
from pipeline.i18n.messages.review import *  # noqa: F403
from pipeline.i18n.messages.rounds import *  # noqa: F403
from pipeline.i18n.messages.seminar import *  # noqa: F403
from pipeline.i18n.messages.status_events import *  # noqa: F403
from pipeline.i18n.messages.templates import *  # noqa: F403
from pipeline.i18n.messages.terms import *  # noqa: F403
from pipeline.i18n.messages.workbooks import *  # noqa: F403
from pipeline.i18n.messages.xlsform import *  # noqa: F403
