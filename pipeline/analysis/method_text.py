"""The scoring methods in words: which method scores what, each score's inputs and working, and the report's
paragraph on the method. Pure; shared by the consolidated workbook's Method sheet and the report."""
from __future__ import annotations

from typing import Callable

from pipeline.analysis.methods import Input, Score
from pipeline.domain.enums import Method
from pipeline.domain.framework import Framework, pick
from pipeline.i18n.messages.methods import (
    INPUT_II_LEFT_OUT,
    INPUT_II_UNMET,
    INPUT_II_ZERO,
    INPUT_NA,
    INPUT_UNANSWERED,
    METHOD_ALL_WEIGHTED,
    METHOD_NAMES,
    METHOD_RULES,
    METHOD_USED,
    REPORT_RESULTS_METHOD_ITEM,
    REPORT_RESULTS_METHODS,
    REPORT_RESULTS_SCALE,
    REPORT_RESULTS_WEIGHTED,
    REPORT_RESULTS_WORKING,
    SHARE_BANDS,
    WORKING_CUMULATIVE,
    WORKING_CUMULATIVE_ALL,
    WORKING_DEFAULT_TABLE,
    WORKING_INSUFFICIENT,
    WORKING_MEAN,
    WORKING_NONE,
    WORKING_NOT_APPLICABLE,
    WORKING_RULE,
    WORKING_SHARE,
    WORKING_SINGLE,
    WORKING_TABLE,
    WORKING_WEAKEST,
    WORKING_WEAKEST_EQUAL,
)
from pipeline.i18n.translation import format_number, translate

WEIGHTED = (Method.WEIGHTED_MEAN, Method.SHARE)  # the methods that use the weights
II_AS = {Method.WEIGHTED_MEAN: INPUT_II_LEFT_OUT, Method.WEAKEST_LINK: INPUT_II_ZERO, Method.AVERAGING_TABLE: INPUT_II_ZERO,
         Method.CUMULATIVE: INPUT_II_UNMET, Method.SHARE: INPUT_II_ZERO}


def plain(value: float, lang: str) -> str:
    """A number as short as it is: 2 rather than 2,00, 1,5 rather than 1,50."""
    return str(int(value)) if float(value).is_integer() else format_number(value, lang, 2 if round(value * 10) != value * 10 else 1)


def result_text(score: Score, lang: str) -> str:
    """A score as its method gives it: "2+" for a half point of the weakest link or the averaging table, else the
    number; "—" when there is none."""
    if score.value is None:
        return "—"
    if score.method in (Method.WEAKEST_LINK, Method.AVERAGING_TABLE) and not score.value.is_integer():
        return f"{int(score.value)}+"
    return format_number(score.value, lang, 2) if score.method is Method.WEIGHTED_MEAN else plain(score.value, lang)


def method_name(score_or_method: Score | Method, lang: str) -> str:
    method = score_or_method.method if isinstance(score_or_method, Score) else score_or_method
    return translate(METHOD_NAMES[method.value], lang)


def rule_text(method: Method, lang: str, threshold: int = 3) -> str:
    """The rule a method applies, in a sentence."""
    return translate(METHOD_RULES[method.value], lang, threshold=threshold)


def inputs_text(score: Score, lang: str, answer: Callable[[Input], str], corrected: set[str] = frozenset(),  # type: ignore[assignment]
                named: Callable[[str], str] = str) -> str:
    """Each input as the method took it: ``1.8 = 4``, ``1.9 = 1 (×2)``, ``3.4: insufficient information, counted as
    0``; ``answer`` gives an input's answer as people read it (a yes/no requirement's choice), ``named`` the question as
    people know it (its number) from its name."""
    parts = []
    for i in score.inputs:
        question = named(i.question) or i.question
        if i.level is not None or (i.answer and i.scores):
            shown = str(i.level) if i.level is not None else answer(i)
            extra = [f"×{plain(i.weight, lang)}"] if score.method in WEIGHTED and i.weight != 1 else []
            if i.requirement is not None and score.method is Method.CUMULATIVE:
                extra.append(f"≥{i.requirement}" if i.maturity else f"L{i.requirement}")
            text = f"{question} = {shown}" + (f" ({', '.join(extra)})" if extra else "")
        elif i.insufficient:
            text = f"{question}: {translate(II_AS[score.method], lang)}"
        elif i.not_applicable:
            text = f"{question}: {translate(INPUT_NA, lang)}"
        else:
            text = f"{question}: {translate(INPUT_UNANSWERED, lang)}"
        parts.append(text + (" ✎" if i.question in corrected else ""))
    return "; ".join(parts)


def working_text(score: Score, lang: str, named: Callable[[str], str] = str) -> str:
    """How the result was reached, with the figures; ``named`` gives a question as people know it (its number)."""
    t = lambda message, **p: translate(message, lang, **p)
    result = result_text(score, lang)
    if score.value is None:
        if score.insufficient and not any(i.scores for i in score.inputs):
            return t(WORKING_INSUFFICIENT)
        if score.inputs and all(i.not_applicable for i in score.inputs):
            return t(WORKING_NOT_APPLICABLE)
        return t(WORKING_NONE)
    counted = [i for i in score.inputs if i.scores or (i.insufficient and score.method is not Method.WEIGHTED_MEAN)]
    levels = [i.level or 0 for i in counted]
    if score.method is Method.WEIGHTED_MEAN:
        terms = " + ".join(f"{i.level}×{plain(i.weight, lang)}" for i in counted)
        return t(WORKING_MEAN, terms=terms, weights=plain(sum(i.weight for i in counted), lang), result=result)
    if score.method is Method.WEAKEST_LINK:
        lowest = min(levels)
        higher = [named(i.question) or i.question for i in counted if (i.level or 0) > lowest]
        return t(WORKING_WEAKEST, lowest=lowest, higher=higher, result=result) if higher else t(WORKING_WEAKEST_EQUAL, lowest=lowest, result=result)
    if score.method is Method.AVERAGING_TABLE:
        shown = " ".join(str(v) for v in sorted(levels))
        if score.table == "single":
            return t(WORKING_SINGLE, result=result)
        if score.table == "rule":
            return t(WORKING_RULE, levels=shown, mean=plain(round(sum(levels) / len(levels), 2), lang), result=result)
        return t(WORKING_TABLE if score.table == "framework" else WORKING_DEFAULT_TABLE, levels=shown, result=result)
    if score.method is Method.SHARE:
        part = sum(i.weight for i in counted if (i.level or 0) >= score.threshold and not i.insufficient)
        return t(WORKING_SHARE, part=plain(part, lang), whole=plain(sum(i.weight for i in counted), lang), threshold=score.threshold,
                 share=f"{format_number(100 * (score.share or 0), lang, 0)} %", band=t(SHARE_BANDS[score.band.value]) if score.band else "",
                 result=result)
    if score.failed:
        return t(WORKING_CUMULATIVE, result=result, failed=[named(q) or q for q in score.failed], next=score.next_level)
    return t(WORKING_CUMULATIVE_ALL, result=result)


def used(framework: Framework) -> dict[Method, list[str]]:
    """The methods other than the weighted mean the framework uses, each with the elements and dimensions (names)
    it scores, in the framework's order."""
    found: dict[Method, list[str]] = {}
    scoring = framework.scoring
    for name in framework.elements:
        if (spec := scoring.element(name)).method is not Method.WEIGHTED_MEAN:
            found.setdefault(spec.method, []).append(name)
    for d in framework.dimensions:
        if (spec := scoring.dimension(d.name)).method is not Method.WEIGHTED_MEAN:
            found.setdefault(spec.method, []).append(d.name)
    return found


def _label(framework: Framework, name: str, lang: str) -> str:
    labels = framework.elements.get(name) or next((d.label for d in framework.dimensions if d.name == name), {})
    return pick(labels, lang, framework.default_language) or name


def method_summary(framework: Framework, lang: str) -> list[str]:
    """Which method scores what, a sentence per method used (one sentence when all is the weighted mean), each
    followed by its rule."""
    methods = used(framework)
    if not methods:
        return [translate(METHOD_ALL_WEIGHTED, lang), rule_text(Method.WEIGHTED_MEAN, lang)]
    lines = []
    for method, names in methods.items():
        thresholds = {framework.scoring.elements.get(n, framework.scoring.dimension(n)).threshold for n in names}
        lines.append(translate(METHOD_USED, lang, method=method_name(method, lang), names=[_label(framework, n, lang) for n in names])
                     + " " + rule_text(method, lang, min(thresholds)))
    return lines + [rule_text(Method.WEIGHTED_MEAN, lang)]


def report_paragraph(framework: Framework, lang: str) -> str:
    """The report's results section's opening: the scale and the method of the scores."""
    methods = used(framework)
    if not methods:
        return " ".join((translate(REPORT_RESULTS_SCALE, lang), translate(REPORT_RESULTS_WEIGHTED, lang)))
    items = [translate(REPORT_RESULTS_METHOD_ITEM, lang, names=[_label(framework, n, lang) for n in names],
                       method=method_name(method, lang)) for method, names in methods.items()]
    return " ".join((translate(REPORT_RESULTS_SCALE, lang), translate(REPORT_RESULTS_METHODS, lang, methods="; ".join(items)),
                     translate(REPORT_RESULTS_WORKING, lang)))


__all__ = [
    "inputs_text",
    "method_name",
    "method_summary",
    "plain",
    "report_paragraph",
    "result_text",
    "rule_text",
    "used",
    "working_text",
]
