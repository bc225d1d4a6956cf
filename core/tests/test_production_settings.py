"""Production mode starts only with safe settings, and `check --deploy` is clean."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "x7Gq2pLw9Zr4Tn8Vb1Yc6Hs3Kd0Mf5Ja-e2Ru7Wi4Ox9Pz1Qk3Sl8Ug6Nv0Bt5Ch"


def run_check(*args, **overrides):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("MEDLEX_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    env.update(
        {"MEDLEX_ENV": "production", "MEDLEX_SECRET_KEY": GOOD_KEY, "MEDLEX_ALLOWED_HOSTS": "medlex.example.org"}
    )
    env.update({k: v for k, v in overrides.items() if v is not None})
    for key in [k for k, v in overrides.items() if v is None]:
        env.pop(key, None)
    return subprocess.run(
        [sys.executable, "manage.py", "check", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_safe_production_settings_pass_the_deployment_checks():
    result = run_check("--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "overrides, reason",
    [
        ({"MEDLEX_DEBUG": "true"}, "MEDLEX_DEBUG must be off"),
        ({"MEDLEX_SECRET_KEY": None}, "MEDLEX_SECRET_KEY must be set"),
        ({"MEDLEX_SECRET_KEY": "short"}, "MEDLEX_SECRET_KEY must be set"),
        ({"MEDLEX_SECRET_KEY": "medlex-development-only-not-secret"}, "MEDLEX_SECRET_KEY must be set"),
        ({"MEDLEX_SECURE_COOKIES": "false"}, "cookies must be secure"),
        ({"MEDLEX_ALLOWED_HOSTS": None}, "MEDLEX_ALLOWED_HOSTS must list"),
    ],
)
def test_production_refuses_to_start_with_unsafe_settings(overrides, reason):
    result = run_check(**overrides)
    assert result.returncode != 0
    assert "Refusing to start in production mode" in result.stderr
    assert reason in result.stderr
