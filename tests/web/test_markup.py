"""The pure paragraph renderer: nesting, overlaps, escaping, spans at the paragraph's edges."""

import re
from html.parser import HTMLParser

import pytest
from factories import seed_analysis

from quizapp.text.types import Actor, HardSentence, Mention, Span
from quizapp.web.reading.markup import anchor_id, render_article, render_paragraph, role_id

ACTORS = {
    "a": Actor("a", "Alice", "person", (), "the teacher", 2),
    "b": Actor("b", "Bob", "person", (), "a pupil", 1),
}


def mention(actor, start, end, paragraph=0):
    return Mention(actor, Span(paragraph, start, end), "")


def hard(start, end, paragraph=0, reason="long"):
    return HardSentence(Span(paragraph, start, end), "", 14.0, reason)


TIP = re.compile(r'<span class="tip" aria-hidden="true"><span class="tip-name">[^<]*</span>[^<]*</span>')


def strip_tips(html):
    """The markup without tooltips, to compare structure."""
    return TIP.sub("", str(html))


class _Text(HTMLParser):
    """Collects the text a sighted reader sees: no tooltips, no visually-hidden labels."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.stack = [], []

    def handle_starttag(self, tag, attrs):
        if tag != "span":
            return
        classes = dict(attrs).get("class", "")
        self.stack.append(classes in ("tip", "visually-hidden") or bool(self.stack and self.stack[-1]))

    def handle_endtag(self, tag):
        if tag == "span":
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]):
            self.parts.append(data)


def visible_text(html):
    """What the paragraph says, unescaped, with every tag, tooltip and hidden label removed."""
    parser = _Text()
    parser.feed(str(html))
    return "".join(parser.parts)


def test_plain_text_is_escaped_and_unchanged():
    html = render_paragraph('Tom & "Jerry" <b>', [], [], {})
    assert str(html) == "Tom &amp; &#34;Jerry&#34; &lt;b&gt;"


def test_mention_links_to_glossary_with_role_tooltip():
    html = str(render_paragraph("Hello Alice!", [mention("a", 6, 11)], [], ACTORS))
    assert '<a class="mention" href="#actor-a" aria-describedby="role-a">Alice' in html
    assert (
        '<span class="tip" aria-hidden="true"><span class="tip-name">Alice</span> the teacher</span></a>!'
        in html
    )


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [(0, 5, "Alice"), (10, 15, "Alice"), (0, 15, "Alice met Alice")],
    ids=["paragraph-start", "paragraph-end", "whole-paragraph"],
)
def test_spans_at_paragraph_edges(start, end, text):
    html = render_paragraph("Alice met Alice", [mention("a", start, end)], [hard(start, end)], ACTORS)
    assert text in strip_tips(html)
    assert visible_text(html) == "Alice met Alice"
    assert str(html).count("<a ") == str(html).count("</a>") == 1
    assert str(html).count("<mark") == str(html).count("</mark>") == 1


def test_spans_are_clipped_to_the_paragraph():
    html = render_paragraph("Alice", [mention("a", -3, 50)], [hard(2, 99)], ACTORS)
    assert visible_text(html) == "Alice"


def test_empty_and_inverted_spans_are_ignored():
    html = render_paragraph("Alice", [mention("a", 3, 3), mention("a", 4, 1)], [hard(2, 2)], ACTORS)
    assert str(html) == "Alice"


def test_mention_inside_hard_sentence_nests():
    text = "Short one. Then Alice spoke at length."
    html = strip_tips(render_paragraph(text, [mention("a", 16, 21)], [hard(11, 38)], ACTORS))
    assert html.startswith('Short one. <mark class="hard"')
    assert re.search(
        r'<mark[^>]*><span class="visually-hidden">Hard sentence: </span>Then <a [^>]*>Alice</a> spoke', html
    )
    assert html.endswith("at length.</mark>")


def test_mention_crossing_a_hard_sentence_edge_is_split_and_stays_nested():
    text = "Alice Smith waved."
    # mention "Alice Smith" (0-11) crosses the hard sentence starting at 6
    html = strip_tips(render_paragraph(text, [mention("a", 0, 11)], [hard(6, 18)], ACTORS))
    assert html.count('<a class="mention"') == 2
    first, second = re.findall(r"<a [^>]*>", html)
    assert "tabindex" not in first and 'tabindex="-1"' in second  # one tab stop per mention
    assert re.fullmatch(
        r"<a [^>]*>Alice </a><mark [^>]*><span [^>]*>Hard sentence: </span><a [^>]*>Smith</a> waved\.</mark>",
        html,
    )


def test_overlapping_mentions_keep_the_earlier_then_longer():
    text = "U.S.-backed militias and Bob"
    mentions = [mention("b", 0, 4), mention("a", 0, 20), mention("b", 25, 28), mention("b", 10, 22)]
    html = strip_tips(render_paragraph(text, mentions, [], ACTORS))
    assert re.findall(r'href="#(actor-\w)"[^>]*>([^<]*)', html) == [
        ("actor-a", "U.S.-backed militias"),
        ("actor-b", "Bob"),
    ]


def test_overlapping_hard_sentences_merge():
    html = render_paragraph("one two three four", [], [hard(0, 9), hard(4, 18)], {})
    assert str(html).count("<mark") == 1 and visible_text(html) == "one two three four"


def test_mention_of_unknown_actor_stays_plain_text():
    assert str(render_paragraph("Carol", [mention("zzz", 0, 5)], [], ACTORS)) == "Carol"


def test_hostile_text_names_and_roles_are_escaped():
    evil = Actor(
        'x" onmouseover="alert(1)',
        "<img src=x onerror=alert(1)>",
        "person",
        (),
        "<script>alert(2)</script>",
        1,
    )
    text = "<script>alert(3)</script> and more"
    html = str(
        render_paragraph(
            text, [Mention(evil.id, Span(0, 0, 8), "")], [hard(0, 34, reason='"><b>x</b>')], {evil.id: evil}
        )
    )
    assert "<script>" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html and "alert(3)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "&lt;script&gt;alert(2)&lt;/script&gt;" in html
    assert visible_text(html) == text
    assert 'href="#actor-x--onmouseover--alert-1-"' in html  # ids keep to [A-Za-z0-9_-]


@pytest.mark.parametrize(
    ("actor_id", "expected"), [("bashar-assad", "actor-bashar-assad"), ("u.s. army", "actor-u-s--army")]
)
def test_anchor_ids_are_html_safe(actor_id, expected):
    assert anchor_id(actor_id) == expected
    assert role_id(actor_id) == expected.replace("actor-", "role-", 1)


def test_render_article_puts_each_span_in_its_own_paragraph():
    analysis = seed_analysis()
    paragraphs = render_article(analysis)
    assert len(paragraphs) == 5
    linked = sum(str(p).count('<a class="mention"') for p in paragraphs)
    assert linked == len(analysis.mentions)
    assert "<mark" in str(paragraphs[0]) and all("<mark" not in str(p) for p in paragraphs[1:])
    for i, p in enumerate(paragraphs):
        assert visible_text(p) == analysis.article.paragraphs[i]
