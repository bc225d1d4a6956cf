"""A revocation cannot be undone by a reader's request that runs while it commits.

While ``accounts.services.revoke`` runs, the old membership is still the committed
one. Another server answering the reader at that moment computes the old tier
and caches it; the cached tier must not outlive the commit, whenever that other
server stores it.

Runs against what production runs: PostgreSQL, a real Redis shared by two
gunicorn servers (the cluster of core/tests/test_scale_out.py). The revocation
runs in ``manage.py shell``; a receiver of its audit record, saved inside the
revoking transaction after the membership is gone, lets the concurrent reader
run at exactly that point.
"""

from core.tests.test_scale_out import ARTICLE, PASSWORD, SITE_HOST, Browser, cluster, pytestmark, therapy_is_open  # noqa: F401


def new_verified_reader(cluster, email):
    cluster["manage"](
        "shell",
        "--no-imports",
        "-c",
        "from django.contrib.auth import get_user_model\n"
        "from allauth.account.models import EmailAddress\n"
        "from accounts.states import verified_group\n"
        f"u = get_user_model().objects.create_user({email!r}, {email!r}, {PASSWORD!r})\n"
        "u.groups.add(verified_group())\n"
        "EmailAddress.objects.create(user=u, email=u.email, verified=True, primary=True)",
    )
    browser = Browser()
    browser.log_in(cluster["a"], email)
    for server in ("a", "b"):  # tier, user row and shells cached on both servers
        assert therapy_is_open(browser.get(cluster[server] + ARTICLE)[1])
    return browser


def session_cookie(browser):
    return next(f"{cookie.name}={cookie.value}" for cookie in browser.jar if cookie.name == "sessionid")


def revoke_with(cluster, email, while_uncommitted, after_commit=""):
    """Revoke ``email``'s access; ``while_uncommitted`` runs inside the revoking transaction, once the membership is removed."""
    return cluster["manage"](
        "shell",
        "--no-imports",
        "-c",
        "from django.contrib.auth import get_user_model\n"
        "from django.db.models.signals import post_save\n"
        "from accounts.models import AuditEvent\n"
        "from accounts.services import revoke\n"
        f"reader = get_user_model().objects.get(username={email!r})\n"
        "def concurrently(**kwargs):\n"
        + "".join(f"    {line}\n" for line in while_uncommitted.splitlines())
        + "post_save.connect(concurrently, sender=AuditEvent, weak=False)\n"
        "revoke(reader, get_user_model().objects.get(username='ops@example.org'), 'Licence withdrawn')\n"
        + after_commit,
    )


def test_a_request_on_another_server_during_the_revocation_cannot_bring_the_access_back(cluster):
    browser = new_verified_reader(cluster, "concurrent@example.org")
    output = revoke_with(
        cluster,
        "concurrent@example.org",
        # The reader's request reaches server b while the revocation is not yet committed.
        "import re, urllib.request\n"
        f"request = urllib.request.Request({cluster['b'] + ARTICLE!r}, headers={{'Host': {SITE_HOST!r}, 'X-Forwarded-Proto': 'https', 'Cookie': {session_cookie(browser)!r}}})\n"
        "html = urllib.request.urlopen(request, timeout=20).read().decode()\n"
        'section = re.search(r\'<section class="article-section section-therapy[^"]*"\', html).group(0)\n'
        "print('during:', 'locked' if 'locked' in section else 'open')",
    )
    assert "during: open" in output  # that request did see (and cache) the old membership
    for server in ("a", "b", "a", "b"):
        assert not therapy_is_open(browser.get(cluster[server] + ARTICLE)[1])


def test_a_tier_computed_before_the_commit_and_stored_after_it_is_not_used(cluster):
    """The slowest interleaving: another worker reads the old membership before the commit and stores its answer after every clean-up."""
    browser = new_verified_reader(cluster, "slow@example.org")
    output = revoke_with(
        cluster,
        "slow@example.org",
        # Another worker (a thread with its own database connection) starts the reader's
        # request: it reads the old, still committed membership, and stores the tier
        # only after the revocation has committed and cleaned up.
        "global worker, committed\n"
        "import threading\n"
        "from django.db import connection\n"
        "from access import policy\n"
        "from delivery import tiers\n"
        "from delivery.backends import load_user\n"
        "computed, committed = threading.Event(), threading.Event()\n"
        "compute = tiers.decide_tier\n"
        "def slow_compute(user):\n"
        "    tier = compute(user)\n"
        "    computed.set()\n"
        "    committed.wait(20)\n"
        "    return tier\n"
        "tiers.decide_tier = slow_compute\n"
        "def request():\n"
        "    print('during:', policy.tier_for(load_user(reader.pk)))\n"
        "    connection.close()\n"
        "worker = threading.Thread(target=request)\n"
        "worker.start()\n"
        "assert computed.wait(20)",
        after_commit="committed.set()\nworker.join(20)\n",
    )
    assert "during: professional" in output
    for server in ("a", "b", "a", "b"):
        assert not therapy_is_open(browser.get(cluster[server] + ARTICLE)[1])


def test_every_later_request_of_the_revoked_reader_gets_the_public_page_and_the_gate(cluster):
    browser = new_verified_reader(cluster, "gate@example.org")
    revoke_with(cluster, "gate@example.org", "pass")
    for server in ("a", "b"):
        html = browser.get(cluster[server] + ARTICLE)[1]
        assert not therapy_is_open(html) and "gate@example.org" in html  # still logged in, public tier
        assert 'class="gate-message gate-' in html
