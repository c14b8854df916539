"""The reading pages as a reader gets them: the seed through the real pipeline, escaping, 404s, stored analyses."""

from html.parser import HTMLParser

import pytest

from quizapp import create_app
from quizapp.services import articles as articles_service

pytestmark = pytest.mark.db

SEED_SLUG = "reuters-syria-new-phase"
SEED_URL = f"/articles/{SEED_SLUG}"
# One distinctive phrase from each of the five cleaned paragraphs, in order.
PARAGRAPH_PHRASES = (
    "entered a new phase as President",
    "steal a march on",
    "unthinkable two years ago",
    "shifted down several gears",
    "refugee crisis of historic proportions",
)


class Page(HTMLParser):
    """Just enough of a DOM for these tests: ids, links, and the text of the article body."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.ids, self.hrefs, self.tags = set(), [], []
        self.body_paragraphs: list[str] = []
        self._in_body = self._in_p = self._hidden = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a":
            self.hrefs.append((attrs.get("class"), attrs.get("href")))
        if attrs.get("class") == "article-body":
            self._in_body = 1
        elif self._in_body and tag == "div":
            self._in_body += 1
        if self._in_body and tag == "p":
            self._in_p, self._hidden = 1, 0
            self.body_paragraphs.append("")
        if self._in_p and tag == "span":
            self._hidden += 1 if (self._hidden or attrs.get("class") in ("tip", "visually-hidden")) else 0

    def handle_endtag(self, tag):
        if self._in_body and tag == "div":
            self._in_body -= 1
        if tag == "p":
            self._in_p = 0
        if self._in_p and tag == "span" and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if self._in_p and not self._hidden:
            self.body_paragraphs[-1] += data


@pytest.fixture
def seed_page(client, seed_article):
    """The seed article's page, rendered from the real pipeline's stored analysis."""
    response = client.get(SEED_URL)
    assert response.status_code == 200
    return response


@pytest.fixture
def seed_analysis(seed_article):
    """The analysis the page is rendered from."""
    return seed_article.analysis


def add_article(app, raw: str, slug: str):
    """Store ``raw`` under ``slug`` through whatever pipeline the test runs (real, counted or stubbed)."""
    with app.app_context():
        articles_service.add_article(raw, model=app.config["SPACY_MODEL"], slug=slug)


def test_index_lists_the_seed_with_its_title_and_link(client, seed_analysis):
    page = client.get("/").get_data(as_text=True)
    assert f'href="{SEED_URL}"' in page
    title = seed_analysis.article.title or "Reuters Syria New Phase"
    assert f">{title}</a>" in page
    assert "Reuters" in page and seed_analysis.readability.band in page
    assert f"{seed_analysis.readability.words} words" in page


def test_an_empty_library_says_how_to_fill_it(client):
    page = client.get("/").get_data(as_text=True)
    assert "No articles yet" in page and "quizapp prepare" in page


def test_article_shows_metadata_and_exactly_the_five_paragraphs(seed_page):
    page = Page(seed_page.get_data(as_text=True))
    html = seed_page.get_data(as_text=True)
    assert '<span class="source">Reuters</span> · <span class="dateline">Beirut</span>' in html
    assert len(page.body_paragraphs) == 5
    for paragraph, phrase in zip(page.body_paragraphs, PARAGRAPH_PHRASES):
        assert phrase in paragraph
    assert not any("Reuters, Beirut" in p for p in page.body_paragraphs)


def test_article_body_is_the_cleaned_text_verbatim(seed_page, seed_analysis):
    assert Page(seed_page.get_data(as_text=True)).body_paragraphs == list(seed_analysis.article.paragraphs)


def test_readability_panel_shows_grade_band_formulas_and_counts(seed_page, seed_analysis):
    html = seed_page.get_data(as_text=True)
    r = seed_analysis.readability
    assert f'<span class="grade-value" data-testid="grade">{r.grade_level:.1f}</span>' in html
    assert f'<span class="band" data-testid="band">{r.band}</span>' in html
    assert '<svg class="gauge"' in html and f"Grade level {r.grade_level:.1f} on a scale" in html
    for name in (
        "Flesch reading ease",
        "Flesch–Kincaid",
        "Gunning fog",
        "SMOG",
        "Coleman–Liau",
        "ARI",
        "Dale–Chall",
    ):
        assert f'{name} <span class="hint">' in html
    assert f"{r.flesch_reading_ease:.1f}" in html and f"{r.dale_chall_readability_score:.1f}" in html
    assert f"<strong>{r.words}</strong> words" in html and f"<strong>{r.sentences}</strong> sentences" in html
    for word in r.difficult_word_list[:5]:
        assert f"<li>{word}</li>" in html


def test_readability_panel_says_cefr_uk_year_and_why(seed_page, seed_analysis):
    """The model's level on the scales teachers use, and its three largest reasons in plain words."""
    html = seed_page.get_data(as_text=True)
    r = seed_analysis.readability
    assert r.cefr in {"C1", "C2"} and len(r.level_reasons) == 3
    assert f'<strong data-testid="cefr">{r.cefr}</strong>' in html
    assert f'UK <strong data-testid="uk-year">{r.uk_year}</strong>' in html
    assert f'<span class="level-why-label">Why:</span>\n      {", ".join(r.level_reasons)}</p>' in html
    assert f"{r.band}, CEFR {r.cefr}</title>" in html  # the gauge's text alternative says it too
    assert "The classic formulas, for comparison" in html


def test_an_analysis_stored_before_the_model_shows_without_its_fields(app, client, stub_pipeline):
    """Stored before CEFR, year and reasons existed: the panel shows what it has and nothing empty."""
    from factories import seed_raw

    add_article(app, seed_raw(), "old-analysis")
    html = client.get("/articles/old-analysis").get_data(as_text=True)
    assert 'data-testid="grade">14.6<' in html  # make_readability's grade
    assert 'data-testid="cefr"' not in html and "level-why" not in html and ", CEFR" not in html
    assert "The formulas behind the grade" in html


def test_glossary_has_an_entry_with_role_for_every_actor(seed_page, seed_analysis):
    html = seed_page.get_data(as_text=True)
    ids = Page(html).ids
    names = {a.name for a in seed_analysis.actors}
    assert {"Bashar al-Assad", "Syria", "Russia", "Islamic State"} <= names
    for actor in seed_analysis.actors:
        assert f"actor-{actor.id}" in ids and f"role-{actor.id}" in ids
        assert f'<p class="role" id="role-{actor.id}">{actor.role}</p>' in html.replace("&#39;", "'")
        assert f'<span class="badge badge-{actor.kind}">{actor.kind}</span>' in html


def test_every_mention_links_to_an_existing_glossary_entry(seed_page):
    page = Page(seed_page.get_data(as_text=True))
    mention_targets = [href for cls, href in page.hrefs if cls == "mention"]
    assert len(mention_targets) >= 10
    assert all(href.startswith("#actor-") and href[1:] in page.ids for href in mention_targets)


def test_hard_sentences_are_marked_in_the_text_and_explained(seed_page, seed_analysis):
    html = seed_page.get_data(as_text=True)
    assert seed_analysis.readability.hard_sentences
    assert html.count('<mark class="hard" title=') == len(seed_analysis.readability.hard_sentences)
    assert "one of the hardest sentences to read" in html  # the legend


def test_hostile_article_text_is_escaped_never_markup(app, client, stub_pipeline):
    add_article(
        app,
        "<script>alert(1)</script> Title\n"
        "<img src=x onerror=alert(2)> opens the story.\n"
        '" onmouseover="alert(3) and <a href="javascript:alert(4)">a link</a>.\n',
        "evil",
    )
    for url in ("/articles/evil", "/"):
        html = client.get(url).get_data(as_text=True)
        assert "<script>alert" not in html and "<img src=x" not in html and 'href="javascript:' not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    html = client.get("/articles/evil").get_data(as_text=True)
    assert "&lt;img src=x onerror=alert(2)&gt;" in html  # in the body, the glossary and the tooltip
    assert 'onmouseover="alert' not in html


def test_hostile_text_through_the_real_pipeline_is_escaped(app, client, pipeline_calls):
    add_article(
        app,
        "Reuters, Paris :\nPresident <b>Emmanuel Macron</b> met <script>alert(1)</script> leaders "
        "in Berlin.\n<img src=x onerror=alert(2)> France and Germany signed a deal.\n",
        "evil",
    )
    html = client.get("/articles/evil").get_data(as_text=True)
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>Emmanuel" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize("url", ["/articles/no-such-article", "/articles/..%2Fpyproject", "/nowhere"])
def test_unknown_pages_get_the_friendly_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert "We can’t find that page" in html and 'href="/"' in html


def test_a_crash_gets_the_500_page_without_details(app_config, monkeypatch):
    def broken(slug, reader_id=None):
        raise RuntimeError("secret internals /etc/passwd")

    monkeypatch.setattr(articles_service, "get_article", broken)
    client = create_app({**app_config, "PROPAGATE_EXCEPTIONS": False}).test_client()
    response = client.get(SEED_URL)
    html = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Something went wrong" in html and 'href="/"' in html
    assert "secret internals" not in html and "Traceback" not in html


def test_an_error_written_for_people_shows_its_message(client, monkeypatch):
    from quizapp.text.errors import InputError

    def refuse(slug, reader_id=None):
        raise InputError("This text has no paragraphs.")

    monkeypatch.setattr(articles_service, "get_article", refuse)
    response = client.get(SEED_URL)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "This article can’t be shown" in html and "This text has no paragraphs." in html


def test_pages_read_the_stored_analysis_and_never_run_the_pipeline(app_config, seed_article, pipeline_calls):
    first = create_app(app_config).test_client()
    pages = [first.get(SEED_URL).get_data(as_text=True) for _ in range(3)]
    first.get("/")
    first.get(f"{SEED_URL}/quiz")
    restarted = create_app(app_config).test_client()  # another worker process: same database
    assert restarted.get(SEED_URL).get_data(as_text=True) == pages[0]
    assert pipeline_calls == []
