"""What the commands that create accounts share: the address must be new, the password must pass every check."""

import getpass
import os

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError


def new_email(email):
    """``email`` normalised; refused if an account already uses it."""
    User = get_user_model()
    email = User.objects.normalize_email(email or "").strip()
    if not email:
        raise CommandError("An e-mail address is required: it is how the account logs in.")
    if User.objects.filter(email__iexact=email).exists() or EmailAddress.objects.filter(email__iexact=email).exists():
        raise CommandError(f"An account with the e-mail address {email} already exists.")
    return email


def new_password(user, environment_variables=("MEDLEX_NEW_PASSWORD",)):
    """The password from the first of ``environment_variables`` that is set, else prompted; checked against ``user``.

    There is no way around the checks (AUTH_PASSWORD_VALIDATORS), unlike Django's own createsuperuser.
    """
    password = (
        next((os.environ[name] for name in environment_variables if os.environ.get(name)), None) or _prompt_password()
    )
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        raise CommandError("Password refused: " + " ".join(error.messages)) from error
    return password


def _prompt_password():
    if not os.isatty(0):
        raise CommandError("No password: set MEDLEX_NEW_PASSWORD or run the command in a terminal.")
    password = getpass.getpass("Password: ")
    if password != getpass.getpass("Password (again): "):
        raise CommandError("The passwords do not match.")
    if not password:
        raise CommandError("An empty password is not allowed.")
    return password
