"""A small framework built in code, with one question of each kind, for workbook tests."""
from pipeline.domain.framework import Choice, Dimension, Framework, Question, QuestionType

LEVELS = tuple(
    Choice(name=str(n), label={"es": f"{n} – Nivel {n} en español", "en": f"{n} – Level {n}"}) for n in range(5)
) + (Choice(name="na", label={"es": "No aplica", "en": "Not applicable"}),
     Choice(name="ii", label={"es": "Información insuficiente", "en": "Insufficient information"}))


def sample_framework() -> Framework:
    return Framework(
        id="sample",
        version="2026.1",
        title={"es": "Marco de prueba", "en": "Test framework"},
        topic="planning",
        languages=("es", "en"),
        elements={"e1": {"es": "Visión de largo plazo", "en": "Long-term vision"}},
        choices={
            "plan_levels": LEVELS,
            "yes_no": (Choice(name="yes", label={"es": "Sí", "en": "Yes"}), Choice(name="no", label={"es": "No", "en": "No"})),
            "tools": (
                Choice(name="dashboards", label={"es": "Tableros", "en": "Dashboards"}),
                Choice(name="reports", label={"es": "Informes", "en": "Reports"}),
                Choice(name="audits", label={"es": "Auditorías", "en": "Audits"}),
            ),
        },
        note="Illustrative.",
        dimensions=(
            Dimension(name="d1", label={"es": "Visión y planes", "en": "Vision and plans"}, questions=(
                Question(name="plan", type=QuestionType.SELECT_ONE, list_name="plan_levels", required=True, element="e1",
                         weight=2, evidence="2", label={"es": "¿Existe un plan de largo plazo?", "en": "Is there a long-term plan?"},
                         hint={"es": "Plan nacional a 10 años o más.", "en": "A national plan of 10 years or more."}),
                Question(name="law", type=QuestionType.SELECT_ONE, list_name="yes_no", required=True, evidence="yes",
                         label={"es": "¿Una ley lo exige?", "en": "Does a law require it?"}),
                Question(name="law_year", type=QuestionType.INTEGER, required=True, relevant="${law} = 'yes'",
                         constraint=". >= 1950 and . <= 2030", label={"es": "Año de la ley", "en": "Year of the law"}),
            )),
            Dimension(name="d2", label={"es": "Seguimiento", "en": "Monitoring"}, questions=(
                Question(name="intro", type=QuestionType.NOTE, label={"es": "Preguntas sobre seguimiento.", "en": "About monitoring."}),
                Question(name="tools", type=QuestionType.SELECT_MULTIPLE, list_name="tools", required=True,
                         label={"es": "Herramientas usadas", "en": "Tools used"}),
                Question(name="budget_share", type=QuestionType.DECIMAL, constraint=". >= 0 and . <= 100",
                         label={"es": "Porcentaje del presupuesto", "en": "Share of the budget"}),
                Question(name="last_review", type=QuestionType.DATE, label={"es": "Última revisión", "en": "Last review"}),
                Question(name="obstacles", type=QuestionType.TEXT, label={"es": "Principales obstáculos", "en": "Main obstacles"}),
            )),
        ),
    )
