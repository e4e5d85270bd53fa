"""Charts are pure functions (no database)."""

from plan import charts


def test_a_stacked_bar_chart_scales_to_its_box_and_names_itself():
    svg = charts.bar_chart(
        title="Sales <by> month",
        categories=["1", "2", "3"],
        series=[("Domestic", [10, None, 5]), ("Foreign", [10, 0, 0])],
        format_value=lambda v: f"{v} ₫",
        chart_id="sales",
    )
    assert svg.startswith('<svg class="plan-chart" viewBox="0 0 360 ')
    assert 'role="img" aria-labelledby="sales-title"' in svg
    assert '<title id="sales-title">Sales &lt;by&gt; month</title>' in svg
    assert "width=" not in svg.split(">")[0]  # no fixed size: it fits a 390 px screen
    assert svg.count("<rect") == 3 + 2  # bars with a value (no data draws nothing) + legend
    assert "20 ₫" in svg  # the tallest stack on the axis
    assert "Domestic" in svg and "Foreign" in svg


def test_no_data_draws_an_empty_chart():
    svg = charts.bar_chart(title="t", categories=["a"], series=[("s", [None])])
    assert "<rect" not in svg
