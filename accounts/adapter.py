"""allauth hooks: failed logins counted per account and address, the confirmation e-mail
rate limit explained, and staff kept from turning off their second factor."""

import ipaddress

from allauth import app_settings as allauth_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.email_verification import consume_email_verification_rate_limit
from allauth.mfa.adapter import DefaultMFAAdapter
from django.contrib import messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.second_factor import SECOND_FACTORS, needs_second_factor


def client_network(ip):
    """The client's address as rate limits count it: IPv6 by its network (one customer's block), like allauth."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ip
    if address.version == 6:
        return str(
            ipaddress.IPv6Network(f"{address}/{allauth_settings.RATE_LIMIT_IPV6_PREFIX}", strict=False).network_address
        )
    return str(address)


class AccountAdapter(DefaultAccountAdapter):
    def pre_authenticate(self, request, **credentials):
        """Count failed logins per (account, client address) instead of per account alone.

        allauth counts the "key" rates of ``login_failed`` per login name. Counted that
        way, anyone could lock any account by typing wrong passwords for it; counted per
        account *and* address, an attacker only locks themselves out, and the owner,
        from their own address, still gets in. The per-address rates stay as they are,
        so one address guessing at many accounts is slowed too. See docs/security.md.
        """
        login = credentials.get("email") or credentials.get("username") or ""
        keyed = {"email": f"{login} from {client_network(self.get_client_ip(request))}"}
        super().pre_authenticate(request, **keyed)

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


class MFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "cannot_delete_authenticator": gettext_lazy(
            "You work in the admin, which needs two-factor authentication, so you cannot turn it off."
        ),
    }

    def can_delete_authenticator(self, authenticator):
        """Editors, staff and reviewers keep at least one second factor (accounts.second_factor.needs_second_factor)."""
        if authenticator.type not in SECOND_FACTORS or not needs_second_factor(authenticator.user):
            return True
        return (
            authenticator.user.authenticator_set.filter(type__in=SECOND_FACTORS).exclude(pk=authenticator.pk).exists()
        )
