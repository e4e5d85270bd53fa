"""Every CSV the site writes goes through here, so a cell a buyer or a cooperative typed
(a name, an address, a product title) cannot run as a formula when staff open the file
in a spreadsheet ("CSV injection", OWASP).

A text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
leading ``'``: spreadsheets show it as text. Numbers we write ourselves (ints, Decimals)
are left alone, so a negative amount stays a number.
"""

import csv

from oscar.core.compat import UnicodeCSVWriter

DANGEROUS_FIRST = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """The cell as it is safe to write."""
    if isinstance(value, str) and value.startswith(DANGEROUS_FIRST):
        return "'" + value
    return value


def neutralise_row(row):
    return [neutralise(value) for value in row]


class SafeWriter:
    """``csv.writer`` whose rows are neutralised."""

    def __init__(self, file, *args, **kwargs):
        self._writer = csv.writer(file, *args, **kwargs)

    def writerow(self, row):
        return self._writer.writerow(neutralise_row(row))

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def writer(file, *args, **kwargs):
    return SafeWriter(file, *args, **kwargs)


class SafeUnicodeCSVWriter(UnicodeCSVWriter):
    """Oscar's Excel-friendly writer (BOM), rows neutralised."""

    def writerow(self, row):
        return super().writerow(neutralise_row(row))

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def install_in_oscar_reports():
    """Oscar's report generators (orders, baskets, offers, vouchers, analytics) all get
    their writer from ReportCSVFormatter.get_csv_writer: give them ours (CoreConfig.ready)."""
    from oscar.apps.dashboard.reports.reports import ReportCSVFormatter

    def get_csv_writer(self, file_handle, **kwargs):
        return SafeUnicodeCSVWriter(open_file=file_handle, **kwargs)

    ReportCSVFormatter.get_csv_writer = get_csv_writer
