"""``import jsonschema`` without the optional format-checking helpers it would import.

``jsonschema`` imports, each inside ``suppress(ImportError)``, the helpers that its
``FormatChecker`` uses for ``"format"`` keywords (``rfc3987_syntax``, ``isoduration``, ``idna``,
``webcolors`` ...). The Jupyter stack installs them (``jsonschema[format-nongpl]``), and
``rfc3987_syntax`` alone compiles ~40 Lark grammars at import time: 1.3 s of CPU, 4-15 s of wall
time on the course's shared 2-core machine, paid by the first cell of every lesson that reads a
validated content file (the manifest, the editorial files, the dataset registry, a quiz bank).
The course validates without a format checker (formats are not checked by
``Draft202012Validator`` unless one is passed), so :func:`load` hides these helpers for the
duration of the import. Nothing changes if jsonschema was already imported; a helper imported
before stays in use. After the import the helpers can be imported again as usual.

Every module of the course that validates against a JSON Schema gets jsonschema from
``load()``; ``tests/test_lesson_speed.py`` checks that importing the notebook-facing modules and
loading their content does not import ``rfc3987_syntax``.
"""
from __future__ import annotations

import sys

__all__ = ["load", "FORMAT_HELPERS"]

#: Modules ``jsonschema._format`` imports only to check ``"format"`` keywords.
FORMAT_HELPERS = ("rfc3987_syntax", "rfc3987", "rfc3986_validator", "rfc3339_validator", "fqdn", "idna",
                  "webcolors", "jsonpointer", "uri_template", "isoduration")


def load():
    """The ``jsonschema`` module, imported without its format-checking helpers if not yet imported."""
    if "jsonschema" in sys.modules:
        return sys.modules["jsonschema"]
    hidden = [m for m in FORMAT_HELPERS if m not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # makes "import name" raise ImportError
    try:
        import jsonschema
    except ImportError:  # a future jsonschema that needs one of them: import it normally
        _unhide(hidden)
        hidden = []
        import jsonschema
    finally:
        _unhide(hidden)
    return jsonschema


def _unhide(names) -> None:
    for name in names:
        if name in sys.modules and sys.modules[name] is None:
            del sys.modules[name]
