"""Clinical functions (scores, criteria checkers, checklists) as pure, declarative Python.

Public API: ``functions.registry.all_functions()`` and ``get(slug)`` return
definitions (``functions.engine``) offering ``evaluate(raw_inputs)``,
``json_schema(lang)`` and ``describe(lang)``. No Django, no I/O: the web views,
the API and the templates are built on top of this package.
"""
