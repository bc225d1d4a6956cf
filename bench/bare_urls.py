"""The baseline behind medlex's settings and middleware: the bare view first, then the site's URLs.

The site's URLs follow only so that middleware which names them (the admin's
second-factor check reverses the admin's paths) works as on the real site; the
bare view is the first pattern, so routing to it costs the same as without them.
"""

from bench.bare_project.urls import urlpatterns as bare_urlpatterns
from medlex.urls import urlpatterns as site_urlpatterns

urlpatterns = [*bare_urlpatterns, *site_urlpatterns]
