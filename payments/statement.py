"""Reading a bank statement exported as CSV. Pure Python, no Django.

Accepted columns (header names, case-insensitive, Vietnamese or English):
``transaction_id`` / ``ma_gd``, ``date`` / ``ngay``, ``amount`` / ``so_tien``,
``description`` / ``noi_dung``. Only credits (positive amounts) are read.

Amounts are read as decimal numbers in the forms Vietnamese banks export:
``1800000``, ``1.800.000``, ``1,800,000``, ``1,800,000.00``, ``1.800.000,00`` (spaces,
``VND``, ``đ`` and ``₫`` are ignored). The rule, line by line:

- both ``.`` and ``,``: the last one is the decimal mark, the other groups thousands;
- one kind of mark, more than once: it groups thousands (groups of exactly 3 digits);
- one mark, once, followed by 1 or 2 digits: the decimal mark;
- one mark, once, followed by exactly 3 digits (``1,800``, ``1.800``): **ambiguous**,
  unless the file's other lines settle what that mark means (a line like ``1.800.000``
  or ``1,800,000.00`` shows the file groups thousands with ``.`` or ``,``; a line like
  ``1800000.00`` shows ``.`` is its decimal mark). Lines that disagree settle nothing.

A line whose amount is ambiguous, malformed, or has a fraction of a dong is refused and
listed with its reason (``Statement.refused``), never guessed.
"""

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

ALIASES = {
    "transaction_id": {"transaction_id", "id", "ma_gd", "reference_number", "so_tham_chieu"},
    "date": {"date", "ngay", "transaction_date", "ngay_gd"},
    "amount": {"amount", "so_tien", "credit", "ghi_co"},
    "description": {"description", "noi_dung", "details", "dien_giai"},
}

# Reasons a line is refused (payments.services.REFUSAL_REASONS says them in words).
AMBIGUOUS = "ambiguous"
FRACTION = "fraction"
MALFORMED = "malformed"
SHORT_ROW = "short row"


class StatementError(ValueError):
    """The file as a whole cannot be read (not UTF-8, no header, wrong columns)."""


class AmountError(ValueError):
    def __init__(self, reason, text):
        self.reason = reason
        self.text = text
        super().__init__(f"{reason}: {text!r}")


@dataclass(frozen=True)
class StatementRow:
    line: int
    transaction_id: str
    date: str
    amount: int
    description: str
    #: How the line is kept once: the bank's transaction id, or a digest of its content.
    key: str = ""


@dataclass(frozen=True)
class RefusedLine:
    line: int
    reason: str
    text: str


@dataclass
class Statement:
    rows: list = field(default_factory=list)
    refused: list = field(default_factory=list)

    def __iter__(self):
        return iter(self.rows)

    def __len__(self):
        return len(self.rows) + len(self.refused)


_NOISE = re.compile(r"[\s\u00a0\u202f']|vnd|vnđ|đ|₫", re.IGNORECASE)
_SHAPE = re.compile(r"[+-]?\d[\d.,]*")


@dataclass(frozen=True)
class Convention:
    """What the file's unambiguous lines say: the mark that groups thousands and the
    decimal mark, or None when nothing (or something contradictory) was seen."""

    thousands: str | None = None
    decimal: str | None = None


def _clean(text):
    return _NOISE.sub("", text or "")


def _evidence(text):
    """(thousands mark, decimal mark) this amount proves, either may be None."""
    text = _clean(text).lstrip("+-")
    marks = [c for c in text if c in ".,"]
    kinds = set(marks)
    if len(kinds) == 2:
        decimal = marks[-1]
        return ("," if decimal == "." else "."), decimal
    if len(kinds) == 1:
        mark = marks[0]
        if len(marks) > 1:
            return mark, None
        tail = text.rsplit(mark, 1)[1]
        if len(tail) in (1, 2):
            return None, mark
    return None, None


def convention_of(texts) -> Convention:
    thousands, decimal = set(), set()
    for text in texts:
        t, d = _evidence(text)
        if t:
            thousands.add(t)
        if d:
            decimal.add(d)
    t = thousands.pop() if len(thousands) == 1 else None
    d = decimal.pop() if len(decimal) == 1 else None
    if t and d and t == d:
        return Convention()
    if t and not d:
        d = "," if t == "." else "."
    if d and not t:
        t = "," if d == "." else "."
    return Convention(t, d)


def _grouped(integer, mark):
    """``1.800.000`` → ``1800000``; None when the groups are not 1-3 then threes."""
    parts = integer.split(mark)
    if not parts[0] or len(parts[0]) > 3 or any(len(p) != 3 for p in parts[1:]):
        return None
    if not all(p.isdigit() for p in parts):
        return None
    return "".join(parts)


def parse_amount(text, convention=Convention()) -> int:
    """The amount in whole dong. Raises AmountError(reason) — see the module's rule."""
    cleaned = _clean(text)
    if not _SHAPE.fullmatch(cleaned or ""):
        raise AmountError(MALFORMED, text)
    sign = -1 if cleaned.startswith("-") else 1
    body = cleaned.lstrip("+-")
    marks = [c for c in body if c in ".,"]
    kinds = set(marks)
    integer, fraction = body, ""
    if len(kinds) == 2:
        decimal = marks[-1]
        thousands = "," if decimal == "." else "."
        if marks.count(decimal) != 1:
            raise AmountError(MALFORMED, text)
        integer, fraction = body.split(decimal)
        integer = _grouped(integer, thousands)
    elif len(kinds) == 1:
        mark = marks[0]
        if len(marks) > 1:
            integer = _grouped(body, mark)
        else:
            head, tail = body.split(mark)
            if len(tail) in (1, 2):
                integer, fraction = head, tail
            elif len(tail) == 3:
                if convention.thousands == mark:
                    integer = _grouped(body, mark)
                elif convention.decimal == mark:
                    integer, fraction = head, tail
                else:
                    raise AmountError(AMBIGUOUS, text)
            else:
                integer = None
    if not integer or not integer.isdigit() or (fraction and not fraction.isdigit()):
        raise AmountError(MALFORMED, text)
    try:
        value = Decimal(f"{integer}.{fraction or 0}") * sign
    except InvalidOperation as exc:
        raise AmountError(MALFORMED, text) from exc
    if value != value.to_integral_value():
        raise AmountError(FRACTION, text)
    return int(value)


def _amount(text: str) -> int:
    return parse_amount(text)


def _decode(data):
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise StatementError(
            f"the file is not UTF-8 text (byte {exc.start}); export the statement as CSV UTF-8"
        ) from exc


def content_key(date, amount, description, occurrence):
    """A credit without a bank transaction id is kept once by its own content; the
    ``occurrence`` tells genuinely identical lines of one file apart."""
    text = "\x1f".join([date.strip(), str(amount), " ".join(description.split()), str(occurrence)])
    return "line-sha256:" + hashlib.sha256(text.encode()).hexdigest()


def read_statement(data: bytes | str) -> Statement:
    text = _decode(data)
    if not text.strip():
        raise StatementError("the file is empty")
    try:
        raw_rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise StatementError(f"not a CSV file: {exc}") from exc
    header = raw_rows[0] if raw_rows else []
    columns = {}
    for index, name in enumerate(header):
        key = (name or "").strip().lower()
        for column, names in ALIASES.items():
            if key in names and column not in columns:
                columns[column] = index
    missing = {"transaction_id", "amount", "description"} - set(columns)
    if missing:
        raise StatementError(
            "missing columns: "
            + ", ".join(sorted(missing))
            + " (expected a header row: transaction_id,date,amount,description)"
        )
    needed = max(columns.values()) + 1
    body = [(number, raw) for number, raw in enumerate(raw_rows[1:], start=2) if any(raw)]
    convention = convention_of(raw[columns["amount"]] for _n, raw in body if len(raw) >= needed)
    statement = Statement()
    seen = {}
    for number, raw in body:
        line_text = ",".join(raw)
        if len(raw) < needed:
            statement.refused.append(RefusedLine(number, SHORT_ROW, line_text))
            continue
        if _clean(raw[columns["amount"]]).startswith("-"):
            continue  # a debit: only credits are read
        try:
            amount = parse_amount(raw[columns["amount"]], convention)
        except AmountError as exc:
            statement.refused.append(RefusedLine(number, exc.reason, line_text))
            continue
        if amount <= 0:
            continue
        transaction_id = raw[columns["transaction_id"]].strip()
        date = raw[columns["date"]].strip() if "date" in columns else ""
        description = raw[columns["description"]].strip()
        if transaction_id:
            key = transaction_id
        else:
            content = (date, amount, " ".join(description.split()))
            seen[content] = seen.get(content, 0) + 1
            key = content_key(date, amount, description, seen[content])
        statement.rows.append(
            StatementRow(
                line=number,
                transaction_id=transaction_id,
                date=date,
                amount=amount,
                description=description,
                key=key,
            )
        )
    return statement


def find_references(description: str, prefix: str) -> list[str]:
    """Every ``<prefix><digits>`` in a transfer message (banks may add spaces or dashes)."""
    pattern = re.compile(re.escape(prefix) + r"[\s\-]?(\d{3,})", re.IGNORECASE)
    return list(dict.fromkeys(pattern.findall(description or "")))
