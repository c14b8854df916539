"""A clone of quizapp has nothing beside it: no test, benchmark or script may read outside the repository.

The OneStopEnglish texts the tests use are copied into tests/data/ (tests/corpus.py). This
test reads every test, benchmark and script source and fails on a string that names a file
or folder outside the repository which exists on this machine (a developer's copy of the
corpus beside the checkout is the case it was written for), or on pathlib climbing out of it.
System folders (Python's own, /usr, /dev, the temporary folder) are allowed.
"""

import ast
import re
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SYSTEM = tuple(
    {
        Path(p).resolve()
        for p in (
            sys.prefix,
            sys.base_prefix,
            "/usr",
            "/dev",
            "/proc",
            "/etc",
            "/bin",
            "/sys",
            tempfile.gettempdir(),
        )
    }
)
CLIMBING = re.compile(r"parents\[\d\]\.parent|ROOT\.parent")  # pathlib walking out of the repository
WORD = re.compile(r"[\w./~-]*/[\w./~-]*")  # a path-like word in a shell script or the Makefile


def sources() -> list[Path]:
    """Every Python and shell file under tests/, benchmarks/ and scripts/, and the Makefile."""
    found = [
        path
        for folder in ("tests", "benchmarks", "scripts")
        for path in (ROOT / folder).rglob("*")
        if path.suffix in {".py", ".sh"} and path.resolve() != Path(__file__).resolve()
    ]
    return [*found, ROOT / "Makefile"]


def strings(path: Path) -> list[tuple[int, str]]:
    """(line, text) of the string constants in a Python file; of the path-like words elsewhere."""
    text = path.read_text("utf-8")
    if path.suffix != ".py":
        return [(n, word) for n, line in enumerate(text.splitlines(), 1) for word in WORD.findall(line)]
    return [
        (node.lineno, node.value)
        for node in ast.walk(ast.parse(text))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


def outside(text: str, base: Path, root: Path = ROOT, allowed: tuple[Path, ...] = SYSTEM) -> Path | None:
    """The existing file or folder outside ``root`` that ``text`` names (read from ``base``), if any."""
    if "\n" in text or "/" not in text or len(text) > 300:
        return None
    for start in (Path("/"),) if text.startswith("/") else (base, root):
        try:
            path = (start / text).resolve()
        except (OSError, ValueError):
            continue
        if path == Path("/") or path.is_relative_to(root) or any(path.is_relative_to(a) for a in allowed):
            continue
        if path.exists():
            return path
    return None


def reads_outside(path: Path, root: Path = ROOT, allowed: tuple[Path, ...] = SYSTEM) -> list[str]:
    """Where ``path`` names a place outside ``root`` or climbs out of it, as "line: what"."""
    hits = [
        f"{n}: {text!r} is {found}"
        for n, text in strings(path)
        if (found := outside(text, path.parent, root, allowed))
    ]
    return hits + [
        f"{n}: {line.strip()}"
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if CLIMBING.search(line)
    ]


@pytest.mark.parametrize("path", sources(), ids=lambda path: str(path.relative_to(ROOT)))
def test_no_source_names_a_path_outside_the_repository(path):
    assert reads_outside(path) == [], f"{path.relative_to(ROOT)} reads outside the repository"


def test_the_check_catches_what_it_is_for(tmp_path):
    """A corpus folder beside a checkout, named three ways, is found; the repository's own data is not."""
    checkout, corpus = tmp_path / "checkout", tmp_path / "corpus" / "texts"
    corpus.mkdir(parents=True)
    (checkout / "tests" / "data").mkdir(parents=True)
    test = checkout / "tests" / "test_texts.py"
    test.write_text(
        f"A = {str(corpus)!r}\nB = '../../corpus/texts'\nC = ROOT.parent / 'corpus'\n"
        "D = 'tests/data'\nE = '/teacher/articles/new'\n",
        "utf-8",
    )
    hits = reads_outside(test, root=checkout, allowed=())
    assert [hit.split(":")[0] for hit in hits] == ["1", "2", "3"], hits


def test_the_corpus_copy_keeps_its_attribution():
    from corpus import ONESTOP

    assert "Attribution-ShareAlike 4.0" in (ONESTOP / "LICENSE.md").read_text("utf-8")
    assert "Vajjala" in (ONESTOP / "README.md").read_text("utf-8")
    assert len(list(ONESTOP.glob("*-ele.txt"))) == 82
