"""Server-side SVG charts: named, described, escaped, and sized to their data."""

import re

from reporting import charts


def test_a_chart_is_an_accessible_image_with_every_value_escaped():
    svg = charts.bar_chart(
        [("<Ene>", 3), ("Feb", 0), ("Mar", 12)],
        title='Certificados "por mes" <b>',
        description="Enero: 3; febrero: 0; marzo: 12",
        line=[3, 3, 15],
        line_label="Total & acumulado",
    )
    assert svg.startswith("<svg ") and svg.endswith("</svg>")
    assert 'role="img"' in svg
    ids = re.search(r'aria-labelledby="(\S+) (\S+)"', svg).groups()
    assert f'<title id="{ids[0]}">Certificados &quot;por mes&quot; &lt;b&gt;</title>' in svg
    assert f'<desc id="{ids[1]}">Enero: 3; febrero: 0; marzo: 12</desc>' in svg
    assert "&lt;Ene&gt;" in svg and "<Ene>" not in svg
    assert "Total &amp; acumulado" in svg
    assert svg.count("<rect ") == 3
    assert "<polyline " in svg
    # The axis tops at a round number above the largest value (15 → 20).
    assert charts._scale_top(15) == 20
    assert charts._scale_top(0) == 1


def test_two_charts_on_a_page_have_distinct_ids():
    first = charts.bar_chart([("a", 1)], title="A", description="a: 1")
    second = charts.bar_chart([("b", 2)], title="B", description="b: 2")
    ids = re.findall(r'id="(chart-\d+)-title"', first + second)
    assert len(set(ids)) == 2


def test_many_bars_keep_their_labels_apart():
    bars = [(f"M{index}", index) for index in range(40)]
    svg = charts.bar_chart(bars, title="T", description="D")
    labels = re.findall(r">M\d+<", svg)
    assert 0 < len(labels) < 40
