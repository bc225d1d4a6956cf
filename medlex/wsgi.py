import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "medlex.settings")
application = get_wsgi_application()

# Everything loaded so far (Django, Wagtail, the URL configuration) lives as long as
# the process. Frozen, its 250,000 or so objects are left out of the garbage
# collector's passes; on a cached article view that halved the time spent collecting.
gc.freeze()
