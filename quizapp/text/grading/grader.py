"""Grading a pupil's response the way a fair teacher marks it, with feedback.

``grade(question, response)`` never raises on what a pupil sends: empty,
huge, HTML, emoji or another script all get a ``Grade``. The rules (see
docs/grading.md for the teachers' version):

* Typed answers (``short``, ``cloze``) are read for the *names* and
  *ideas* they mention (``answer_match.mentions``): case, punctuation,
  articles, "al-", word order and small typos do not matter; nationalities
  count for their country; a family name stands for a person and a core
  name for a place; an idea needs its telling words, a number may be
  written any way, a reason's key phrases may come in the pupil's own
  words (``concepts``, ``numbers``). A name that is another real
  thing (a distractor, any country, nationality or capital) is that thing,
  not a typo, and counts against the pupil as a *wrong item*, unless it is
  negated ("not Iraq"), restates the question, or comes in an explanation
  after "because".
* Score = max(0, parts named - 0.5 x wrong items) / parts. Naming a wrong
  item costs half a part, so hedging ("al-Sukhna or Damascus") earns half,
  and listing everything cannot earn full marks.
* ``choice``: the pick must be a form of the answer. ``multi``: max(0, right
  picks - wrong picks) / parts. ``truefalse``: yes/no/t/f and the like, with
  "not true" read as false.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Any

from quizapp.text.grading.answer_key import AnswerKey, answer_key, world
from quizapp.text.grading.answer_match import Mention, mentions
from quizapp.text.grading.answers import MAX_CHARS, key, tokens
from quizapp.text.grading.numbers import is_number, unit_of
from quizapp.text.question import Question

# The grader's vocabulary, defined here once: models, services and pages import it.
VERDICTS = ("correct", "partial", "incorrect")  # what ``Grade.verdict`` can be, best first
CORRECT = "Correct."  # the feedback when there is nothing to add to the verdict
NO_ANSWER = "No answer given."
MAX_RESPONSE_CHARS = 500  # the longest answer a form or a class save takes: far above a real one
MAX_PICKS = 50  # the most options one ``multi`` response may pick
PENALTY = 0.5  # credit a wrong item costs, in parts
NEGATORS = frozenset({"not", "never", "nor", "neither", "without", "except"})
# After these the pupil explains; names there are not offered as the answer.
REASONS = frozenset({"because", "since", "cause", "cuz", "coz", "bc", "while", "whereas", "unlike"})
# A name right after one of these is what the answer acts on or where it is
# ("fight Islamic State", "near the Iraqi border"), not a second answer.
RELATIONS = frozenset(
    """from against near in inside on at to into onto of over under than toward towards
    after before during until with
    across around between within outside about through via for back support help fight attack capture
    defeat bomb strike seize oppose beat kill invade take retake hold control border want hail say
    said tell told blame accuse""".split()
)
CLAUSE_BREAKS = frozenset({"but", "though", "although", "however"})
TRUE_WORDS = frozenset({"true", "t", "yes", "y", "yeah", "yep", "yup", "correct", "right", "agree"})
FALSE_WORDS = frozenset({"false", "f", "no", "n", "nope", "wrong", "incorrect", "untrue", "disagree"})
_LETTER = re.compile(r"\(?([a-hA-H]|[1-8])[).:]?")
_PICK_SPLIT = re.compile(r"[,;/&|+\n]")
_JOINERS = re.compile(r"\b(?:and|or|plus)\b", re.I)
# What a grader gives: the score before clamping, the parts named, the feedback.
Marked = tuple[float, set[int], str]


@dataclass(frozen=True)
class Grade:
    """A response's mark: 0..1, a verdict, which parts it got, and what to tell the pupil."""

    score: float
    verdict: str
    matched: tuple[bool, ...]
    feedback: str
    answer: str
    evidence: str

    @property
    def feedback_adds(self) -> bool:
        """Whether the feedback says more than the verdict does (pages show it only then)."""
        return feedback_adds(self.feedback)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape the CLI and the API send."""
        return {
            "score": self.score,
            "verdict": self.verdict,
            "matched": list(self.matched),
            "feedback": self.feedback,
            "answer": self.answer,
            "evidence": self.evidence,
        }


def feedback_adds(feedback: str) -> bool:
    """Whether a grade's feedback says more than its verdict: not empty, not "Correct.", not "No answer given."."""
    return bool(feedback) and feedback not in (CORRECT, NO_ANSWER)


def grade(question: Question, response: object) -> Grade:
    """Mark ``response`` (text, or a list of picks for ``multi``) against ``question``."""
    ak = answer_key(question)
    grader = GRADERS.get(question.type, grade_typed)
    score, hits, feedback = grader(question, ak, response)
    score = round(min(1.0, max(0.0, score)), 4)
    verdict = "correct" if score >= 1 else "incorrect" if score <= 0 else "partial"
    return Grade(
        score,
        verdict,
        tuple(i in hits for i in range(len(ak.parts))),
        feedback,
        question.shown_answer,
        question.evidence,
    )


def grade_typed(question: Question, ak: AnswerKey, response: object) -> Marked:
    """Short and cloze answers: the parts named, less half a part per wrong item."""
    words = tokens(as_text(response))
    if not words:
        return 0.0, set(), NO_ANSWER
    found = [m for m in mentions(words, ak) + other_numbers(words, ak) if not negated(words, m)]
    hits = {m.label for m in found if isinstance(m.label, int)}  # m.is_answer
    reason = next((i for i, w in enumerate(words) if w in REASONS), len(words))
    wrong = list(
        dict.fromkeys(
            m.label
            for m in found
            if isinstance(m.label, str)  # answers never count against
            and m.start < reason
            and counts_against(words, m, ak)
        )
    )
    explains = "reason" in ak.kinds
    if explains:  # an explanation names other things on its way: only the teacher's wrong answers cost
        wrong = [label for label in wrong if label in ak.offered]
    score = (len(hits) - PENALTY * len(wrong)) / len(ak.parts)
    if explains:
        return score, hits, reason_feedback(ak, score, hits, wrong)
    spelled = sorted({m.label for m in found if isinstance(m.label, int) and m.fuzzy} - _exact_labels(found))
    named = [label for label in wrong if not is_number(label)]  # a pupil's number is not repeated back
    return (
        score,
        hits,
        feedback(question, ak, score, hits, named, spelled, "named", len(wrong) - len(named), "number"),
    )


def reason_feedback(ak: AnswerKey, score: float, hits: Collection[int], wrong: list[str]) -> str:
    """What a why/how answer gave and which key phrases it left out: 'the answer also needs "fewer jobs"'."""
    if score >= 1:
        return CORRECT
    quoted = [f"“{part}”" for part in ak.parts]
    also = f", and {listing(wrong)} {'is' if len(wrong) == 1 else 'are'} not part of it" if wrong else ""
    if not hits:
        return f"Not quite: the answer needs {listing(quoted)}{also}."
    gave = listing([q for i, q in enumerate(quoted) if i in hits])
    missing = listing([q for i, q in enumerate(quoted) if i not in hits])
    return (
        f"Partly right: you gave {gave}; the answer also needs {missing}{also}."
        if missing
        else f"Partly right: you gave {gave}{also}."
    )


def other_numbers(words: tuple[str, ...], ak: AnswerKey) -> list[Mention]:
    """Numbers that are not the answer's, when a number is asked for: "3 or 4" hedges like "Iran or Iraq".

    A number with a unit of another kind offers no other answer: for
    "1989", "1990" does and "28 years" does not; for "57 km", "75 km" and a
    bare "58" do and "35 miles" does not. A number the prompt or the text
    already says is not offered as an answer either.
    """
    if not ak.number_units:
        return []
    return [
        Mention(w, i, i + 1)
        for i, w in enumerate(words)
        if is_number(w)
        and w not in ak.answer_words
        and w not in ak.stated
        and unit_of(w) in ak.number_units | {""}
    ]


def _exact_labels(found: list[Mention]) -> set[int | str]:
    """Parts also spelled right somewhere: no spelling note for those."""
    return {m.label for m in found if m.is_answer and not m.fuzzy}


def negated(words: tuple[str, ...], mention: Mention) -> bool:
    """ "not Russia", "neither Russia nor Iran": the pupil says it is *not* that."""
    return mention.start > 0 and words[mention.start - 1] in NEGATORS


def counts_against(words: tuple[str, ...], mention: Mention, ak: AnswerKey) -> bool:
    """Whether a name that is not the answer costs credit.

    Not when it is the capital of an answer country (a newsroom's way of
    naming it), when it follows a preposition or a verb ("Russia and Iran
    fight *Islamic State*": a sentence about the answer, not a hedge), or
    when the pupil is copying the question or the text
    ("the *Syrian government* is backed by ...", "*Damascus hailed* the
    capture of al-Sukhna"): a word pair from the prompt or the evidence.
    """
    if mention.is_answer or mention.label in ak.neutral:
        return False
    if mention.start and related(words[mention.start - 1]):
        return False
    before = (words[mention.start - 1], words[mention.start]) if mention.start else None
    after = (words[mention.end - 1], words[mention.end]) if mention.end < len(words) else None
    return before not in ak.restated and after not in ak.restated


def related(word: str) -> bool:
    """Whether ``word`` is a preposition or a verb of acting on ("backs", "fought", "capturing")."""
    return any(form in RELATIONS for form in (word, word[:-1], word[:-2], word[:-3]))


def grade_choice(question: Question, ak: AnswerKey, response: object) -> Marked:
    """The picked option must be a form of the first part; a letter ("b") picks by position."""
    text = as_text(response)
    if text.strip() in question.choices:  # an option as offered: folding must not confuse two options
        right = text.strip() in question.answer[0]
        return (1.0, {0}, CORRECT) if right else (0.0, set(), f"Not quite: the answer is {ak.parts[0]}.")
    picked = key(tokens(text))  # what a pupil typed, read as typed: "AL-SUKHNA" is no abbreviation
    letter = _LETTER.fullmatch(text.strip())
    if letter and question.choices and not any(picked in keys for keys in ak.part_keys):
        picked = _choice_by_position(question.choices, letter.group(1)) or picked
    if not picked:
        return 0.0, set(), NO_ANSWER
    if picked in ak.part_keys[0]:
        return 1.0, {0}, CORRECT
    return 0.0, set(), f"Not quite: the answer is {ak.parts[0]}."


def _choice_by_position(choices: tuple[str, ...], mark: str) -> tuple[str, ...] | None:
    """ "b" or "2" -> the key of the second choice, if there is one."""
    index = int(mark) - 1 if mark.isdigit() else ord(mark.lower()) - ord("a")
    return key(tokens(choices[index], form=True)) if index < len(choices) else None


def grade_multi(question: Question, ak: AnswerKey, response: object) -> Marked:
    """Right picks less wrong picks, over the number of parts."""
    picks = [p for p in (_pick(p, question, ak) for p in as_picks(response, ak)) if p]
    if not picks:
        return 0.0, set(), NO_ANSWER
    hits: set[int] = set()
    wrong: dict[tuple[str, ...] | str, str | None] = {}
    for pick, part, label in picks:
        if part is None:
            wrong[pick] = label
        else:
            hits.add(part)
    score = (len(hits) - len(wrong)) / len(ak.parts)
    named = [label for label in wrong.values() if label]
    unnamed = len(wrong) - len(named)
    return score, hits, feedback(question, ak, score, hits, named, [], "picked", unnamed, "pick")


def _pick(
    text: str, question: Question, ak: AnswerKey
) -> tuple[tuple[str, ...] | str, int | None, str | None] | None:
    """One pick as (what it is, the part it names or None, the name it is if wrong); None if it is nothing.

    An option exactly as offered is taken as that option, so an emoji or two
    options that fold alike ("al-Sukhna", "Sukhna") are still told apart.
    """
    if text.strip() in question.choices:
        option = text.strip()
        return option, next((i for i, part in enumerate(question.answer) if option in part), None), option
    pick = key(tokens(text))
    if not pick:
        return None
    label = ak.index.get(pick) or world().index.get(pick)
    return pick, _part_of(pick, ak), label if isinstance(label, str) else None


def _part_of(pick: tuple[str, ...], ak: AnswerKey) -> int | None:
    """The part a pick names: exactly a form, else a typed answer naming just that part."""
    for i, keys in enumerate(ak.part_keys):
        if pick in keys:
            return i
    found = mentions(pick, ak)
    labels = {m.label for m in found}
    return found[0].label if len(labels) == 1 and isinstance(found[0].label, int) else None  # is_answer


def as_picks(response: object, ak: AnswerKey) -> list[str]:
    """A list as given; a string split at commas, slashes, "&", and "and"/"or" between options."""
    if isinstance(response, (list, tuple)):
        return [as_text(r, depth=1) for r in response[:MAX_PICKS]]
    picks = []
    for piece in _PICK_SPLIT.split(as_text(response))[:MAX_PICKS]:
        known = key(tokens(piece)) in ak.index
        picks += [piece] if known else _JOINERS.split(piece)
    return picks[:MAX_PICKS]


def grade_truefalse(question: Question, ak: AnswerKey, response: object) -> Marked:
    """Any clear yes or no; "not true" is false, "true and false" is no answer."""
    words = tokens(as_text(response))
    if not words:
        return 0.0, set(), NO_ANSWER
    said = truth(words)
    expected = truth(tokens(ak.parts[0], form=True))
    if said is None:
        return 0.0, set(), "Answer true or false."
    if said == expected:
        return 1.0, {0}, CORRECT
    return 0.0, set(), f"Not quite: the statement is {'true' if expected else 'false'}."


def truth(words: tuple[str, ...]) -> bool | None:
    """The one truth value ``words`` state, flipped by a "not" shortly before it."""
    values: set[bool] = set()
    for i, word in enumerate(words):
        value = True if word in TRUE_WORDS else False if word in FALSE_WORDS else None
        if value is None:
            continue
        for before in reversed(words[max(0, i - 4) : i]):
            if before in CLAUSE_BREAKS:
                break
            if before in NEGATORS:
                value = not value
                break
        values.add(value)
    return values.pop() if len(values) == 1 else None


def feedback(
    question: Question,
    ak: AnswerKey,
    score: float,
    hits: Collection[int],
    wrong: list[str],
    spelled: Sequence[int],
    verb: str,
    unnamed: int = 0,
    other: str = "pick",
) -> str:
    """One sentence that says what was right, what is missing and what is wrong.

    ``wrong`` are the wrong names; ``unnamed`` counts wrong picks (or
    numbers: ``other``) that name nothing known, which are counted rather
    than repeated back.
    """
    if score >= 1:
        return f"Correct (spelled {listing([ak.parts[i] for i in spelled])})." if spelled else CORRECT
    if score <= 0:
        also = f", not {listing(wrong, 'or')}" if wrong else ""
        return f"Not quite: the answer is {question.shown_answer}{also}."
    named = listing([ak.parts[i] for i in sorted(hits)])
    missing = listing([p for i, p in enumerate(ak.parts) if i not in hits])
    wrong = wrong + ([f"{unnamed} other {other}{'s' if unnamed > 1 else ''}"] if unnamed else [])
    is_are = "is" if len(wrong) == 1 and not unnamed > 1 else "are"
    if missing and wrong:
        return (
            f"Partly right: you {verb} {named}; the answer also includes {missing}, "
            f"and {listing(wrong)} {is_are} not part of it."
        )
    if missing:
        return f"Partly right: you {verb} {named}; the answer also includes {missing}."
    return (
        f"Partly right: {named} {'is' if len(hits) == 1 else 'are'} right, but {listing(wrong)} {is_are} not."
    )


def listing(names: list[str], joiner: str = "and") -> str:
    """ "A", "A and B", "A, B and C"."""
    names = list(names)
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {joiner} {names[-1]}" if names else ""


def as_text(response: object, depth: int = 0) -> str:
    """Whatever was sent, as text: None is nothing, a list its items, bytes decoded."""
    if isinstance(response, str):
        return response
    if response is None or depth > 1:
        return ""
    if isinstance(response, bool):
        return "true" if response else "false"
    if isinstance(response, (int, float)):  # a 5,000-digit number has no digits worth reading
        return str(response) if not isinstance(response, int) or response.bit_length() < 300 else ""
    if isinstance(response, bytes):
        return response[: MAX_CHARS * 4].decode("utf-8", "replace")
    if isinstance(response, (list, tuple)):
        return ", ".join(as_text(r, depth + 1) for r in response[:MAX_PICKS])
    return ""


GRADERS: dict[str, Callable[[Question, AnswerKey, object], Marked]] = {
    "short": grade_typed,
    "cloze": grade_typed,
    "choice": grade_choice,
    "multi": grade_multi,
    "truefalse": grade_truefalse,
}
