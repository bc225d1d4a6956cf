"""Complete inputs of each function (from the engine tests), as a form or an API caller sends them."""

from functions.tests.test_bristol import TYPICAL as BRISTOL_CRITERION_1
from functions.tests.test_jansson import NOTHING_MET as JANSSON_NOTHING_MET
from functions.tests.test_kostik import NOTHING_MET as KOSTIK_NOTHING_MET
from functions.tests.test_workup import ALL_RULED_OUT as WORKUP_ALL_RULED_OUT

COMPLETE_INPUTS = {
    "kostik-nbo-score": KOSTIK_NOTHING_MET,
    "jansson-nbo-score": JANSSON_NOTHING_MET,
    "bristol-crmo-criteria": BRISTOL_CRITERION_1,
    "cno-exclusion-workup": WORKUP_ALL_RULED_OUT,
}
SLUGS = tuple(COMPLETE_INPUTS)

# Values that occur in no page text, to look for in logs and stored data.
TELLTALE_CRP = "47.1234"
TELLTALE_BANDS = "219.9876"


def kostik_api_body(**changes):
    """A Kostik body as an API caller sends it, in JSON types: numbers and booleans."""
    return {
        "crp": 120,
        "crp_unit": "mg/L",
        "multifocal": False,
        "femur": False,
        "band_neutrophils": 500,
        "band_neutrophils_unit": "cells/uL",
    } | changes
