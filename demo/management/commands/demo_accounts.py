from django.core.management.base import BaseCommand

from demo.loader import DEFAULT_DEMO_PASSWORD, accounts, demo_password


class Command(BaseCommand):
    help = "Print the demo accounts and how their password is set."

    def handle(self, *args, **options):
        password = demo_password()
        self.stdout.write("")
        self.stdout.write("Demo accounts (sign in at /vi/shop/accounts/login/ or /cms-admin/):")
        for label, email in accounts():
            self.stdout.write(f"  {label:<34} {email}")
        source = "DEMO_PASSWORD" if password != DEFAULT_DEMO_PASSWORD else "default"
        self.stdout.write(f"  password ({source}): {password}")
        self.stdout.write("")
