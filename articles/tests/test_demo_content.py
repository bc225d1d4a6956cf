"""The demo content keeps its editorial rules (structure, citations, codes, no doses)."""

import importlib.util

from articles.demo import CONTENT_DIR


def test_demo_content_passes_its_checks(capsys):
    spec = importlib.util.spec_from_file_location("check_content", CONTENT_DIR / "check_content.py")
    check_content = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(check_content)
    assert check_content.main(CONTENT_DIR) == 0, capsys.readouterr().out
