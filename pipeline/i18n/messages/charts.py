"""Messages: charts."""
from pipeline.i18n.translation import N_

CHART_DIMENSIONS_ALT = N_("Bar chart “{title}”: scores on the maturity scale from 0 to 4, by dimension. {series}.")
CHART_COMPARED_ALT = N_("Bar chart “{title}”: scores on the maturity scale from 0 to 4, by institution: {values}.")
CHART_SERIES = N_("{name} — {values}")
CHART_VALUE = N_("{label}: {value}")
CHART_NO_SCORE = N_("no score")
