from django.apps import AppConfig
from django.conf import settings
from PIL import Image


class CoreConfig(AppConfig):
    name = "core"

    def ready(self):
        # Pillow refuses to open an image of more than twice MAX_IMAGE_PIXELS, reading only
        # its header (above MAX_IMAGE_PIXELS itself it merely warns). Set to half our largest
        # pixel limit, that refusal comes exactly at the limit, on every path that opens
        # images: Wagtail's upload check, which decodes the whole image (through Willow) to
        # learn its size, renditions, proof uploads.
        largest = max(settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS, settings.MEDLEX_PROOF_MAX_IMAGE_PIXELS)
        Image.MAX_IMAGE_PIXELS = (largest + 1) // 2
