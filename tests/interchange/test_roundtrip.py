"""Export then import gives back an identical pack, in every format, for packs with nasty texts.

One property checks all four formats on each generated pack, which keeps
the run fast: Hypothesis spends most of its time making packs, not reading
them.
"""

from __future__ import annotations

import pytest
from hypothesis import example, given
from properties import examples  # the fixed-seed profile for `make test` (tests/properties.py)

from quizapp.interchange import PackFormatError, dump, load
from quizapp.interchange.files import guess_format
from quizapp.interchange.validate import problems
from quizapp.text.pack import Pack, PackArticle
from quizapp.text.question import Question

from .strategies import packs

EMPTY = Pack(title="Empty", article=PackArticle(title="Nothing yet", text=""))


def gift_can_hold(pack: Pack) -> bool:
    """GIFT reads '->' in a typed answer as a matching question (docs/packs.md); such packs are refused."""
    return not any(
        "->" in text for q in pack.questions if q.type in ("short", "cloze") for text in gift_forms(q)
    )


def gift_forms(question: Question) -> tuple[str, ...]:
    """The typed answers GIFT is given: the forms, or the shown answer of a two-part answer."""
    forms = question.answer[0] if len(question.answer) == 1 else (question.shown_answer,)
    return (*forms, *question.distractors)


@examples(200)
@given(pack=packs())
@example(pack=EMPTY)
@example(
    pack=Pack(
        title="a",
        article=PackArticle(title="---", text="\uffff"),
        questions=(  # make fuzz found it: XML
            Question(
                id="aa",
                type="choice",
                prompt="a",
                answer=(("\ufffe",),),  # holds neither U+FFFE nor U+FFFF
                choices=("aaaa", "a", "\ufffe", "\uffff"),
                distractors=("aaaa",),
            ),
        ),
    )
)
def test_export_then_import_gives_the_same_pack(pack):
    assert problems(pack) == []
    for fmt in ("json", "yaml", "gift", "xml"):
        if fmt == "gift" and not gift_can_hold(pack):
            with pytest.raises(PackFormatError, match="matching question"):
                dump(pack, fmt)
            continue
        text = dump(pack, fmt)
        result = load(text, fmt)
        assert result.pack == pack, fmt
        assert fmt in ("gift", "xml") or result.skipped == []  # Moodle's formats note the weights they keep
        assert guess_format(text, "pack") == fmt


@pytest.mark.parametrize("fmt", ["json", "yaml", "gift", "xml"])
def test_a_typed_answer_with_an_arrow_is_refused_only_by_gift(fmt):
    question = Question(id="q1", type="short", prompt="Which way?", answer=(("north->south",),))
    pack = Pack(title="Arrows", article=PackArticle(title="Maps", text="A map."), questions=(question,))
    if fmt == "gift":
        with pytest.raises(PackFormatError, match=r"q1.*'->'.*matching question.*YAML or JSON"):
            dump(pack, fmt)
    else:
        assert load(dump(pack, fmt), fmt).pack == pack
