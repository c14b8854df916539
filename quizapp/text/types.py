"""Plain data passed between the pipeline's stages and out to the web and CLI.

Everything here is frozen and built from builtins so that an analysis can be
turned into JSON (``to_dict``) and cached without carrying spaCy objects
around. Offsets are character offsets into one paragraph of the *cleaned*
article, which is what the reader sees.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from quizapp.text.question import Question  # question.py builds on this module

_T = TypeVar("_T")

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
    characters: int = 0  # non-space characters of the words, punctuation included (ARI)
    complex_words: int = 0  # difficult words of 3+ syllables (Gunning fog)
    # From the reading-level model (quizapp/text/reading/reading_level.py). Analyses stored
    # before it have none of these until re-analysed: empty means "not known".
    cefr: str = ""  # A1-C2
    uk_year: str = ""  # "Year 9", "university"
    level_reasons: tuple[str, ...] = ()  # "long sentences", "many rare words", "few hard words"


@dataclass(frozen=True)
class Mention:
    """One place in the text where an actor is named (or stood for).

    ``via`` says how the mention was tied to its actor: ``name`` (the text
    names it), ``pronoun``, ``description`` ("the company", "the
    63-year-old") or ``quote`` (an "I" inside a quotation is its speaker).
    ``actor`` is ``None`` where the resolver was not sure: such a mention is
    shown in ``quizapp analyze --json`` but nothing downstream may use it.
    ``confidence`` is 1.0 for names and lower for the rules' guesses.
    """

    actor: str | None
    span: Span
    text: str
    via: str = "name"
    confidence: float = 1.0


@dataclass(frozen=True)
class Quote:
    """A quotation and who said it (``speaker`` is an actor id, or ``None`` when not sure).

    ``spans`` are the quoted stretches, one per paragraph when a quotation
    runs on into the next; ``cue`` names the words that gave the speaker
    away ("said Smith", "according to", "continues").
    """

    spans: tuple[Span, ...]
    text: str
    speaker: str | None
    speaker_text: str = ""
    cue: str = ""


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
    reported: bool = False  # the clause is what someone said or thought ("he said X was corrupt")
    shared: bool = False  # the subject is one of several ("Apple, Google and Starbucks have avoided")


@dataclass(frozen=True)
class Analysis:
    """Everything the reading view shows about one article."""

    article: CleanArticle
    readability: Readability
    actors: tuple[Actor, ...]
    mentions: tuple[Mention, ...] = ()
    relations: tuple[Relation, ...] = ()
    sentences: tuple[Span, ...] = ()
    questions: tuple[Question, ...] = ()
    extras: dict[str, Any] = field(default_factory=dict)
    references: tuple[Mention, ...] = ()  # pronouns and descriptions, resolved or not
    quotes: tuple[Quote, ...] = ()

    def to_dict(self) -> dict[str, Any]:
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
            "questions": [q.to_dict() for q in self.questions],
            "references": [asdict(m) for m in self.references],
            "quotes": [asdict(q) for q in self.quotes],
            **self.extras,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        """Rebuild an analysis from ``to_dict`` output (or its JSON), so a cached one needs no model.

        Keys ``to_dict`` does not know about came from ``extras`` and go back there.
        """
        known = {
            "title",
            "source",
            "dateline",
            "level",
            "paragraphs",
            "removed_duplicates",
            "readability",
            "actors",
            "mentions",
            "relations",
            "sentences",
            "questions",
            "references",
            "quotes",
        }
        from quizapp.text.question import Question  # question.py builds on this module

        article = CleanArticle(
            title=data["title"],
            paragraphs=tuple(data["paragraphs"]),
            source=data.get("source"),
            dateline=data.get("dateline"),
            level=data.get("level"),
            removed_duplicates=data.get("removed_duplicates", 0),
        )
        return cls(
            article=article,
            readability=_readability(data["readability"]),
            actors=tuple(_actor(a) for a in data.get("actors", ())),
            mentions=tuple(_with_span(Mention, m) for m in data.get("mentions", ())),
            relations=tuple(_with_span(Relation, r) for r in data.get("relations", ())),
            sentences=tuple(Span(**s) for s in data.get("sentences", ())),
            questions=tuple(Question.from_dict(q) for q in data.get("questions", ())),
            references=tuple(_with_span(Mention, m) for m in data.get("references", ())),
            quotes=tuple(_quote(q) for q in data.get("quotes", ())),
            extras={k: v for k, v in data.items() if k not in known},
        )


def _span(data: dict[str, Any] | None) -> Span | None:
    """A ``Span`` from its dict form; ``None`` stays ``None`` (``Actor.first``)."""
    return None if data is None else Span(**data)


def _with_span(cls: type[_T], data: dict[str, Any]) -> _T:
    """Build a dataclass whose only nested field is ``span``."""
    return cls(**{**data, "span": _span(data["span"])})


def _quote(data: dict[str, Any]) -> Quote:
    """A ``Quote`` with its spans restored."""
    return Quote(**{**data, "spans": tuple(Span(**s) for s in data.get("spans", ()))})


def _actor(data: dict[str, Any]) -> Actor:
    """An ``Actor`` with its tuple and optional span restored from JSON lists/dicts."""
    return Actor(**{**data, "aliases": tuple(data.get("aliases", ())), "first": _span(data.get("first"))})


def _readability(data: dict[str, Any]) -> Readability:
    """A ``Readability`` with its nested hard sentences and word list restored."""
    return Readability(
        **{
            **data,
            "hard_sentences": tuple(_with_span(HardSentence, h) for h in data.get("hard_sentences", ())),
            "difficult_word_list": tuple(data.get("difficult_word_list", ())),
            "level_reasons": tuple(data.get("level_reasons", ())),
        }
    )
