"""Plain data passed between the pipeline's stages and out to the web and CLI.

Everything here is frozen and built from builtins so that an analysis can be
turned into JSON (``to_dict``) and cached without carrying spaCy objects
around. Offsets are character offsets into one paragraph of the *cleaned*
article, which is what the reader sees.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

ACTOR_KINDS = ("person", "country", "organization", "group", "place", "other")


@dataclass(frozen=True)
class CleanArticle:
    """An article after cleaning: metadata split off, paragraphs de-duplicated."""

    title: str
    paragraphs: tuple[str, ...]
    source: str | None = None
    dateline: str | None = None
    level: str | None = None
    removed_duplicates: int = 0

    @property
    def text(self) -> str:
        """The body as one string, paragraphs separated by a blank line."""
        return "\n\n".join(self.paragraphs)


@dataclass(frozen=True)
class Span:
    """A stretch of one paragraph: ``paragraphs[paragraph][start:end]``."""

    paragraph: int
    start: int
    end: int


@dataclass(frozen=True)
class HardSentence:
    """A sentence the reader may struggle with, and why."""

    span: Span
    text: str
    grade: float
    reason: str


@dataclass(frozen=True)
class Readability:
    """Readability formulas fed with true counts, plus what makes the text hard."""

    flesch_reading_ease: float
    flesch_kincaid_grade: float
    gunning_fog: float
    smog_index: float
    coleman_liau_index: float
    automated_readability_index: float
    dale_chall_readability_score: float
    words: int
    sentences: int
    syllables: int
    letters: int
    polysyllables: int
    difficult_words: int
    grade_level: float
    band: str
    reading_minutes: float
    hard_sentences: tuple[HardSentence, ...] = ()
    difficult_word_list: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mention:
    """One place in the text where an actor is named (or stood for)."""

    actor: str
    span: Span
    text: str


@dataclass(frozen=True)
class Actor:
    """A glossary entry: who or what the story is about, and the part it plays."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    role: str
    mentions: int
    first: Span | None = None
    label: str = ""  # spaCy's entity label before our repairs, for debugging


@dataclass(frozen=True)
class Relation:
    """Who did what to whom, as found in one sentence.

    ``subject`` and ``object`` are actor ids where the argument is an actor,
    else ``None`` with the words kept in ``subject_text``/``object_text``.
    ``verb`` is the lemma ("back", "capture", "want"); ``predicate`` is the
    readable verb phrase as it stands ("hailed the capture of").
    """

    verb: str
    predicate: str
    subject: str | None
    object: str | None
    subject_text: str
    object_text: str
    sentence: str
    span: Span
    kind: str = "action"  # action | backing | appositive | title | capture ...


@dataclass(frozen=True)
class Analysis:
    """Everything the reading view shows about one article."""

    article: CleanArticle
    readability: Readability
    actors: tuple[Actor, ...]
    mentions: tuple[Mention, ...] = ()
    relations: tuple[Relation, ...] = ()
    sentences: tuple[Span, ...] = ()
    extras: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        """The stable JSON shape of ``quizapp analyze --json``."""
        article = self.article
        return {
            "title": article.title,
            "source": article.source,
            "dateline": article.dateline,
            "level": article.level,
            "paragraphs": list(article.paragraphs),
            "removed_duplicates": article.removed_duplicates,
            "readability": asdict(self.readability),
            "actors": [asdict(a) for a in self.actors],
            "mentions": [asdict(m) for m in self.mentions],
            "relations": [asdict(r) for r in self.relations],
            "sentences": [asdict(s) for s in self.sentences],
            **self.extras,
        }
