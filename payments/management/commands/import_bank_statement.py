from pathlib import Path

from django.core.management.base import BaseCommand

from payments.services import import_statement


class Command(BaseCommand):
    help = "Match a bank statement (CSV) to pending VietQR payments by reference and amount."

    def add_arguments(self, parser):
        parser.add_argument("csv_file")

    def handle(self, *args, csv_file, **options):
        report = import_statement(Path(csv_file).read_bytes())
        for row, payment in report.matched:
            self.stdout.write(f"matched {row.transaction_id} -> {payment.reference}")
        for row, reason in report.mismatched:
            self.stdout.write(f"CHECK {row.transaction_id} line {row.line}: {reason}")
        for row in report.unmatched:
            self.stdout.write(f"unmatched {row.transaction_id}: {row.description}")
        self.stdout.write(
            f"{len(report.matched)} matched, {len(report.mismatched)} to check, "
            f"{len(report.unmatched)} unmatched, {len(report.already_imported)} imported before"
        )
