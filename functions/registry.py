"""All clinical functions by their stable slug.

Slugs are part of URLs and API paths and must never change; a changed
definition gets a new ``version`` instead.
"""

from functions.definitions import bristol, jansson, kostik, workup

_FUNCTIONS = {
    definition.slug: definition
    for definition in (kostik.DEFINITION, jansson.DEFINITION, bristol.DEFINITION, workup.DEFINITION)
}


class UnknownFunction(KeyError):
    """No function has this slug (a view turns this into 404)."""


def all_functions():
    """Every definition, in the order they are listed to users."""
    return tuple(_FUNCTIONS.values())


def get(slug):
    try:
        return _FUNCTIONS[slug]
    except KeyError:
        raise UnknownFunction(slug) from None
