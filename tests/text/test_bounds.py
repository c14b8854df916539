"""The caps on one analysis (issue 14): an article's words, a paragraph's characters, checked before spaCy runs."""

import pytest

from quizapp.text import pipeline
from quizapp.text.errors import InputError
from quizapp.text.reading import cleaning
from quizapp.text.reading.bounds import MAX_ARTICLE_WORDS, MAX_PARAGRAPH_CHARS, Bounds, TooLong

SENTENCE = "Heavy rain closed twelve schools in the valley on Monday. "


class NoParse:
    """A spaCy stand-in that fails the test if anything reaches the parser."""

    def pipe(self, texts):
        raise AssertionError("the parser was reached")

    __call__ = pipe


def test_a_paragraph_over_the_cap_is_refused_and_the_message_states_the_cap():
    """Paragraphs are counted as pasted, the headline first, so the teacher finds the one to split."""
    paragraph = SENTENCE * (MAX_PARAGRAPH_CHARS // len(SENTENCE) + 1)
    with pytest.raises(TooLong) as refused:
        cleaning.clean(f"Floods close schools\n\nA short first paragraph.\n\n{paragraph}")
    message = str(refused.value)
    assert "Paragraph 3" in message and f"{len(paragraph.strip()):,} characters" in message
    assert f"up to {MAX_PARAGRAPH_CHARS:,} characters" in message and "blank line" in message


def test_an_article_over_the_word_cap_is_refused_and_the_message_states_the_cap():
    paragraphs = [f"Paragraph {n}: {SENTENCE * 10}" for n in range(MAX_ARTICLE_WORDS // 100 + 1)]
    with pytest.raises(TooLong) as refused:
        cleaning.clean("\n\n".join(paragraphs))
    assert f"up to {MAX_ARTICLE_WORDS:,} words" in str(refused.value) and "in parts" in str(refused.value)


def test_a_long_feature_is_well_inside_the_caps():
    feature = "\n\n".join(f"Paragraph {n}: {SENTENCE * 12}" for n in range(100))  # about 12,000 words
    assert len(cleaning.clean(feature).paragraphs) == 100


def test_an_article_pasted_twice_is_counted_once():
    bounds = Bounds(max_words=1_500)
    once = "\n\n".join(f"Paragraph {n}: {SENTENCE * 9}" for n in range(12))  # about 1,200 words
    assert len(cleaning.clean(once + "\n\n" + once, bounds=bounds).paragraphs) == 12


def test_the_caps_are_the_callers_to_set():
    text = f"Floods close schools\n\n{SENTENCE * 3}"
    with pytest.raises(TooLong, match="up to 20 words"):
        cleaning.clean(text, bounds=Bounds(max_words=20))
    with pytest.raises(TooLong, match="up to 100 characters"):
        cleaning.clean(text, bounds=Bounds(max_paragraph_chars=100))


def test_a_paragraph_of_a_million_characters_is_refused_before_the_parser():
    """It was a 500 (spaCy's own limit), and 880 KB took a worker to 2.9 GB: now a clear error, nothing parsed."""
    huge = SENTENCE * (1_100_000 // len(SENTENCE))
    with pytest.raises(InputError, match=f"up to {MAX_PARAGRAPH_CHARS:,} characters"):
        pipeline.analyse(f"Floods close schools\n\n{huge}", NoParse())
