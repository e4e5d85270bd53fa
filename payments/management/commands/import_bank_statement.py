from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from payments.services import import_statement
from payments.statement import StatementError


class Command(BaseCommand):
    help = "Match a bank statement (CSV) to pending VietQR payments by reference and amount."

    def add_arguments(self, parser):
        parser.add_argument("csv_file")

    def handle(self, *args, csv_file, **options):
        try:
            report = import_statement(Path(csv_file).read_bytes())
        except StatementError as exc:
            raise CommandError(f"{csv_file}: {exc}") from exc
        for row, payment in report.matched:
            self.stdout.write(f"matched {row.transaction_id} -> {payment.reference}")
        for row, reason in report.mismatched:
            self.stdout.write(f"CHECK {row.transaction_id} line {row.line}: {reason}")
        for refused in report.refused:
            self.stdout.write(f"REFUSED line {refused.line} ({refused.reason}): {refused.text}")
        for row in report.unmatched:
            self.stdout.write(f"unmatched {row.transaction_id}: {row.description}")
        self.stdout.write(
            f"{len(report.matched)} matched, {len(report.mismatched)} to check, "
            f"{len(report.unmatched)} unmatched, {len(report.already_imported)} imported before, "
            f"{len(report.refused)} refused"
        )
