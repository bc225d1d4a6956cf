"""allauth hooks: tell the reader when a confirmation e-mail is withheld by the rate limit."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.email_verification import consume_email_verification_rate_limit
from django.contrib import messages
from django.utils.translation import gettext as _


class AccountAdapter(DefaultAccountAdapter):
    def should_send_confirmation_mail(self, request, email_address, signup):
        """Called when an unconfirmed reader logs in again, which is how they ask for a new link.

        allauth silently skips the e-mail while the "confirm_email" limit holds; say so,
        so that nobody waits for a message that is not coming.
        """
        if not consume_email_verification_rate_limit(request, email_address.email, dry_run=True):
            messages.warning(
                request,
                _(
                    "We sent you a confirmation link only a few minutes ago, so we are not sending another one yet. "
                    "Please use the link in that e-mail (it may be in your spam folder), or try again in a few minutes."
                ),
            )
            return False
        return super().should_send_confirmation_mail(request, email_address, signup)
