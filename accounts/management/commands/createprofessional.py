"""Create a registered professional with a confirmed e-mail address, e.g. for institutional onboarding.

The password is prompted for, or read from MEDLEX_NEW_PASSWORD; there is no default.
"""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.management.new_accounts import new_email, new_password
from accounts.models import OPERATOR_CREATED_REASON, AuditEvent, Profession, Profile
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
        parser.add_argument(
            "--verified", action="store_true", help="Put the account in the verified professionals group at once"
        )

    def handle(self, *args, email, name, profession, country, specialty, verified, **options):
        email = new_email(email)
        first, _sep, last = name.strip().rpartition(" ")
        user = get_user_model()(
            username=email[:150], email=email, first_name=first or last, last_name=last if first else ""
        )
        # The validators see the registration data too (accounts.passwords).
        Profile(user=user, full_name=name.strip(), profession=profession, specialty=specialty)
        password = new_password(user)
        with transaction.atomic():
            user.set_password(password)
            user.save()
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
            now = timezone.now()
            Profile.objects.create(
                user=user,
                full_name=name.strip(),
                profession=profession,
                country=country.upper()[:2],
                specialty=specialty,
                terms_accepted_at=now,
                verified_at=now if verified else None,
            )
            if verified:
                user.groups.add(verified_group())
                record(user, AuditEvent.Action.APPROVED, reason=OPERATOR_CREATED_REASON)
        self.stdout.write(
            self.style.SUCCESS(f"Created {email} ({profession}){' as a verified professional' if verified else ''}.")
        )
