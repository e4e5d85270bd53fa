"""Every figure of the report against the hand-built data set (tests/plan/data.py, where
the known answers are worked out), edges included."""

from decimal import Decimal

import pytest

from plan.figures import compute_report
from tests.plan import data

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.fixture
def known():
    return data.build()


def row(table, key):
    return dict(
        zip(
            [c.key for c in table.columns],
            next(r for r in table.rows if r.key == key).values,
            strict=True,
        )
    )


def test_district_shares_are_of_the_hectares_not_an_average_of_communes(known):
    report = compute_report(known["THIS"])
    assert report.figure("area_ha").value == D("120.00")
    assert report.figure("coded_ha").value == D("70.00")  # A2 recalled, B2 suspended
    assert report.figure("coded_share").value == D("58.3")  # not (25 + 75) / 2 = 50
    assert report.figure("gi_share").value == D("8.3")  # A1 only (A2 recalled, B2 suspended)
    assert report.figure("gacp_share").value == D("8.3")  # B1's certificate expired
    table = report.table("areas_by_commune")
    assert row(table, "Sì Lở Lầu")["coded_share"] == D("25.0")
    assert row(table, "Mồ Sì San")["coded_share"] == D("75.0")
    total = row(table, "total")
    assert total["ha"] == D("120.00") and total["coded_share"] == D("58.3")
    assert total["areas"] == 4  # B1 once, however often its code and status changed


def test_communes_without_areas_have_no_data_not_zero(known):
    table = compute_report(known["THIS"]).table("areas_by_commune")
    assert row(table, "Dào San") == {column.key: None for column in table.columns}


def test_a_commune_filter_gives_that_communes_figures(known):
    report = compute_report(known["THIS"], "Mồ Sì San")
    assert report.figure("area_ha").value == D("80.00")
    assert report.figure("coded_share").value == D("75.0")
    assert report.figure("harvest_t").value is None  # B1's only harvest is last year's
    assert report.figure("cooperatives").value == 1
    assert report.figure("cooperatives_selling").value == 1


def test_past_year_reads_each_areas_status_at_the_end_of_that_year(known):
    report = compute_report(known["LAST"])
    assert report.figure("coded_ha").value == D("120.00")  # recall and suspension came later
    assert report.figure("coded_share").value == D("100.0")
    assert report.figure("gi_share").value == D("50.0")  # A1, A2, B2
    assert report.figure("gacp_share").value == D("50.0")


def test_harvest_in_its_own_year_fresh_weight_and_hectares_known_only(known):
    this = compute_report(known["THIS"])
    assert this.figure("harvest_t").value == D("0.200")
    assert this.figure("harvest_ha").value == D("1.00")
    assert this.figure("dried_kg").value == D("60.000")  # not added to the fresh weight
    last = compute_report(known["LAST"])
    assert last.figure("harvest_t").value == D("0.800")  # 31 December's harvest is last year's
    # The harvest without hectares is left out of the hectares, not counted as 0 ha...
    assert last.figure("harvest_ha").value == D("1.00")
    assert "1" in str(last.figure("harvest_ha").note)
    by_year = row(last.table("harvest_by_year"), str(known["LAST"]))
    assert by_year == {
        "harvests": 2,
        "t_fresh": D("0.800"),
        "ha": D("1.00"),
        "without_ha": 1,
        "kg_dried": None,
    }


def test_a_year_without_harvest_has_no_value(known):
    report = compute_report(known["LAST"] - 3)
    assert report.figure("harvest_t").value is None
    assert report.figure("harvest_ha").value is None


def test_seed_sources_by_status(known):
    report = compute_report(known["THIS"])
    assert report.figure("seed_qualified").value == 1
    table = report.table("seed_sources")
    assert row(table, "nursery") == {"recognised": 1, "not_recognised": 0}
    assert row(table, "gene_collection") == {"recognised": 0, "not_recognised": 1}
    assert row(table, "foundation") == {"recognised": 0, "not_recognised": 0}


def test_sales_by_month_in_vietnam_time_domestic_foreign_and_unknown(known):
    this = compute_report(known["THIS"])
    assert this.figure("sales_vnd").value == 3_500_000  # pending and cancelled left out
    assert this.figure("cooperatives_selling").value == 2
    months = this.table("sales_by_month")
    january = f"{known['THIS']}-01"
    # Placed at 00:30 on 1 January in Vietnam (still 31 December in UTC): January.
    assert row(months, january) == {"orders": 1, "domestic": 0, "foreign": 3_000_000, "unknown": 0}
    assert row(months, f"{known['THIS']}-02") == {
        "orders": 1,
        "domestic": 0,
        "foreign": 0,
        "unknown": 500_000,
    }
    last = compute_report(known["LAST"])
    # Placed at 23:30 on 31 December in Vietnam: last year's December.
    assert row(last.table("sales_by_month"), f"{known['LAST']}-12")["domestic"] == 2_000_000
    assert last.figure("sales_vnd").value == 2_000_000
    assert last.figure("cooperatives_selling").value == 1


def test_sales_by_cooperative_and_product(known):
    report = compute_report(known["THIS"])
    a, b = known["partners"]
    p1, p2 = known["products"]
    assert row(report.table("sales_by_cooperative"), f"partner-{a.pk}") == {
        "commune": "Sì Lở Lầu",
        "orders": 1,
        "units": 1,
        "domestic": 0,
        "foreign": 0,
        "unknown": 500_000,
    }
    assert row(report.table("sales_by_cooperative"), f"partner-{b.pk}")["foreign"] == 3_000_000
    assert row(report.table("sales_by_product"), f"product-{p2.pk}") == {
        "units": 1,
        "domestic": 0,
        "foreign": 3_000_000,
        "unknown": 0,
    }


def test_suspicious_scans_and_recalls_by_month(known):
    report = compute_report(known["THIS"])
    assert report.figure("suspicious_scans").value == 1  # the genuine scan is not counted
    assert report.figure("recalls").value == 1
    months = report.table("oversight_by_month")
    assert row(months, f"{known['THIS']}-01")["suspicious_scans"] == 1  # 00:30 on 1 January
    month = f"{known['THIS']}-{data.now_month():02d}"
    assert row(months, month)["recalls"] == 1
    assert row(months, month)["suspensions"] == 2  # B1 and B2
    # Unknown codes belong to no commune: a commune's report has no value, not 0.
    by_commune = compute_report(known["THIS"], "Sì Lở Lầu").table("oversight_by_month")
    assert row(by_commune, f"{known['THIS']}-01")["unknown_codes"] is None


def test_targets_from_the_plan_and_progress(known):
    report = compute_report(known["THIS"])
    area = report.figure("area_ha")
    assert (area.target.value, area.target.unit, area.target.year) == (D("750"), "ha", 2030)
    assert area.target.source == "II.2.1 ¶2"
    assert area.progress == D("16.0")  # 120 of 750 ha
    harvest = report.figure("harvest_t")
    assert (harvest.target.value, harvest.target.unit) == (D("5"), "t_fresh")
    assert harvest.progress == D("4.0")  # 0.2 of 5 t
    assert report.figure("seed_qualified").target.value == D("1")
    assert report.figure("sales_vnd").target is None
