"""What counts as giving an answer away on a quiz page, for the leak tests in test_quiz.py."""

import re

from html_tree import Page

KEY_ATTRIBUTES = re.compile(r"^data-.*(answer|correct|key|solution|score|verdict|evidence|feedback)", re.I)
GRADING_WORDS = (
    "Not quite",
    "Partly right",
    "Correct answer",
    "Your answer",
    "No answer given",
    "Your score",
)


def normal(text: str) -> str:
    """Words only, any case, any punctuation: "Al Sukhna" and "al-Sukhna" read the same, as the grader reads them."""
    return " " + " ".join(re.findall(r"\w+", text.casefold())) + " "


def times(form: str, text: str) -> int:
    """How often ``form`` occurs in ``text`` as whole words."""
    return normal(text).count(normal(form))


def answer_leaks(html: str, questions) -> list[str]:
    """Everything in a quiz page that gives an answer away; [] if nothing does.

    The article is on the page on purpose, and questions legitimately quote
    names that are another question's answer, so the check is per question:
    a typed question's accepted forms may appear in its own block only as
    often as its prompt says them, in none of its block's attributes, and in
    no attribute of the form outside the questions (a hidden input).
    Beyond that, nothing pre-selected or pre-filled, no grading vocabulary,
    no data-* key, and no evidence marked in the article.
    """
    page, leaks = Page(html).root, []
    form = page.find("form", class_="quiz-form")
    in_blocks = {id(node) for li in form.find_all("li", class_="question") for node in li.walk()}
    outside = [
        node for node in form.walk() if id(node) not in in_blocks and node.attrs.get("name") != "csrf_token"
    ]
    for n, question in enumerate(questions, start=1):
        if question.type not in ("short", "cloze"):
            continue
        block = page.by_id(f"question-{n}")
        attributes = [
            (node, k, v)
            for node in list(block.walk()) + outside
            for k, v in node.attrs.items()
            if v and k != "action"
        ]  # the URL holds the slug, made of the article's words
        for form_ in {f for part in question.answer for f in part}:
            if times(form_, block.clean_text()) > times(form_, question.prompt):
                leaks.append(f"question {n}: its answer {form_!r} is in its text")
            leaks += [
                f"question {n}: its answer {form_!r} is in {node.tag}[{key}]"
                for node, key, value in attributes
                if times(form_, value)
            ]
        if question.evidence and question.evidence in form.clean_text():
            leaks.append(f"question {n}: its evidence is in the form")
    for node in page.walk():
        leaks += [f"{node.tag}[{key}]" for key in node.attrs if KEY_ATTRIBUTES.match(key)]
        if node.tag == "input" and "checked" in node.attrs:
            leaks.append(f"input {node.attrs.get('id')} is pre-selected")
        if node.tag == "input" and node.attrs.get("type") == "text" and node.attrs.get("value"):
            leaks.append(f"input {node.attrs.get('id')} is pre-filled")
        if {"evidence", "evidence-ref", "verdict", "feedback"} & set(node.attrs.get("class", "").split()):
            leaks.append(f"{node.tag}.{node.attrs['class']} marks or grades something")
        if node.attrs.get("id", "").startswith(("evidence-", "result-")):
            leaks.append(f"#{node.attrs['id']} anchors a result")
    leaks += [f"{word!r} is on the page" for word in GRADING_WORDS if word in page.clean_text()]
    return leaks
