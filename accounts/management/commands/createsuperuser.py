"""Create an admin account that can log in the one way there is: by e-mail, through allauth.

This replaces Django's createsuperuser, which leaves the e-mail address optional,
records no confirmed address (so allauth would not let the account in), lets the
password checks be skipped, and skips them altogether with --noinput. The address
an operator types here counts as confirmed. At the first visit to the admin, the
new admin is asked to set up two-factor authentication (accounts.second_factor).

The password is prompted for, or read from DJANGO_SUPERUSER_PASSWORD or
MEDLEX_NEW_PASSWORD; it must pass every check in AUTH_PASSWORD_VALIDATORS.
"""

import os

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.management.new_accounts import new_email, new_password


class Command(BaseCommand):
    help = "Create an admin account (superuser) that logs in by e-mail; the address counts as confirmed."

    def add_arguments(self, parser):
        parser.add_argument(
            "--email", help="The admin's e-mail address (also DJANGO_SUPERUSER_EMAIL); asked for if missing"
        )
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Ask nothing; fail if something is missing",
        )

    def handle(self, *args, email=None, interactive=True, **options):
        email = email or os.environ.get("DJANGO_SUPERUSER_EMAIL")
        if not email and interactive and os.isatty(0):
            email = input("E-mail address: ")
        email = new_email(email)
        User = get_user_model()
        user = User(username=email[:150], email=email, is_staff=True, is_superuser=True)
        if not interactive and not any(
            os.environ.get(name) for name in ("DJANGO_SUPERUSER_PASSWORD", "MEDLEX_NEW_PASSWORD")
        ):
            raise CommandError("No password: set DJANGO_SUPERUSER_PASSWORD or MEDLEX_NEW_PASSWORD.")
        password = new_password(user, ("DJANGO_SUPERUSER_PASSWORD", "MEDLEX_NEW_PASSWORD"))
        with transaction.atomic():
            user.set_password(password)
            user.save()
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin {email} created. Log in at /admin/; you will be asked to set up two-factor authentication first."
            )
        )
