"""Charts drawn once: a later run that draws the same chart copies the picture kept by the content it shows."""
import docx

from pipeline.documents import charts
from pipeline.documents.charts import cached, dimension_scores, institutions_compared
from tests.documents.test_charts import DIMENSIONS, LEVELS

SERIES = {"MEF": [2.33, 3.0, None], "Mean": [1.5, 4.0, 0.0]}


class Counting:
    """``dimension_scores``, counting its drawings."""

    __name__ = "dimension_scores"

    def __init__(self) -> None:
        self.drawn = 0

    def __call__(self, *args, **kwargs):
        self.drawn += 1
        return dimension_scores(*args, **kwargs)


def test_the_same_chart_is_drawn_once_and_copied_after_with_its_alt_text(tmp_path):
    draw, cache = Counting(), tmp_path / "cache"
    first = cached(cache, draw, DIMENSIONS, SERIES, "Scores", tmp_path / "one" / "a.png", LEVELS, "en")
    second = cached(cache, draw, DIMENSIONS, SERIES, "Scores", tmp_path / "two" / "b.png", LEVELS, "en")
    assert draw.drawn == 1
    assert second.path == tmp_path / "two" / "b.png" and second.path.read_bytes() == first.path.read_bytes()
    assert (second.title, second.alt_text) == (first.title, first.alt_text)
    other = cached(cache, draw, DIMENSIONS, {"MEF": [2.33, 3.1, None]}, "Scores", tmp_path / "c.png", LEVELS, "en")
    assert draw.drawn == 2 and other.path.read_bytes() != first.path.read_bytes() and "3.1" in other.alt_text
    in_french = cached(cache, draw, DIMENSIONS, SERIES, "Scores", tmp_path / "d.png", LEVELS, "fr")
    assert draw.drawn == 3 and "2,3" in in_french.alt_text


def test_a_damaged_entry_or_a_new_drawing_draws_again(tmp_path, monkeypatch):
    draw, cache = Counting(), tmp_path / "cache"
    cached(cache, draw, DIMENSIONS, SERIES, "Scores", tmp_path / "a.png", LEVELS, "en")
    for about in cache.glob("*.json"):
        about.write_text("{not json")
    again = cached(cache, draw, DIMENSIONS, SERIES, "Scores", tmp_path / "b.png", LEVELS, "en")
    assert draw.drawn == 2 and "Scores" in again.alt_text
    monkeypatch.setattr(charts, "DRAWING", "2")
    cached(cache, draw, DIMENSIONS, SERIES, "Scores", tmp_path / "c.png", LEVELS, "en")
    assert draw.drawn == 3
    assert not list(cache.glob(".*.tmp"))


def test_without_a_cache_every_chart_is_drawn(tmp_path):
    chart = cached(None, institutions_compared, ["MEF", "PCM"], [2.0, None], "By institution", tmp_path / "i.png", LEVELS, "en")
    assert chart.path.exists() and "no score" in chart.alt_text


def test_a_second_draft_reuses_the_charts_of_the_first(workspace, monkeypatch):
    """Two drafts of the same round embed the same pictures; the second draws none."""
    from pipeline.demo.answers import complete_answers
    from pipeline.documents import report as report_module
    from pipeline.domain.models import Stage
    from pipeline.inbox.kinds import REGISTRY
    from pipeline.inbox.run import run_once
    from pipeline.stages.frameworks import available
    from pipeline.stages.questionnaire import emit
    from pipeline.stages.report import chart_cache, write_draft
    from pipeline.stages.rounds import open_round
    from tests.conftest import a_round
    from tests.support.filling import fill
    from tests.support.stages import advance

    open_round(workspace, a_round())
    [mef] = emit(workspace, "2026-PER-planning")
    fill(mef, complete_answers(available(workspace)["planning"].framework), workspace.inbox / "mef.xlsx")
    run_once(workspace, REGISTRY, settle=0.0, workers=1, lang="es")
    advance(workspace, "2026-PER-planning", Stage.INTERVIEWS, Stage.DRAFTING)
    first = write_draft(workspace, "2026-PER-planning")
    assert list(chart_cache(workspace).glob("*.png"))

    for name in ("dimension_scores", "institutions_compared"):  # under the same name, as the cache knows them
        def refuse(*args, **kwargs):
            raise AssertionError("a chart was drawn again")

        refuse.__name__ = name
        monkeypatch.setattr(report_module, name, refuse)
    second = write_draft(workspace, "2026-PER-planning")

    def pictures(path):
        return sorted(part.blob for part in docx.Document(path).part.package.parts if part.partname.startswith("/word/media/"))

    assert pictures(second.path) == pictures(first.path) and pictures(first.path)
