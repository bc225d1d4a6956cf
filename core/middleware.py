from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware

# Paths outside the language prefixes: a 404 there is final, never a redirect to /de/….
UNLOCALISED_PREFIXES = ("/api/", "/media/", "/admin/", "/healthz", "/static/")


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware, minus its 404 redirect for unlocalised paths.

    Wagtail's catch-all page route makes every ``/de/<path>`` look valid, so the
    stock middleware would answer a missing API object or file with a redirect.
    """

    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(UNLOCALISED_PREFIXES):
            return response
        return super().process_response(request, response)
