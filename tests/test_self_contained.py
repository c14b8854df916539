"""A clone of quizapp has nothing beside it: no test, benchmark or script may read outside the repository.

The OneStopEnglish texts the tests use are copied into tests/data/ (tests/corpus.py). Two
checks: the sources name no path outside the repository, and (tests/conftest.py) the run
itself opens nothing in a ``shared/`` folder beside the repository, where a developer's
copy of the corpus may be.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# An absolute path to a work folder, "../shared", or pathlib climbing past the repository.
OUTSIDE = re.compile(r"""/work/|\.\./shared|parents\[\d\]\.parent|ROOT\.parent|\.parent\s*/\s*["']shared""")


def sources() -> list[Path]:
    """Every Python file and the Makefile under tests/, benchmarks/ and scripts/."""
    watchers = {Path(__file__).resolve(), ROOT / "tests" / "conftest.py"}  # they name ../shared to watch it
    found = [path for folder in ("tests", "benchmarks", "scripts") for path in (ROOT / folder).rglob("*")
             if path.suffix in {".py", ".sh"} and path not in watchers]
    return [*found, ROOT / "Makefile"]


@pytest.mark.parametrize("path", sources(), ids=lambda path: str(path.relative_to(ROOT)))
def test_no_source_names_a_path_outside_the_repository(path):
    hits = [f"{number}: {line.strip()}" for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
            if OUTSIDE.search(line)]
    assert hits == [], f"{path.relative_to(ROOT)} reads outside the repository"


def test_the_check_catches_the_patterns_it_is_for():
    for line in ('ONESTOP = Path("/work/shared/corpus/onestopenglish")',
                 'CORPUS = ROOT.parent / "shared" / "corpus"',
                 'CORPUS = Path(__file__).resolve().parents[2].parent / "shared"',
                 'open("../shared/seeds/000.txt")'):
        assert OUTSIDE.search(line), line
    assert not OUTSIDE.search('ONESTOP = Path(__file__).resolve().parent / "data" / "onestopenglish"')


def test_the_corpus_copy_keeps_its_attribution():
    from corpus import ONESTOP

    assert "Attribution-ShareAlike 4.0" in (ONESTOP / "LICENSE.md").read_text("utf-8")
    assert "Vajjala" in (ONESTOP / "README.md").read_text("utf-8")
    assert len(list(ONESTOP.glob("*-ele.txt"))) == 82
