"""The ablation benchmark's judgement: what counts as a gain, what is noise, what stays regardless."""

import json
import os
import subprocess
import sys

from bench.ablation import AA, load, similar_pages, table, verdict
from bench.harness import ROOT

# An A/A test whose rounds wandered by up to 4 % either way.
AA_RESULT = {
    ("anonymous", "throughput"): [0.97, 1.02, 1.04],
    ("anonymous", "cpu"): [0.98, 1.03, 1.01],
    ("verified", "throughput"): [0.96, 1.01, 1.03],
    ("verified", "cpu"): [0.99, 1.04, 1.02],
    "first view": 1.03,
    "first view ms": (10.3, 10.0),
    "cpu on": [0.9, 1.4],
}


def result(anonymous=(1.0, 1.0), verified=(1.0, 1.0), first_view=1.0):
    """A piece's rounds: every round at the given (throughput, CPU) ratios off/on."""
    return {
        ("anonymous", "throughput"): [anonymous[0]] * 3,
        ("anonymous", "cpu"): [anonymous[1]] * 3,
        ("verified", "throughput"): [verified[0]] * 3,
        ("verified", "cpu"): [verified[1]] * 3,
        "first view": first_view,
        "first view ms": (10.0 * first_view, 10.0),
        "cpu on": [0.9, 1.4],
    }


def test_a_piece_that_saves_the_verified_reader_more_than_the_noise_and_five_percent_of_cpu_is_kept():
    assert verdict("user-cache", result(verified=(0.97, 1.12)), AA_RESULT) == "keep (verified CPU +12%)"


def test_a_piece_whose_page_is_slower_without_it_beyond_every_aa_round_is_kept():
    assert verdict("shells", result(anonymous=(0.60, 1.0)), AA_RESULT) == "keep (anonymous req/s -40%)"


def test_a_gain_of_five_percent_that_the_aa_test_also_showed_is_noise_and_the_piece_is_removed():
    noisy = {**AA_RESULT, ("verified", "cpu"): [0.93, 1.08, 1.0]}
    assert (
        verdict("local-copies", result(verified=(1.0, 1.06)), noisy)
        == "remove (within the A/A noise: verified CPU +6%)"
    )


def test_a_gain_under_five_percent_is_removed_even_when_the_aa_test_was_quiet():
    quiet = {**AA_RESULT, ("verified", "cpu"): [1.0, 1.0, 1.0]}
    assert verdict("redis-lean-client", result(verified=(1.0, 1.04)), quiet) == "remove"


def test_a_piece_that_makes_the_page_slower_is_removed():
    assert verdict("route-cache", result(anonymous=(1.2, 0.8), verified=(1.2, 0.8)), AA_RESULT) == "remove"


def test_a_first_view_after_a_publish_slower_without_the_piece_keeps_it():
    assert verdict("prerender", result(first_view=1.8), AA_RESULT) == "keep (first view after a publish +80%)"


def test_security_middleware_is_required_whatever_it_costs():
    name = "django.middleware.security.SecurityMiddleware"
    assert verdict(name, result(anonymous=(1.25, 0.8)), AA_RESULT, middleware=True) == (
        "required (security); it costs anonymous req/s -20%, anonymous CPU +25%"
    )


def test_a_middleware_whose_removal_saves_more_than_the_noise_is_to_be_removed_unless_needed():
    name = "core.middleware.request_id_middleware"
    assert verdict(name, result(verified=(1.0, 0.8)), AA_RESULT, middleware=True) == (
        "remove unless needed (it costs verified CPU +25%)"
    )


def test_a_middleware_that_costs_nothing_measurable_is_kept():
    name = "django.middleware.common.CommonMiddleware"
    assert verdict(name, result(verified=(1.0, 0.98)), AA_RESULT, middleware=True) == (
        "keep (no cost beyond the A/A noise)"
    )


def test_a_table_can_be_judged_again_from_the_rounds_a_run_kept(tmp_path):
    kept = tmp_path / "ablation-sqlite.json"
    kept.write_text(json.dumps({AA: {" ".join(k) if isinstance(k, tuple) else k: v for k, v in AA_RESULT.items()}}))
    assert load(kept) == {AA: AA_RESULT | {"first view ms": [10.3, 10.0]}}


def test_a_removal_that_changes_the_page_is_required_whatever_it_saves():
    changed = {**result(anonymous=(0.5, 2.0)), "page changes": "anonymous HTTP 404"}
    assert verdict("core.middleware.LocaleMiddleware", changed, AA_RESULT, middleware=True).startswith("required")


def test_a_verified_reader_served_the_anonymous_page_counts_as_a_changed_page():
    on = {"anonymous": (200, b"a" * 100), "verified": (200, b"v" * 100)}
    off = {"anonymous": (200, b"a" * 100), "verified": (200, b"a" * 100)}
    assert similar_pages(on, off) == "the verified reader gets the anonymous page"
    assert similar_pages(on, dict(on)) is None


def test_the_table_shows_the_aa_test_first_as_the_noise_floor_with_median_and_range_of_the_rounds():
    lines = table({AA: AA_RESULT, "tier-cache": result(verified=(0.9, 1.1))}).splitlines()
    assert lines[2].startswith(f"| {AA} | 102.0% (97%–104%) |")
    assert lines[2].endswith("| noise floor |")
    assert lines[3].startswith("| tier-cache | 100.0% (100%–100%) |")
    assert "keep (verified req/s -10%, verified CPU +10%)" in lines[3]


def test_the_settings_without_middleware_refuse_a_name_that_is_not_in_the_list():
    env = dict(os.environ, MEDLEX_BENCH_WITHOUT="django.middleware.common.CommonMidleware")
    env.pop("DJANGO_SETTINGS_MODULE", None)
    run = subprocess.run(
        [sys.executable, "-c", "import bench.settings_without"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert run.returncode != 0
    assert "not in MIDDLEWARE: django.middleware.common.CommonMidleware" in run.stderr


def test_a_removal_that_changes_the_page_is_listed_without_rounds():
    changed = {"page changes": "anonymous HTTP 404"}
    row = table({AA: AA_RESULT, "core.middleware.LocaleMiddleware": changed}, middleware=True).splitlines()[3]
    assert row == (
        "| core.middleware.LocaleMiddleware | – | – | – | – | – | – | required (page changes: anonymous HTTP 404) |"
    )
