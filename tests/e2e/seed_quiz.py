"""The seed article's quiz as a pupil meets it in the browser: its prompts, and how a test finds each question.

Shared by the quiz and self-study browser tests, which answer the same
generated questions on different pages.
"""

BACKERS = "Who backs the Syrian government?"
TRUCES = "Which country backs the truces?"
MILITIAS = "Does the United States back the militias?"
TOWN = "Which town did government forces capture?"
REGION = "Which region is Islamic State’s last major Syrian stronghold?"
PRESIDENT = "Who is Syria’s president?"
CEASEFIRES = "Which of these organized one of the ceasefires in the southwest?"
ASSAD_GAP = "when _____ seemed in danger"  # a cloze (Assad): part of its prompt


def number(seed, prompt_part: str) -> int:
    """The number of the seed question whose prompt contains ``prompt_part``, as the page numbers it."""
    for n, question in enumerate(seed.analysis.questions, start=1):
        if prompt_part in question.prompt:
            return n
    raise AssertionError(f"the seed's quiz no longer asks {prompt_part!r}")


def group(page, prompt: str):
    """The fieldset of a choice, multi or true/false question, found by its legend as a pupil reads it."""
    return page.get_by_role("group", name=prompt)
