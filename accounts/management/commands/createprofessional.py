"""Create a registered professional with a confirmed e-mail address, e.g. for institutional onboarding.

The password is prompted for, or read from MEDLEX_NEW_PASSWORD; there is no default.
"""

import getpass
import os

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.models import AuditEvent, Profession, Profile
from accounts.services import record
from accounts.states import verified_group


class Command(BaseCommand):
    help = "Create a professional account (e-mail confirmed), optionally already verified."

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True)
        parser.add_argument("--name", required=True, help="Full name")
        parser.add_argument("--profession", required=True, choices=Profession.values)
        parser.add_argument("--country", default="DE")
        parser.add_argument("--specialty", default="")
        parser.add_argument("--verified", action="store_true", help="Put the account in the verified professionals group at once")

    def handle(self, *args, email, name, profession, country, specialty, verified, **options):
        User = get_user_model()
        email = User.objects.normalize_email(email).strip()
        if User.objects.filter(email__iexact=email).exists() or EmailAddress.objects.filter(email__iexact=email).exists():
            raise CommandError(f"An account with the e-mail address {email} already exists.")
        password = os.environ.get("MEDLEX_NEW_PASSWORD") or self._prompt_password()
        first, _sep, last = name.strip().rpartition(" ")
        user = User(username=email[:150], email=email, first_name=first or last, last_name=last if first else "")
        try:
            password_validation.validate_password(password, user)
        except ValidationError as error:
            raise CommandError("Password refused: " + " ".join(error.messages))
        with transaction.atomic():
            user.set_password(password)
            user.save()
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
            now = timezone.now()
            Profile.objects.create(
                user=user, full_name=name.strip(), profession=profession, country=country.upper()[:2], specialty=specialty,
                terms_accepted_at=now, verified_at=now if verified else None,
            )
            if verified:
                user.groups.add(verified_group())
                record(user, AuditEvent.Action.APPROVED, reason="created verified by an operator (createprofessional)")
        self.stdout.write(self.style.SUCCESS(f"Created {email} ({profession}){' as a verified professional' if verified else ''}."))

    def _prompt_password(self):
        if not os.isatty(0):
            raise CommandError("No password: set MEDLEX_NEW_PASSWORD or run the command in a terminal.")
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The passwords do not match.")
        if not password:
            raise CommandError("An empty password is not allowed.")
        return password
