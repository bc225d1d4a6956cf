#!/usr/bin/env python
"""Sending the daily digests of followed articles to many readers, through a real SMTP server on loopback.

Builds a fresh database (SQLite in a temporary folder, or the one DATABASE_URL
points at), loads the demo content, creates ``--readers`` verified readers who
each follow ``--articles`` articles, and publishes a content change of each of
those articles (the publishes record the pending changes, as in production).
Then it runs what the mail worker runs for ``send_digests --daily``
(``following.services.deliver``) against a local SMTP server in a process of its
own (aiosmtpd, which only counts), and reports mails/s and the sender's CPU time
per mail (the SMTP server's CPU is not counted).

    .venv/bin/python bench/digests.py [--readers 10000] [--articles 3]
    .venv/bin/python scripts/with_postgres.py .venv/bin/python bench/digests.py
"""

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# The SMTP server: accepts every message and counts it; prints the count when its input closes.
SMTP_SERVER = """
import sys
from aiosmtpd.controller import Controller

class Count:
    messages = 0
    async def handle_DATA(self, server, session, envelope):
        Count.messages += 1
        return "250 OK"

controller = Controller(Count(), hostname="127.0.0.1", port=int(sys.argv[1]))
controller.start()
print("ready", flush=True)
sys.stdin.read()
controller.stop()
print(Count.messages, flush=True)
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readers", type=int, default=10_000)
    parser.add_argument("--articles", type=int, default=3, help="articles each reader follows, each changed once")
    args = parser.parse_args()

    if "DATABASE_URL" not in os.environ:
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='medlex-bench-')}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "medlex.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from accounts.states import verified_group
    from articles.models import ArticlePage, ChangeKind
    from following.models import Follow, FollowSettings, Frequency, PendingChange
    from following.services import deliver
    from medlex.testing import free_port
    from versions.tests.helpers import publish_change

    print(f"Preparing {os.environ['DATABASE_URL'].split(':')[0]}: demo content, {args.readers} readers …", flush=True)
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("load_demo", verbosity=0)
    User = get_user_model()
    User.objects.bulk_create(
        User(username=f"reader{i}@example.org", email=f"reader{i}@example.org", password="!")
        for i in range(args.readers)
    )
    readers = list(User.objects.filter(username__startswith="reader").values_list("pk", flat=True))
    group = verified_group()
    User.groups.through.objects.bulk_create(User.groups.through(user_id=pk, group_id=group.pk) for pk in readers)
    pages = list(ArticlePage.objects.live().order_by("pk")[: args.articles])
    Follow.objects.bulk_create(Follow(user_id=pk, page=page) for pk in readers for page in pages)
    FollowSettings.objects.bulk_create(
        FollowSettings(user_id=pk, frequency=Frequency.DAILY, language="de") for pk in readers
    )
    started = time.perf_counter()
    for page in pages:
        publish_change(page, ChangeKind.CONTENT_UPDATE, f"Benchmark update of {page.title}.")
    publish_seconds = time.perf_counter() - started
    print(
        f"{PendingChange.objects.count()} pending changes recorded by {len(pages)} publishes in {publish_seconds:.1f} s"
    )

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-c", SMTP_SERVER, str(port)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert server.stdout.readline().strip() == "ready"
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    try:
        wall, cpu = time.perf_counter(), time.process_time()
        sent = deliver(Frequency.DAILY)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    finally:
        received, _ = server.communicate("")
    left = PendingChange.objects.count()
    print()
    print(
        f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs, {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}"
    )
    print(f"digests sent: {sent}, received by the SMTP server: {received.strip()}, changes left pending: {left}")
    print(f"wall time: {wall:.1f} s  →  {sent / wall:.0f} mails/s")
    print(f"sender CPU: {cpu:.1f} s  →  {1000 * cpu / max(sent, 1):.2f} ms per mail")


if __name__ == "__main__":
    main()
