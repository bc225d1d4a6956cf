import gc
import os

os.environ["DJANGO_SETTINGS_MODULE"] = "bench.reader_project.settings"

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
gc.freeze()  # as medlex/wsgi.py does, so the baseline runs the same way
