import gc
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "medlex.settings")

from django.conf import settings  # noqa: E402

settings.ROOT_URLCONF = "bench.bare_urls"

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
gc.freeze()  # as medlex/wsgi.py does, so the baseline runs the same way
