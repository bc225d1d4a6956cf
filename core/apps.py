from django.apps import AppConfig
from django.conf import settings
from PIL import Image


class CoreConfig(AppConfig):
    name = "core"

    def ready(self):
        # Pillow warns above MAX_IMAGE_PIXELS and refuses to open an image of more than
        # twice as many. Tied to our largest upload limit, that refusal also covers images
        # opened on other paths (renditions, images stored before a limit was lowered).
        Image.MAX_IMAGE_PIXELS = max(settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS, settings.MEDLEX_PROOF_MAX_IMAGE_PIXELS)
