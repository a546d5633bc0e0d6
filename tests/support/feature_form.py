"""An XLSForm framework that uses every feature a self-assessment may need, written with the spellings a
KoboToolbox or ODK author brings (``relevance``, ``constraint message``, ``choice filter``, ``select one from``,
``repeat_count``), in English and Spanish."""
from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

SURVEY_HEAD = ["type", "name", "label::English (en)", "label::Español (es)", "hint::English (en)", "required", "relevance",
               "constraint", "constraint message::English (en)", "constraint message::Español (es)", "calculation",
               "choice filter", "repeat_count", "parameters"]
SURVEY = [
    ["begin_group", "plans_dim", "Plans", "Planes"],
    ["select one from yes_no", "has_plan", "Is there a plan?", "¿Hay un plan?", None, "yes"],
    ["begin_repeat", "plans", "Each plan", "Cada plan", "One row per plan", None, "${has_plan} = 'yes'",
     None, None, None, None, None, "2"],
    ["text", "plan_name", "Name of the plan", "Nombre del plan", None, "yes"],
    ["integer", "plan_year", "Year approved", "Año de aprobación", None, None, None, ". >= 2000 and . <= 2030",
     "Between 2000 and 2030", "Entre 2000 y 2030"],
    ["select_one status or_other", "plan_status", "Status", "Estado"],
    ["calculate", "plan_age", None, None, None, None, None, None, None, None, "2026 - ${plan_year}"],
    ["end_repeat"],
    ["calculate", "total_plans", "Plans listed", "Planes listados", None, None, None, None, None, None, "count(${plans})"],
    ["end_group"],
    ["begin group", "places", "Places and times", "Lugares y horarios"],
    ["select_one regions", "region", "Region", "Región", None, "yes"],
    ["select_one cities", "city", "City", "Ciudad", None, "yes", None, None, None, None, None, "region = ${region}"],
    ["time", "meeting_time", "Usual meeting time", "Hora habitual de reunión"],
    ["dateTime", "last_session", "Last session", "Última sesión"],
    ["range", "satisfaction", "Satisfaction", "Satisfacción", None, None, None, None, None, None, None, None, None,
     "start=0 end=10 step=1"],
    ["text", "code", "Plan code", "Código del plan", None, None, None, "regex(., '^[A-Z]{3}-[0-9]{2}$')",
     "Three capitals, a dash and two digits (ABC-12)", "Tres mayúsculas, un guion y dos cifras (ABC-12)"],
    ["string", "contact_email", "Contact e-mail", "Correo de contacto", None, "${has_plan} = 'yes'"],
    ["decimal", "budget", "Budget", "Presupuesto"],
    ["calculate", "budget_k", "Budget (thousands)", "Presupuesto (miles)", None, None, None, None, None, None,
     "round(${budget} div 1000, 1)"],
    ["select_multiple tools", "tools", "Tools used", "Herramientas usadas"],
    ["int", "n_tools", "How many people use them?", "¿Cuántas personas las usan?", None, None, "count-selected(${tools}) > 1"],
    ["acknowledge", "consent", "I confirm the answers are accurate", "Confirmo que las respuestas son exactas", None, "yes"],
    ["end group"],
]
CHOICES = [
    ["list name", "name", "label::English (en)", "label::Español (es)", "region"],
    ["yes_no", "yes", "Yes", "Sí"], ["yes_no", "no", "No", "No"],
    ["status", "draft", "Draft", "Borrador"], ["status", "approved", "Approved", "Aprobado"],
    ["regions", "north", "North", "Norte"], ["regions", "south", "South", "Sur"],
    ["cities", "n1", "Northtown", "Villanorte", "north"], ["cities", "n2", "Hillview", "Vistalta", "north"],
    ["cities", "s1", "Southport", "Puertosur", "south"],
    ["tools", "dashboards", "Dashboards", "Tableros"], ["tools", "reports", "Reports", "Informes"],
    ["tools", "audits", "Audits", "Auditorías"],
]
SETTINGS = [["form_title::English (en)", "form_title::Español (es)", "form_id", "version", "topic", "default_language"],
            ["Planning features", "Planificación: funciones", "planning", "2027.1", "planning", "Español (es)"]]


def write_feature_form(path: Path) -> Path:
    """Writes the framework workbook to ``path``; returns ``path``."""
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in (("survey", [SURVEY_HEAD, *SURVEY]), ("choices", CHOICES), ("settings", SETTINGS)):
        sheet = wb.create_sheet(title)
        for row in rows:
            sheet.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path
