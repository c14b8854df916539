"""A question's answer key compiled for fast lookups.

The key holds every *name* a response may mention: the answer's parts in
all their forms (listed by the teacher, or the gazetteer's names for a
country: "Iranians" for Iran), the things that are not the answer (the
question's distractors and other choices), and, once per process for all
questions (``world``), every country, nationality and capital. Names are
keyed by their folded words in any order (``answers.key``).

Keys are compiled once per question (``compile_key``, cached), so grading
one response is a handful of dictionary lookups (``answer_match``).
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from quizapp.text.actors import gazetteer, lexicon
from quizapp.text.actors.gazetteer import Country
from quizapp.text.grading import concepts, numbers
from quizapp.text.grading.answers import key, tokens
from quizapp.text.question import Question

MAX_NAME_WORDS = 5  # the gazetteer's longer names are formal ones nobody types
MAX_LOCAL_WORDS = 12  # a question's own names are indexed whole, however long
SCATTER = 3  # words an answer's words may be spread over, beyond their own number
REASON_SCATTER = 8  # ... and a reason's, which comes in a sentence of the pupil's own
IDEAS = ("concept", "reason")
# Country codes pupils actually write; the rest ("IN", "IT", "AND") are words.
WELL_KNOWN_CODES = frozenset({"u_s", "u_s_a", "u_k", "u_a_e", "u_s_s_r", "d_r_c", "p_r_c"})
# Gazetteer entries that are also everyday words or first names: as a wrong
# item they would cost a pupil credit for "a male soldier" or "Jordan said".
AMBIGUOUS = frozenset(
    {
        "island",
        "valley",
        "jersey",
        "turkey",
        "chad",
        "jordan",
        "georgia",
        "victoria",
        "hamilton",
        "douglas",
        "stanley",
        "china",
        "guinea",
        "mann",
        "male",
        "kingston",
        "plymouth",
        "sofia",
        "santiago",
        "washington",
        "paris",
        "lima",
    }
)
# Heads of multi-word names whose last word is not a surname ("Islamic *State*").
HEAD_NOUNS = (
    lexicon.PLACE_NOUNS
    | lexicon.GROUP_NOUNS
    | frozenset(
        """kingdom union nation emirate island sea ocean gulf bay lake hill height front council court
    house bank strip coast peninsula brigade movement organisation organization committee agency
    ministry department office church university school hospital museum street square road bridge
    dam base camp field centre center station corporation network alliance coalition federation
    empire war revolution agreement treaty accord plan act crisis international united inc ltd limited
    holdings industries foundation institute association society""".split()
    )
)  # "Amnesty International"
# Everyday names countryinfo lacks: "America" is in no alias list.
COMMON_NAMES = {
    "United States": ("America",),
    "United Kingdom": ("Britain", "Brits", "Britons"),
    "Saudi Arabia": ("Saudi", "Saudis"),
    "Turkey": ("Turks",),
    "United Arab Emirates": ("Emirates",),
}
Key = tuple[str, ...]  # a name's folded words in key order (``answers.key``)
Label = int | str  # what a key names: an answer part's index, or another name as written
Family = frozenset[str]  # a word and its dictionary forms (``concepts.lemmas``)
# An idea's bag: (label, word families needed, how far apart they may stand, head left out)
IdeaBag = tuple[Label, tuple[Family, ...], int, Family]
# ... and, compiled, the words it needs if each family is one word (``_plain``)
Bag = tuple[Label, tuple[Family, ...], int, Family, Family | None]

PLACE_MODIFIERS = frozenset(
    {
        "new",
        "north",
        "south",
        "east",
        "west",
        "upper",
        "lower",
        "saint",
        "st",
        "san",
        "santa",
        "port",
        "mount",
        "lake",
        "cape",
        "great",
        "little",
    }
)


@dataclass(frozen=True)
class World:
    """Every country, nationality and capital, keyed like an answer form."""

    index: dict[Key, str]
    vocab: frozenset[str]
    names: frozenset[str]  # one-word names: a response word equal to one is never a typo
    capitals: dict[str, str]  # country name -> the label of its capital


@dataclass(frozen=True, eq=False)
class AnswerKey:
    """One question's answer key, compiled; compared by identity so it can key a cache."""

    parts: tuple[str, ...]
    kinds: tuple[str, ...]  # each part's kind (``concepts.kind_of``)
    part_keys: tuple[frozenset[Key], ...]
    index: dict[Key, Label]
    vocab: frozenset[str]
    max_words: int
    bags: tuple[
        Bag, ...
    ]  # (part, families needed, how far apart they may stand, head left out, words if one each)
    families: bool  # whether a response's words must be read with their dictionary forms
    answer_words: frozenset[str]
    idea_words: frozenset[str]  # words of concepts and reasons: a real word is never a typo of one
    fuzzy_words: tuple[str, ...]  # answer words long enough to misspell
    blockers: tuple[str, ...]  # other names a misspelling might be nearer to
    blocker_set: frozenset[str]
    neutral: frozenset[str]
    offered: frozenset[str]  # the distractors and other choices: the teacher's own wrong answers
    restated: frozenset[tuple[str, str]]  # word pairs of the prompt and evidence: copying them costs nothing
    stated: frozenset[str]  # the words of the prompt and evidence
    number_units: frozenset[str]  # the units of the numbers asked for ("" for none); empty if none is


@functools.cache
def world() -> World:
    """The gazetteer as answer-form keys, built once per process."""
    index: dict[Key, str] = {}
    capitals: dict[str, str] = {}
    countries = sorted(set(gazetteer.load().by_name.values()), key=lambda c: (len(c.name), c.name))
    for country in countries:
        for form in country_forms(country, WELL_KNOWN_CODES):
            _add(index, tokens(form, form=True), country.name, MAX_NAME_WORDS)
        capital = country.capital.split(",")[0].removesuffix(" D.C.").strip()
        if capital:
            _add(index, tokens(capital, form=True), capital, MAX_NAME_WORDS)
            capitals.setdefault(country.name, capital)
    index = {k: v for k, v in index.items() if k not in {(w,) for w in AMBIGUOUS}}
    names = frozenset(k[0] for k in index if len(k) == 1)
    return World(index, frozenset(w for k in index for w in k), names, capitals)


def country_forms(country: Country, codes: Collection[str] | None = None) -> list[str]:
    """A country's name, aliases, nationality and its plural ("Iranians").

    Codes are kept only if listed in ``codes`` (``None`` keeps all).
    """
    forms = [country.name, *COMMON_NAMES.get(country.name, ())]
    for alias in country.aliases:
        code = tokens(alias, form=True)
        if len(code) != 1 or "_" not in code[0] or codes is None or code[0] in codes:
            forms.append(alias)
    for demonym in country.demonym.replace("/", ",").split(","):
        if demonym.strip():
            forms += [demonym.strip(), _plural(demonym.strip())]
    return forms


PEOPLE = {"people", "citizens"}  # "British people", "Chinese citizens"


def _plural(demonym: str) -> str:
    """ "Iranian" -> "Iranians"; "Chinese", "British", "Swiss" stay as they are."""
    return demonym if demonym.endswith(("s", "sh", "ch", "ese")) else demonym + "s"


def _add(index: dict[Key, Any], words: tuple[str, ...], label: Label, limit: int = MAX_LOCAL_WORDS) -> None:
    """Index a name once: the first label given to a key wins."""
    if words and len(words) <= limit:
        index.setdefault(key(words), label)


def expand(part: tuple[str, ...]) -> list[str]:
    """A part's forms plus, for a country or nationality, all its gazetteer names."""
    forms = list(part)
    for form in part:
        country = country_of(form)
        if country is not None:
            forms += country_forms(country, WELL_KNOWN_CODES)
        forms += _people_of(form)
    return forms


def _people_of(form: str) -> list[str]:
    """ "British people" is also "the British": a nation's people by its nationality, never by the country.

    "_____ have fewer strong friendships than other Europeans" is rightly
    filled with "the British"; "the UK" names the country, not its people,
    so the country's own names are not added.
    """
    words = form.split()
    if len(words) < 2 or words[-1].lower() not in PEOPLE:
        return []
    nationality = " ".join(words[:-1])
    country = gazetteer.load().demonym(nationality)
    if country is None:
        return []
    everyday = [n for n in COMMON_NAMES.get(country.name, ()) if n.endswith("s")]  # "Britons", "Saudis"
    return [nationality, _plural(nationality), *everyday]


def country_of(form: str) -> Country | None:
    """The country a form names by name, alias, nationality or everyday name, if any."""
    gaz = gazetteer.load()
    found = gaz.country(form) or gaz.demonym(form)
    if found is None:
        name = next((n for n, common in COMMON_NAMES.items() if form in common), None)
        found = gaz.country(name) if name else None
    return found


def answer_key(question: Question) -> AnswerKey:
    """The compiled key for ``question``, cached by what grading depends on."""
    return compile_key(
        (
            question.answer,
            question.distractors,
            question.choices,
            question.prompt,
            question.evidence,
            question.answer_kind,
        )
    )


# A compiled key is about 100 kB in memory and takes about 1 ms to build. 512 keys hold every question
# that a school's classes are answering at once in one worker; 2,048 made a worker that had analysed a
# few dozen articles (whose distractor checks compile keys too) grow by about 230 MB.
@functools.lru_cache(maxsize=512)
def compile_key(
    spec: tuple[tuple[tuple[str, ...], ...], tuple[str, ...], tuple[str, ...], str, str, str],
) -> AnswerKey:
    """Index the parts, then the other names in play, then the shorter forms each kind allows."""
    answer, distractors, choices, prompt, evidence, hint = spec
    index: dict[Key, Label] = {}
    part_keys = [
        _with_units(frozenset(k for k in (key(tokens(f, form=True)) for f in expand(part)) if k))
        for part in answer
    ]
    for i, keys in enumerate(part_keys):
        for k in keys:
            _add(index, k, i)
    every_answer = frozenset().union(*part_keys)
    others = {name: tokens(name, form=True) for name in (*distractors, *choices)}
    others = {name: words for name, words in others.items() if key(words) not in every_answer}
    for name, words in others.items():
        _add(index, words, name)
    named: list[tuple[Label, str, Key]] = [
        (i, form, tokens(form, form=True)) for i, part in enumerate(answer) for form in part
    ]
    named += [(name, name, words) for name, words in others.items()]
    kinds = {
        (label, form): concepts.kind_of(form, words, prompt, hint if isinstance(label, int) else "")
        for label, form, words in named
    }
    bags: list[IdeaBag] = [
        (i, tuple(frozenset((w,)) for w in k), SCATTER, frozenset())
        for i, keys in enumerate(part_keys)
        for k in keys
        if len(k) > 1
    ]
    asked = tokens(prompt)
    for label, form, words in named:
        kind = kinds[label, form]
        if kind == "person":
            rivals = {w for other, _, ws in named if other != label for w in ws}
            for short in surname_forms(words, rivals):
                _add(index, short, label)
        elif kind == "place":
            _add(index, concepts.place_core(words, world().names) or (), label)
        elif kind == "number" and not all(map(numbers.is_number, words)):  # the counted noun may go
            for short in _with_units(frozenset({tuple(filter(numbers.is_number, words))})):
                _add(index, short, label)
        elif (
            kind in IDEAS
        ):  # a distractor's short forms too: "nuclear" for "nuclear energy" is a wrong answer
            bags += _idea_bags(label, kind, words, concepts.prompt_words(asked))
    part_kinds = tuple(kinds[i, part[0]] for i, part in enumerate(answer))
    return _finish(answer, index, part_keys, others, asked + ("|",) + tokens(evidence), bags, part_kinds)


def _idea_bags(label: Label, kind: str, words: tuple[str, ...], prompt: frozenset[str]) -> list[IdeaBag]:
    """The word families an idea's answer must hold, with how far apart they may stand."""
    if kind == "reason":
        return [(label, concepts.reason_form(words, prompt), REASON_SCATTER, frozenset())]
    return [(label, bag, SCATTER, head) for bag, head in concepts.concept_forms(words, prompt, world().names)]


def _plain(needed: tuple[Family, ...]) -> Family | None:
    """The words a bag needs, when each family is one word (a name's): a subset test finds it."""
    return frozenset(w for family in needed for w in family) if all(len(f) == 1 for f in needed) else None


def _with_units(keys: frozenset[Key]) -> frozenset[Key]:
    """A number's key with and without a unit ("5 km" also accepts "5"; "5" accepts "5 km")."""
    return keys.union(*(numbers.unit_variants(k) for k in keys))


def _finish(
    answer: Sequence[tuple[str, ...]],
    index: dict[Key, Label],
    part_keys: list[frozenset[Key]],
    others: dict[str, Key],
    restated: tuple[str, ...],
    bags: Iterable[IdeaBag],
    kinds: tuple[str, ...],
) -> AnswerKey:
    """The lookup sets derived from the index.

    ``neutral`` holds the capitals of answer countries, unless the teacher
    listed one as a distractor: then it is wrong on purpose.
    """
    answer_words = frozenset(w for k, v in index.items() if isinstance(v, int) for w in k)
    idea_words = frozenset(w for k, v in index.items() if isinstance(v, int) and kinds[v] in IDEAS for w in k)
    blockers = ({w for words in others.values() for w in words if len(w) > 3} | world().names) - answer_words
    countries = {v for k, v in world().index.items() if isinstance(index.get(k), int)}
    return AnswerKey(
        parts=tuple(part[0] for part in answer),
        kinds=kinds,
        part_keys=tuple(part_keys),
        index=index,
        vocab=frozenset(w for k in index for w in k) | world().vocab,
        max_words=max([MAX_NAME_WORDS, *map(len, index)]),
        bags=tuple((*bag, _plain(bag[1])) for bag in bags),
        families=any(kind in IDEAS for kind in kinds),
        answer_words=answer_words,
        idea_words=idea_words,
        fuzzy_words=tuple(sorted(w for w in answer_words if len(w) > 3 and w.isalpha())),
        blockers=tuple(sorted(blockers)),
        blocker_set=frozenset(blockers),
        neutral=frozenset(world().capitals[c] for c in countries if c in world().capitals) - set(others),
        offered=frozenset(others),
        restated=frozenset(zip(restated, restated[1:])),
        stated=frozenset(restated),
        number_units=frozenset(
            numbers.unit_of(w)
            for i, part in enumerate(answer)
            if kinds[i] == "number"
            for form in part
            for w in tokens(form, form=True)
            if numbers.is_number(w)
        ),
    )


def surname_forms(words: tuple[str, ...], taken: set[str]) -> list[tuple[str, ...]]:
    """Shorter forms of a person's name: "Assad" and "Bashar Assad" alone stand for it.

    A teacher accepts a family name without the first name ("Assad" for
    "Bashar al-Assad"), so each ending of a name of two or more words that
    keeps its last word is accepted. Not when the name is not a person's:
    its last word is a head noun ("Islamic State", "United States"), a
    country or capital, shorter than four letters ("Deir al-Zor"), or follows
    a place word ("New York"); nor when the last word is also a word of
    another name in play ("Hafez al-Assad" among the distractors). The
    distractors get the same shortcuts, so "Putin" is Vladimir Putin.
    """
    if len(words) < 2 or key(words) in world().index or words[0] in PLACE_MODIFIERS:
        return []
    last = words[-1]
    if len(last) < 4 or not last.isalpha() or last in taken or last in world().vocab:
        return []
    if last in HEAD_NOUNS or last.removesuffix("s") in HEAD_NOUNS or last in concepts.GENERIC_HEADS:
        return []
    return [words[i:] for i in range(1, len(words))]
