"""Hypothesis strategies for valid packs with nasty texts, shared by the interchange tests.

Texts mix letters with GIFT's marks (``~ = # { } :`` and ``\\``), quotes,
percent signs, arrows, brackets, Unicode from several scripts, a no-break
space, U+2028 and the odd characters in ``UNICODE``, and YAML's indicators;
prompts and evidence also get line breaks and tabs. Every
text obeys the documented rules (docs/packs.md): trimmed, no control
characters, line breaks only where allowed, and ``_____`` only as a cloze's gap.
"""

from __future__ import annotations

from hypothesis import strategies as st

from quizapp.text.pack import FEEDBACK_MODES, Pack, PackArticle, PackSettings
from quizapp.text.question import ANSWER_KINDS, BLANK, SKILLS, Question
from quizapp.text.types import Span

NASTY = "ab Zé中😀אß~=#{}:\\'\"%->[]_/*\u00a0\u2028"
WORDS = (
    "Russia",
    "Iran",
    "al-Sukhna",
    "[html]",
    "[plain]x",
    "%50%",
    "T",
    "TRUE",
    "->",
    "//",
    "::",
    "####",
    "\\n",
    "$CATEGORY:",
    "<b>",
    "&amp;",
    "  ",
)
# Unicode that trips encoders: a paragraph separator, BOM and zero-width characters inside a text,
# a right-to-left override, a combining accent with nothing before it, private use, non-characters
# (YAML escapes them), an emoji sequence, a character beyond the BMP; and YAML's own words.
UNICODE = (
    "\u2029",
    "\ufeff",
    "\u200b",
    "\u200d",
    "\u202e",
    "\u0301",
    "\ue000",
    "\uffff",
    "\ufffe",
    "\U0001f469\u200d\U0001f4bb",
    "\U00010000",
    "---",
    "...",
    "&a",
    "*a",
    "!x",
    "? ",
    "- ",
    "|",
    ">",
    " #c",
    "null",
    "~",
    "yes",
    "1e3",
    ".inf",
    "2024-05-03",
    "[html]<b>x</b>",
    "[moodle]",
    "{#1}",
    "=%100%",
)
TOKENS = tuple(NASTY) + WORDS + UNICODE  # sampling tokens is much cheaper for Hypothesis than drawing text


def _valid(text: str) -> bool:
    return bool(text) and BLANK not in text


lines = (
    st.lists(st.sampled_from(TOKENS), min_size=1, max_size=5)
    .map(lambda parts: "".join(parts).strip())
    .filter(_valid)
)
paragraphs = st.tuples(
    st.lists(lines, min_size=1, max_size=3), st.sampled_from(["\n", " ", "\t", "\n\n", "\n  ", " \n"])
).map(lambda items: items[1].join(items[0]))
maybe_paragraphs = st.just("") | paragraphs

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**12), 10**12)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=6),
    lambda inner: st.lists(inner, max_size=2) | st.dictionaries(st.text(max_size=4), inner, max_size=2),
    max_leaves=4,
)


@st.composite
def extras(draw, options: list[str]) -> dict:
    """Extra keys: GIFT's feedback, general feedback and weights, and keys no format knows."""
    extra = {}
    if options and draw(st.booleans()):
        keys = draw(st.lists(st.sampled_from(options), unique=True, max_size=3))
        extra["feedback"] = {key: draw(paragraphs) for key in keys}
    if draw(st.booleans()):
        extra["general_feedback"] = draw(paragraphs)
    if options and draw(st.booleans()):
        keys = draw(st.lists(st.sampled_from(options), unique=True, max_size=2))
        extra["weights"] = {
            key: draw(st.integers(-100, 100) | st.sampled_from([33.33333, 12.5])) for key in keys
        }
    if draw(st.booleans()):
        extra[draw(st.sampled_from(["note", "source_page", "x-tag", "Bloom level"]))] = draw(json_values)
    return extra


def distinct(strategy, min_size, max_size):
    return st.lists(strategy, min_size=min_size, max_size=max_size, unique=True)


@st.composite
def questions(draw, qid: str, paragraphs_of_article: list[str]) -> Question:
    """One valid question of any of the five types."""
    kind = draw(st.sampled_from(["short", "choice", "multi", "truefalse", "cloze"]))
    prompt, choices, distractors = draw(paragraphs), (), ()
    if kind == "truefalse":
        answer = ((draw(st.sampled_from(["true", "false"])),),)
    elif kind in ("choice", "multi"):
        choices = tuple(draw(distinct(lines, 2, 5)))
        rights = draw(
            st.lists(
                st.sampled_from(choices),
                unique=True,
                min_size=1,
                max_size=1 if kind == "choice" else len(choices),
            )
        )
        answer = tuple(
            (right, *draw(distinct(lines, 0, 2).map(lambda fs, r=right: [f for f in fs if f != r])))
            for right in rights
        )
        distractors = tuple(draw(st.lists(st.sampled_from(choices), unique=True, max_size=3)))
    else:
        answer = tuple(tuple(draw(distinct(lines, 1, 3))) for _ in range(draw(st.integers(1, 2))))
        distractors = tuple(draw(distinct(lines, 0, 3)))
        if kind == "cloze":
            before, after = draw(st.just("") | lines), draw(st.sampled_from(["", ".", " x"]) | lines)
            prompt = f"{before} {BLANK}{' ' if after[:1].isalnum() else ''}{after}".strip()
    options = list(choices) or [form for part in answer for form in part] + list(distractors)
    if kind == "truefalse":
        options = ["true", "false"]
    return Question(
        id=qid,
        type=kind,
        prompt=prompt,
        answer=answer,
        choices=choices,
        distractors=distractors,
        evidence=draw(maybe_paragraphs),
        skill=draw(st.sampled_from(SKILLS)),
        difficulty=draw(st.floats(0, 1)),
        evidence_span=draw(spans(paragraphs_of_article)),
        answer_kind=draw(st.sampled_from(("", *ANSWER_KINDS))),
        extra=draw(extras(options)),
    )


@st.composite
def spans(draw, paragraphs_of_article: list[str]) -> Span | None:
    """No span, or one inside the article."""
    if not paragraphs_of_article or draw(st.booleans()):
        return None
    paragraph = draw(st.integers(0, len(paragraphs_of_article) - 1))
    ends = sorted(draw(st.tuples(*[st.integers(0, len(paragraphs_of_article[paragraph]))] * 2)))
    return Span(paragraph, *ends)


@st.composite
def packs(draw, max_questions: int = 4) -> Pack:
    """A valid pack: article, settings and up to ``max_questions`` questions with unique ids."""
    article_paragraphs = draw(st.lists(lines, max_size=3))
    article = PackArticle(
        title=draw(lines),
        text="\n\n".join(article_paragraphs),
        source=draw(st.none() | lines),
        dateline=draw(st.none() | lines),
    )
    ids = draw(distinct(lines | st.sampled_from(["q1", "q2", "q-3"]), 0, max_questions))
    return Pack(
        title=draw(lines),
        article=article,
        description=draw(maybe_paragraphs),
        level=draw(st.just("") | lines),
        questions=tuple(draw(questions(qid, article_paragraphs)) for qid in ids),
        settings=PackSettings(
            draw(st.booleans()),
            draw(st.booleans()),
            draw(st.sampled_from(FEEDBACK_MODES)),
            draw(st.integers(0, 10**6)),
        ),
    )
