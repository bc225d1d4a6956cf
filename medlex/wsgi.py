import gc
import os

from django.core.wsgi import get_wsgi_application

from icd10.codes import load_catalogue

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "medlex.settings")
application = get_wsgi_application()
# After Django's set-up, which the MCP server's modules need (they import models).
from api.mcp_server import with_mcp  # noqa: E402

application = with_mcp(application)  # /mcp: the MCP server (api/mcp_server.py), everything else Django
load_catalogue()  # at start-up, not in the first reader's request

# Everything loaded so far (Django, Wagtail, the ICD-10 catalogue) lives as long as
# the process. Frozen, its 250,000 or so objects are left out of the garbage
# collector's passes; on a cached article view that halved the time spent collecting.
gc.freeze()
