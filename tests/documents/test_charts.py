"""The charts: PNG files that come out the same for the same input, with alt text that says their numbers."""
import subprocess
import sys

import pytest

from pipeline.documents.charts import Chart, dimension_scores, institutions_compared

PNG = b"\x89PNG\r\n\x1a\n"
DIMENSIONS = ["Legal and institutional framework of planning, with a deliberately long name to wrap", "Long-term vision",
              "Plan–budget linkage"]
LEVELS = ["0 – Absent", "1 – Initial", "2 – Defined", "3 – Implemented", "4 – Institutionalised"]


def scores_chart(path, **series):
    return dimension_scores(DIMENSIONS, series or {"MEF": [2.33, 3.0, None], "Mean": [1.5, 4.0, 0.0]},
                            "Scores by dimension", path, LEVELS, "en")


def test_a_dimension_chart_is_a_png_with_its_numbers_in_the_alt_text(tmp_path):
    chart = scores_chart(tmp_path / "dims.png")
    assert isinstance(chart, Chart) and chart.path == tmp_path / "dims.png" and chart.title == "Scores by dimension"
    assert chart.path.read_bytes().startswith(PNG)
    for text in ("Scores by dimension", "MEF", "Mean", "Long-term vision: 3.0", "2.3", "1.5", "4.0", "0.0", "no score"):
        assert text in chart.alt_text, text


def test_the_same_input_gives_the_same_bytes(tmp_path):
    first, second = scores_chart(tmp_path / "a.png"), scores_chart(tmp_path / "b.png")
    assert first.path.read_bytes() == second.path.read_bytes()
    assert b"Software" not in first.path.read_bytes() and b"matplotlib" not in first.path.read_bytes().lower()
    other = scores_chart(tmp_path / "c.png", MEF=[2.0, 3.0, None])
    assert other.path.read_bytes() != first.path.read_bytes()


def test_the_numbers_of_the_alt_text_are_written_as_in_the_language(tmp_path):
    chart = dimension_scores(["Visión"], {"MEF": [2.26]}, "Puntajes", tmp_path / "es.png", LEVELS, "es")
    assert "Visión: 2,3" in chart.alt_text


def test_institutions_are_compared_one_bar_each(tmp_path):
    chart = institutions_compared(["Ministerio de Economía y Finanzas (MEF)", "PCM", "CEPLAN"], [2.9, 1.26, None],
                                  "Overall score by institution", tmp_path / "inst.png", LEVELS, "en")
    assert chart.path.read_bytes().startswith(PNG)
    for text in ("Ministerio de Economía y Finanzas (MEF): 2.9", "PCM: 1.3", "CEPLAN: no score"):
        assert text in chart.alt_text, text


def test_a_series_of_the_wrong_length_is_refused(tmp_path):
    with pytest.raises(ValueError):
        dimension_scores(["a", "b"], {"MEF": [1.0]}, "t", tmp_path / "x.png")
    with pytest.raises(ValueError):
        institutions_compared(["a"], [1.0, 2.0], "t", tmp_path / "y.png")


def test_importing_the_module_does_not_load_matplotlib():
    code = "import sys, pipeline.documents.charts, pipeline.documents.guide; print('matplotlib' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
