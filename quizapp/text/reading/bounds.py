"""How much text one analysis takes: a cap on the article's words and on each paragraph's characters.

The parse costs time in proportion to the words, and memory in proportion to
the longest paragraph (spaCy parses a paragraph as one document): one pasted
880 KB paragraph took a worker to 2.9 GB, and over 1,000,000 characters spaCy
refuses the text outright. So the cleaner checks both before anything is
parsed, and every entry point (the web form, ``quizapp analyze``,
``prepare``, pack imports) refuses an oversized text with a message that
states the cap. The defaults are far above anything a class reads (a long
magazine feature is about 10,000 words; a long paragraph about 2,000
characters); an admin may change them (``MAX_ARTICLE_WORDS`` and
``MAX_PARAGRAPH_CHARS`` in config.py; docs/performance.md has what each
costs).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from quizapp.text.errors import InputError

MAX_ARTICLE_WORDS = 50_000  # docs/performance.md: analysed in well under a minute
MAX_PARAGRAPH_CHARS = 30_000  # about 5,000 words: a whole article pasted with no line break still fits


class TooLong(InputError):
    """The article, or one of its paragraphs, is over its cap."""


@dataclass(frozen=True)
class Bounds:
    """The caps one analysis is held to."""

    max_words: int = MAX_ARTICLE_WORDS
    max_paragraph_chars: int = MAX_PARAGRAPH_CHARS

    def check(self, paragraphs: Sequence[str]) -> None:
        """Raise ``TooLong``, stating the cap, if the paragraphs are too long together or one alone is."""
        for number, paragraph in enumerate(paragraphs, 1):
            if len(paragraph) > self.max_paragraph_chars:
                raise TooLong(
                    f"Paragraph {number} is {len(paragraph):,} characters long; paragraphs of up to "
                    f"{self.max_paragraph_chars:,} characters are accepted. Put a blank line between its "
                    "paragraphs (text copied without line breaks runs together)."
                )
        words = sum(len(paragraph.split()) for paragraph in paragraphs)
        if words > self.max_words:
            raise TooLong(
                f"The article is {words:,} words long; articles of up to {self.max_words:,} words are "
                "accepted. Add it in parts, one article each."
            )


DEFAULT = Bounds()
