"""Reading amounts the way Vietnamese banks export them (payments/statement.py)."""

import pytest

from payments.statement import StatementError, read_statement


def parse(*amounts, header="transaction_id,date,amount,description"):
    lines = [header] + [f'FT{i},2026-11-28,"{a}",SLC1000{i}' for i, a in enumerate(amounts)]
    return read_statement("\n".join(lines).encode())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1800000", 1_800_000),
        ("1.800.000", 1_800_000),
        ("1,800,000", 1_800_000),
        ("1,800,000.00", 1_800_000),
        ("1.800.000,00", 1_800_000),
        ("1800000.00", 1_800_000),
        ("1800000,0", 1_800_000),
        ("1,800.00", 1_800),
        ("180,000.00", 180_000),
        (" 1 800 000 ", 1_800_000),
        ("1.800.000 VND", 1_800_000),
        ("+1,800,000", 1_800_000),
        ("12,345,678,900", 12_345_678_900),
    ],
)
def test_amount_formats(text, expected):
    statement = parse(text)
    assert statement.refused == []
    assert [row.amount for row in statement.rows] == [expected]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("1,800", "ambiguous"),
        ("1.800", "ambiguous"),
        ("1,800,000.50", "fraction"),
        ("1.800.000,5", "fraction"),
        ("1800,5", "fraction"),
        ("1-2", "malformed"),
        ("1,80,000", "malformed"),
        ("1.800,000.00", "malformed"),
        ("12,3456", "malformed"),
        ("abc", "malformed"),
        ("", "malformed"),
        ("1..800", "malformed"),
    ],
)
def test_refused_amounts_are_listed_with_reason(text, reason):
    statement = parse(text)
    assert statement.rows == []
    assert [(r.line, r.reason) for r in statement.refused] == [(2, reason)]
    assert statement.refused[0].text  # the raw line, for staff


def test_other_lines_settle_an_ambiguous_amount():
    """`1.800` alone could be 1800 or 1.8; a file that writes `1.800.000` groups
    thousands with dots, so there it is 1800. Files that mix conventions settle nothing."""
    assert [r.amount for r in parse("1.800.000", "1.800").rows] == [1_800_000, 1_800]
    assert [r.amount for r in parse("1,800,000.00", "1,800").rows] == [1_800_000, 1_800]
    decimals = parse("1800000.00", "1.800")  # "." is the decimal point here: 1.8 dong
    assert [r.reason for r in decimals.refused] == ["fraction"]
    mixed = parse("1.800.000", "1,800,000", "1,800")
    assert [r.reason for r in mixed.refused] == ["ambiguous"]


def test_debits_and_zero_are_skipped_not_refused():
    statement = parse("-20,000", "-1-2", "0", "50000")
    assert [r.amount for r in statement.rows] == [50_000]
    assert statement.refused == []


def test_short_row_and_bad_utf8_and_wrong_header():
    data = "transaction_id,date,amount,description\nFT1,2026-11-28\nFT2,2026-11-28,50000,x\n"
    statement = read_statement(data.encode())
    assert [(r.line, r.reason) for r in statement.refused] == [(2, "short row")]
    assert [r.transaction_id for r in statement.rows] == ["FT2"]
    with pytest.raises(StatementError, match="UTF-8"):
        read_statement(b"transaction_id,date,amount,description\nFT1,x,\xff\xfe1,y\n")
    with pytest.raises(StatementError, match="missing columns"):
        read_statement(b"foo,bar\n1,2\n")
    with pytest.raises(StatementError, match="empty"):
        read_statement(b"")
