from django.core.management.base import BaseCommand, CommandError

from shop.order.stock import stock_problems


class Command(BaseCommand):
    help = (
        "Check for every stock record: 0 <= allocated <= in stock, and allocated equals "
        "what open order lines hold."
    )

    def handle(self, *args, **options):
        problems = stock_problems()
        for problem in problems:
            self.stderr.write(problem)
        if problems:
            raise CommandError(f"{len(problems)} stock problems")
        self.stdout.write("stock is consistent")
