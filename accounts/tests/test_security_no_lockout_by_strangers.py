"""Wrong passwords typed by a stranger do not lock the owner out, and still slow the stranger down.

Failed logins used to be counted per account alone: five wrong passwords from
anywhere locked any account for five minutes, a switch anyone could flip. They are
now counted per (account, client address) and per address. allauth's clock is
frozen and moved on by hand (test_rate_limits), so nothing depends on this
machine's speed.
"""

import pytest
from allauth.account.models import EmailAddress
from django.test import Client

from accounts.tests.conftest import PASSWORD
from accounts.tests.test_rate_limits import clock  # noqa: F401 (autouse: allauth's frozen clock)

pytestmark = pytest.mark.django_db

LOGIN = "/en/accounts/login/"
OWNER_ADDRESS = "198.51.100.20"
ATTACKER_ADDRESS = "203.0.113.66"


@pytest.fixture
def owner(plain_user):
    EmailAddress.objects.create(user=plain_user, email=plain_user.email, verified=True, primary=True)
    return plain_user


def attempt(client, user, password):
    """One login attempt; True if it logged in, False if refused for the password, None if refused as too many."""
    response = client.post(LOGIN, {"login": user.email, "password": password})
    if response.status_code == 429 or "Too many failed login attempts" in response.content.decode():
        return None
    return "_auth_user_id" in client.session


def test_the_owner_gets_in_from_their_address_while_a_stranger_hammers_the_account(owner, clock):
    attacker = Client(REMOTE_ADDR=ATTACKER_ADDRESS)
    answers = []
    for _minute in range(6):
        for _ in range(10):
            answers.append(attempt(attacker, owner, "wrong-password-x"))
        clock[0] += 61
    assert None in answers, "the stranger was slowed down"
    assert answers.count(False) <= 20, "at most 20 guesses an hour from one address"

    assert attempt(Client(REMOTE_ADDR=OWNER_ADDRESS), owner, PASSWORD) is True


def test_one_address_is_stopped_after_five_wrong_passwords_even_with_the_right_one(owner, clock):
    attacker = Client(REMOTE_ADDR=ATTACKER_ADDRESS)
    for _ in range(5):
        assert attempt(attacker, owner, "wrong-password-x") is False
    assert attempt(attacker, owner, PASSWORD) is None, "no oracle: the right password is not even tried"

    clock[0] += 5 * 60 + 1
    assert attempt(attacker, owner, "wrong-password-y") is False, "five more after five minutes"


def test_guessing_slows_further_within_the_hour(owner, clock):
    attacker = Client(REMOTE_ADDR=ATTACKER_ADDRESS)
    tried = 0
    for _window in range(6):
        while attempt(attacker, owner, f"wrong-password-{tried}") is False:
            tried += 1
        clock[0] += 5 * 60 + 1
    assert tried == 20, "five per five minutes, twenty per hour"
    clock[0] += 60 * 60
    assert attempt(attacker, owner, "wrong-password-after-an-hour") is False


def test_one_address_trying_many_accounts_is_slowed_too(django_user_model, clock):
    attacker = Client(REMOTE_ADDR=ATTACKER_ADDRESS)
    users = [
        django_user_model.objects.create_user(f"user{n}@example.org", f"user{n}@example.org", PASSWORD)
        for n in range(12)
    ]
    answers = [attempt(attacker, user, "wrong-password-x") for user in users]
    assert answers[:10] == [False] * 10 and answers[10:] == [None, None]


def test_addresses_of_one_ipv6_network_count_as_one(owner, clock):
    for host in range(5):
        assert attempt(Client(REMOTE_ADDR=f"2001:db8:1:2::{host + 1}"), owner, "wrong-password-x") is False
    assert attempt(Client(REMOTE_ADDR="2001:db8:1:2::99"), owner, PASSWORD) is None
    assert attempt(Client(REMOTE_ADDR="2001:db8:ffff::1"), owner, PASSWORD) is True
