"""The annual seminar document (``templates_docx/seminar.docx``), in the house style of the reports.

Cover, contents (headings 1 and 2), the year's figures, an index of the rounds, one section per round (country,
topic, panel, the panel's executive summary and the interview findings, needs, challenges, recommendations with
their ids), the findings the rounds share by topic and positive element, and the cross-round charts, each a
picture with its alternative text. The content comes from ``analysis/seminar.py``. A round shows only what its
government consented to make public: without consent (or under embargo) its existence, topic and date, and a
sentence saying why; with the executive summary only, that summary.
"""
from __future__ import annotations

import datetime as dt
import functools
import tempfile
from pathlib import Path
from typing import Any

import docx
from docx.oxml.ns import qn
from docx.shared import Cm

from pipeline.analysis.register import display_name as _name
from pipeline.analysis.seminar import PRIORITIES, SeminarRound, TopicFindings
from pipeline.documents.charts import (
    GRID,
    HATCHES,
    INK,
    PALETTE,
    STYLE,
    WIDTH_INCHES,
    Chart,
    _pyplot,
    _save,
    dimension_scores,
    institutions_compared,
    wrap,
)
from pipeline.documents.guide import level_names
from pipeline.documents.layout import finish_layout
from pipeline.documents.panel_text import P, is_placeholder_text, panel_sections, visible_text
from pipeline.documents.properties import set_custom_properties
from pipeline.documents.receipt import TEMPLATES
from pipeline.documents.references import element_text, note_reference, note_source, round_year
from pipeline.documents.render import Picture, render
from pipeline.documents.report_finish import fill_contents
from pipeline.documents.report_labels import REPORT_LABELS
from pipeline.domain.catalog import Catalog
from pipeline.i18n.messages.consent import CONSENT_EMBARGOED, CONSENT_SUMMARY_ONLY, CONSENT_WITHHELD
from pipeline.i18n.messages.notes import NOTES_ASSESSMENTS
from pipeline.i18n.messages.register import REGISTER_PRIORITIES
from pipeline.i18n.messages.report import REPORT_FINAL, REPORT_NOT_ASSESSED
from pipeline.i18n.messages.seminar import (
    SEMINAR_CHARTS,
    SEMINAR_COMMON,
    SEMINAR_ELEMENT_HEADING,
    SEMINAR_ELEMENT_NOTE,
    SEMINAR_EXPERT,
    SEMINAR_FACTS,
    SEMINAR_HEADER,
    SEMINAR_INDEX,
    SEMINAR_INTRO,
    SEMINAR_KIND,
    SEMINAR_LABELS,
    SEMINAR_PRIORITY_ALT,
    SEMINAR_PRIORITY_CAPTION,
    SEMINAR_PRIORITY_CHART,
    SEMINAR_ROUND_FACTS,
    SEMINAR_ROUND_HEADING,
    SEMINAR_ROUNDS,
    SEMINAR_SCORE_CAPTION,
    SEMINAR_SCORE_CHART,
    SEMINAR_SUBTITLE,
    SEMINAR_TITLE,
    SEMINAR_TOPIC_CAPTION,
    SEMINAR_TOPIC_CHART,
    SEMINAR_TOPIC_HEADING,
    SEMINAR_TOPIC_NOTE,
)
from pipeline.i18n.translation import format_date, format_number, normalise_language, translate

SEMINAR_TEMPLATE = TEMPLATES / "seminar.docx"
CHART_WIDTH = Cm(16)
NONE = "—"


def _t(message: str, lang: str, **params: Any) -> str:
    return translate(message, lang, **params)


def _summary(root: Path, r: SeminarRound) -> list[str]:
    """The paragraphs of the panel's executive summary in the final report (none when the file is gone)."""
    path = root / r.publication.report if r.publication.report else None
    if path is None or not path.exists():
        return []
    section = panel_sections(docx.Document(str(path))).get("summary")
    texts = [visible_text(p) for element in (section.body if section else []) for p in element.iter(P)]
    return [t for t in texts if t.strip() and not is_placeholder_text(t)]


def _round(catalog: Catalog, root: Path, number: int, r: SeminarRound, lang: str) -> dict[str, Any]:
    round_, fw = r.publication.round, r.content.data.framework
    country, topic = _name(catalog.state, round_.country, lang), _name(catalog.topic, round_.topic, lang)

    element = functools.partial(element_text, fw, lang=lang)

    def acronym(code: str) -> str:
        found = round_.institution(code)
        return found.acronym if found else code

    def cite(note: Any) -> str:  # the compendium has no annex of notes: a note is cited by its expert's state
        return note_source(catalog, round_, note, lang)

    def items(found: Any) -> list[dict[str, str]]:
        return [{"number": str(n), "text": i.text, "institution": acronym(i.note.institution), "element": element(i.note.element),
                 "trace": cite(i.note)} for n, i in enumerate(found, 1)]

    panel = "\n".join(_t(SEMINAR_EXPERT, lang, name=e.name, state=_name(catalog.state, e.state, lang)) for e in round_.panel.experts)
    coordinator = round_.panel.coordinator
    public = r.public
    facts = {"country": country, "topic": topic, "framework": fw.display_name(lang),
             "institutions": "\n".join(f"{i.name} ({i.acronym})" for i in round_.institutions), "panel": panel or NONE,
             "coordinator": coordinator.name if coordinator else "", "published": _date(r.publication.published, lang),
             "report": _report_title(r, country, topic, lang) if public.report else "", "score": format_number(r.score, lang) if r.score is not None else ""}
    shown = facts if public.anything else {k: v for k, v in facts.items() if k in ("country", "topic", "published")}
    notice = _t(CONSENT_EMBARGOED, lang, date=format_date(public.embargoed, lang)) if public.embargoed else \
        "" if public.report else _t(CONSENT_SUMMARY_ONLY if public.summary else CONSENT_WITHHELD, lang,
                                    country=catalog.states.get(round_.country, country))
    full = public.report
    return {
        "heading": _t(SEMINAR_ROUND_HEADING, lang, number=number, country=country, topic=f"{topic} ({round_year(round_)})"),
        "facts": [{"label": _t(SEMINAR_ROUND_FACTS[k], lang), "value": v} for k, v in shown.items() if v],
        "notice": notice, "full": full,
        "summary": _summary(root, r) if public.summary else [],
        "findings": [{"element": element(g.element), "institution": acronym(i.note.institution), "assessment": _assessment(i, lang),
                      "trace": cite(i.note), "text": i.text} for g in r.content.findings for i in g.items if i.text.strip()] if full else [],
        "needs": items(r.content.needs) if full else [], "challenges": items(r.content.challenges) if full else [],
        "recommendations": [{"id": x.id, "text": x.text, "priority": _t(REGISTER_PRIORITIES.get(x.priority, REGISTER_PRIORITIES[""]), lang),
                             "institution": ", ".join(dict.fromkeys(acronym(n.institution) for n in x.notes)),
                             "element": "\n".join(dict.fromkeys(element(n.element) for n in x.notes)),
                             "trace": "\n".join(cite(n) for n in x.notes)}
                            for x in r.content.recommendations] if full else [],
    }


def _assessment(item: Any, lang: str) -> str:
    code = item.note.assessment
    return _t(NOTES_ASSESSMENTS[code], lang) if code in NOTES_ASSESSMENTS else _t(REPORT_NOT_ASSESSED, lang)


def _element(fw: Any, code: str, lang: str) -> str:
    return fw.element_label(code, lang)


def _report_title(r: SeminarRound, country: str, topic: str, lang: str) -> str:
    """The final report as a reader asks for it (its kind and title), not the file it is in."""
    return f"{_t(REPORT_FINAL, lang)} — MECIGEP — {topic} — {country}"


def _known_as(catalog: Catalog, r: SeminarRound, lang: str) -> str:
    """"Perú (2022)": a round by its country and year, as the year's charts and notes name it."""
    return f"{_name(catalog.state, r.publication.round.country, lang)} ({round_year(r.publication.round)})"


def _date(value: str, lang: str) -> str:
    return format_date(dt.date.fromisoformat(value[:10]), lang)


def _picture(chart: Chart) -> Picture:
    return Picture(str(chart.path), chart.alt_text, chart.title, CHART_WIDTH)


def _common(catalog: Catalog, groups: list[TopicFindings], lang: str, folder: Path) -> list[dict[str, Any]]:
    common = []
    for t, group in enumerate(groups, 1):
        topic, fw = _name(catalog.topic, group.topic, lang), group.rounds[0].content.data.framework
        countries = {r.id: _known_as(catalog, r, lang) for r in group.rounds}
        label = functools.partial(_element, fw, lang=lang)
        scored = [e for e in group.elements if any(v is not None for _, v in e.scores)]
        chart: Any = ""
        if scored:
            drawn = dimension_scores([label(e.element) for e in scored],
                                     {countries[r.id]: [{x.id: v for x, v in e.scores}[r.id] for e in scored] for r in group.rounds},
                                     _t(SEMINAR_TOPIC_CHART, lang, topic=topic), folder / f"topic-{t}.png", level_names(lang), lang)
            chart = _picture(drawn)
        common.append({
            "heading": _t(SEMINAR_TOPIC_HEADING, lang, number=t, topic=topic), "chart": chart,
            "note": _t(SEMINAR_TOPIC_NOTE, lang, rounds=tuple(countries[r.id] for r in group.rounds)),
            "caption": _t(SEMINAR_TOPIC_CAPTION, lang, topic=topic),
            "elements": [{"heading": _t(SEMINAR_ELEMENT_HEADING, lang, topic=t, number=n, element=label(e.element)),
                          "note": _t(SEMINAR_ELEMENT_NOTE, lang, count=e.rounds, total=len(group.rounds), scores=tuple(
                              f"{countries[r.id]} {format_number(v, lang) if v is not None else NONE}" for r, v in e.scores)),
                          "entries": [{"country": countries[r.id], "assessment": _assessment(i, lang), "text": i.text,
                                       "trace": note_reference(catalog, r.publication.round, r.content.data.framework, i.note, lang,
                                                               element=False)}
                                      for r, i in e.findings]}
                         for n, e in enumerate(group.elements, 1)]})
    return common


def priority_chart(groups: list[str], series: dict[str, list[int]], title: str, path: Path, lang: str) -> Chart:
    """Grouped horizontal bars of counts: for each group (a round, top to bottom) one bar per series (a priority)."""
    from matplotlib.ticker import MaxNLocator

    plt, band = _pyplot(), 0.8 / max(1, len(series))
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(WIDTH_INCHES, min(9.5, 1.6 + 0.22 * len(groups) * max(2, len(series)))), layout="constrained")
        for n, (name, values) in enumerate(series.items()):
            offsets = [row - 0.4 + band * (n + 0.5) for row in range(len(groups))]
            ax.barh(offsets, values, height=band * 0.92, label=name, color=PALETTE[n % len(PALETTE)], hatch=HATCHES[n % len(HATCHES)],
                    edgecolor="white", linewidth=0.4)
            for y, value in zip(offsets, values):
                ax.text(value + 0.03, y, str(value), va="center", ha="left", fontsize=7.5, color="#262626", family=STYLE["font.family"])
        ax.set_yticks(range(len(groups)))
        ax.set_yticklabels([wrap(g, 30) for g in groups], color="#262626")
        ax.set_ylim(len(groups) - 0.5, -0.5)
        ax.set_xlim(0, max((max(v) for v in series.values() if v), default=1) + 0.6)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.xaxis.grid(True, color=GRID, linewidth=0.6)
        ax.set_axisbelow(True)
        ax.tick_params(axis="both", length=0)
        ax.tick_params(axis="x", labelsize=7.5, labelcolor="#404040")
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        ax.set_title(wrap(title, 80), loc="left", color=INK, fontsize=10, fontweight="bold")
        fig.legend(loc="outside lower center", ncol=min(len(series), 4), frameon=False, fontsize=8)
        _save(fig, path)
    said = ". ".join(f"{g}: " + ", ".join(f"{name} {series[name][i]}" for name in series) for i, g in enumerate(groups))
    return Chart(path, title, _t(SEMINAR_PRIORITY_ALT, lang, title=title, values=said))


def _charts(catalog: Catalog, rounds: list[SeminarRound], lang: str, folder: Path) -> list[dict[str, Any]]:
    names = [f"{_name(catalog.state, r.publication.round.country, lang)} — {_name(catalog.topic, r.publication.round.topic, lang)}"
             f" ({round_year(r.publication.round)})" for r in rounds]
    scores = institutions_compared(names, [r.score for r in rounds], _t(SEMINAR_SCORE_CHART, lang), folder / "scores.png", level_names(lang), lang)
    used = [p for p in PRIORITIES if any(r.priorities()[p] for r in rounds)] or ["high"]
    priorities = priority_chart(names, {_t(REGISTER_PRIORITIES[p], lang): [r.priorities()[p] for r in rounds] for p in used},
                                _t(SEMINAR_PRIORITY_CHART, lang), folder / "priorities.png", lang)
    return [{"picture": _picture(scores), "caption": _t(SEMINAR_SCORE_CAPTION, lang)},
            {"picture": _picture(priorities), "caption": _t(SEMINAR_PRIORITY_CAPTION, lang)}]


def seminar_context(catalog: Catalog, root: Path, year: int, rounds: list[SeminarRound], groups: list[TopicFindings], lang: str,
                    folder: Path, today: dt.date | None = None) -> dict[str, Any]:
    """The variables ``seminar.docx`` is rendered with; charts are drawn into ``folder``."""
    labels = {key: _t(REPORT_LABELS[key], lang) for key in ("organisation", "department", "mechanism", "contents", "item",
                                                            "detail", "no", "text", "concerns", "id", "recommendation", "priority",
                                                            "no_findings", "no_needs", "no_challenges", "no_recommendations")}
    labels.update({key: _t(message, lang) for key, message in SEMINAR_LABELS.items()})
    figures = {"rounds": str(len(rounds)), "countries": ", ".join(dict.fromkeys(_name(catalog.state, r.publication.round.country, lang) for r in rounds)),
               "topics": ", ".join(dict.fromkeys(_name(catalog.topic, r.publication.round.topic, lang) for r in rounds)),
               "needs": str(sum(len(r.content.needs) for r in rounds if r.public.report)),
               "recommendations": str(sum(len(r.content.recommendations) for r in rounds if r.public.report))}
    return {
        "labels": labels, "cover_title": _t(SEMINAR_TITLE, lang, year=year), "cover_subtitle": _t(SEMINAR_SUBTITLE, lang, year=year),
        "cover_kind": _t(SEMINAR_KIND, lang), "cover_date": format_date(today or dt.date.today(), lang),
        "cover_facts": [{"label": _t(SEMINAR_FACTS["rounds"], lang), "value": figures["rounds"]}],
        "header_right": _t(SEMINAR_HEADER, lang, year=year), "footer_text": f"MECIGEP · {_t(SEMINAR_TITLE, lang, year=year)}",
        "intro_text": _t(SEMINAR_INTRO, lang, year=year, count=len(rounds)),
        "year_facts": [{"label": _t(SEMINAR_FACTS[k], lang), "value": v} for k, v in figures.items()],
        "index_text": _t(SEMINAR_INDEX, lang),
        "index": [{"round": round_year(r.publication.round), "country": _name(catalog.state, r.publication.round.country, lang),
                   "topic": _name(catalog.topic, r.publication.round.topic, lang), "published": _date(r.publication.published, lang)}
                  for r in rounds],
        "rounds_text": _t(SEMINAR_ROUNDS, lang),
        "rounds": [_round(catalog, root, n, r, lang) for n, r in enumerate(rounds, 1)],
        "common_text": _t(SEMINAR_COMMON, lang), "common": _common(catalog, groups, lang, folder),
        "charts_text": _t(SEMINAR_CHARTS, lang), "charts": _charts(catalog, rounds, lang, folder),
    }


def render_seminar(catalog: Catalog, root: Path, year: int, rounds: list[SeminarRound], groups: list[TopicFindings], target: Path,
                   lang: str = "es") -> Path:
    """Renders the seminar document into ``target`` atomically, its contents filled in; returns ``target``."""
    language = normalise_language(lang)
    with tempfile.TemporaryDirectory(prefix="mecigep-seminar-") as folder:
        context = seminar_context(catalog, root, year, rounds, groups, language, Path(folder))

        def finish(document: Any) -> None:
            props = document.core_properties
            props.title, props.subject, props.language = context["cover_title"], context["cover_subtitle"], language
            props.keywords = "MECIGEP; " + "; ".join(r.id for r in rounds)
            props.created = props.modified = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
            fill_contents(document)
            third = document.styles["TOC 3"].style_id
            for entry in [p for p in document.element.body.iter(qn("w:p"))
                          if (s := p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")) is not None and s.get(qn("w:val")) == third]:
                for run in [r for r in entry if r.find(qn("w:fldChar")) is not None]:  # the field's end stays in the contents
                    entry.getprevious().append(run)
                entry.getparent().remove(entry)  # the contents list headings 1 and 2, as the template's field asks
            finish_layout(document, language)
            set_custom_properties(document, {"mecigep_kind": "seminar", "mecigep_year": str(year),
                                          "mecigep_rounds": ",".join(r.id for r in rounds)})

        return render(SEMINAR_TEMPLATE, context, target, finish)
