"""What operators rely on: health check, request ids, private files through nginx."""

import json
import logging
import os
import subprocess
import sys

import pytest

from core.logging import JsonFormatter, RequestIdFilter
from medlex.testing import ROOT

pytestmark = pytest.mark.django_db


def test_every_response_carries_a_request_id(client):
    assert len(client.get("/healthz")["X-Request-ID"]) == 32


def test_request_id_from_the_proxy_is_kept_and_logged(client, caplog):
    handler_records = []

    class Capture(logging.Handler):
        def emit(self, record):
            handler_records.append(JsonFormatter().format(record))

    handler = Capture()
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        response = client.get("/api/v1/articles/987654", HTTP_X_REQUEST_ID="abc12345-from-nginx")
    finally:
        logger.removeHandler(handler)
    assert response["X-Request-ID"] == "abc12345-from-nginx"
    assert any(json.loads(line)["request_id"] == "abc12345-from-nginx" for line in handler_records)


def test_private_files_go_out_through_nginx_when_configured(settings, verified_client, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "figure.png").write_bytes(b"\x89PNG fake")
    settings.MEDLEX_ACCEL_REDIRECT_PREFIX = "/_protected/"
    response = verified_client.get("/media/images/figure.png")
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/_protected/images/figure.png"
    assert response.content == b""


def test_path_traversal_out_of_the_media_root_is_refused(verified_client, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    (tmp_path / "media").mkdir()
    (tmp_path / "secret.txt").write_text("no")
    assert verified_client.get("/media/../secret.txt").status_code == 404
    assert verified_client.get("/media/images/%2e%2e/%2e%2e/secret.txt").status_code == 404


def test_an_app_server_process_is_ready_before_its_first_request():
    """Loading the WSGI application builds the ICD-10 catalogue and freezes the start-up objects."""
    probe = (
        "import gc, medlex.wsgi; from icd10 import _who; print(_who._tree is not None, gc.get_freeze_count() > 100_000)"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.stdout.split() == ["True", "True"], result.stderr
