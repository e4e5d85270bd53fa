"""Reading a bank statement exported as CSV. Pure Python, no Django.

Accepted columns (header names, case-insensitive, Vietnamese or English):
``transaction_id`` / ``ma_gd``, ``date`` / ``ngay``, ``amount`` / ``so_tien``,
``description`` / ``noi_dung``. Only credits (positive amounts) are read.
"""

import csv
import io
import re
from dataclasses import dataclass

ALIASES = {
    "transaction_id": {"transaction_id", "id", "ma_gd", "reference_number", "so_tham_chieu"},
    "date": {"date", "ngay", "transaction_date", "ngay_gd"},
    "amount": {"amount", "so_tien", "credit", "ghi_co"},
    "description": {"description", "noi_dung", "details", "dien_giai"},
}


class StatementError(ValueError):
    pass


@dataclass(frozen=True)
class StatementRow:
    line: int
    transaction_id: str
    date: str
    amount: int
    description: str


def _amount(text: str) -> int:
    digits = re.sub(r"[^\d-]", "", text or "")
    if not digits or digits == "-":
        raise StatementError(f"not an amount: {text!r}")
    return int(digits)


def read_statement(data: bytes | str) -> list[StatementRow]:
    if isinstance(data, bytes):
        data = data.decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(data))
    if not reader.fieldnames:
        raise StatementError("the file has no header row")
    columns = {}
    for name in reader.fieldnames:
        key = (name or "").strip().lower()
        for field, names in ALIASES.items():
            if key in names:
                columns[field] = name
    missing = {"transaction_id", "amount", "description"} - set(columns)
    if missing:
        raise StatementError("missing columns: " + ", ".join(sorted(missing)))
    rows = []
    for number, raw in enumerate(reader, start=2):
        amount = _amount(raw[columns["amount"]])
        if amount <= 0:
            continue
        rows.append(
            StatementRow(
                line=number,
                transaction_id=raw[columns["transaction_id"]].strip(),
                date=raw.get(columns.get("date", ""), "") or "",
                amount=amount,
                description=(raw[columns["description"]] or "").strip(),
            )
        )
    return rows


def find_references(description: str, prefix: str) -> list[str]:
    """Every ``<prefix><digits>`` in a transfer message (banks may add spaces or dashes)."""
    pattern = re.compile(re.escape(prefix) + r"[\s\-]?(\d{3,})", re.IGNORECASE)
    return list(dict.fromkeys(pattern.findall(description or "")))
