import signal
import time

from django.core.management.base import BaseCommand

from core.scheduling import enqueue_due


class Command(BaseCommand):
    help = (
        "Enqueue the periodic jobs of SCHEDULED_COMMANDS as tasks when they fall due (run "
        "one, next to the task worker); --once enqueues what is due and exits."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="check once and exit")
        parser.add_argument(
            "--interval", type=float, default=30.0, help="seconds between checks (30)"
        )

    def handle(self, *args, once=False, interval=30.0, **options):
        self.running = True
        signal.signal(signal.SIGTERM, self._stop)
        while self.running:
            for name in enqueue_due():
                self.stdout.write(f"enqueued {name}")
            if once:
                return
            time.sleep(interval)

    def _stop(self, signum, frame):
        self.running = False
