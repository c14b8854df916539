"""Articles brought as files or pasted pages become plain article text, never markup."""

from datetime import date
from pathlib import Path

import pytest

from quizapp.text.errors import InputError
from quizapp.text.reading import cleaning, documents
from quizapp.text.reading.web_page import PageDetails

PAGE = """<!doctype html><html><head><title>Syria's war enters new phase | World News</title>
<meta name="author" content="Tom Perry"><style>body{color:red}</style>
<script>alert('page script')</script></head>
<body><nav><a href="/">Home</a> <a href="/world">World section</a></nav>
<article><h1>Syria's war enters a new phase</h1>
<p>BEIRUT (Reuters) - Syria’s war has entered a new phase as President Bashar al-Assad extends his grip.</p>
<p onclick="steal()">Backed by Russia and Iran, the government hopes to steal a march on U.S.-backed militias.</p>
<p>Damascus hailed the capture of the town of al-Sukhna on Saturday.<img src=x onerror=alert(1)></p>
</article><aside>Related: Ten things you missed</aside>
<footer>© 2017 Example News. Cookie policy.</footer></body></html>"""


def test_a_saved_page_is_reduced_to_the_article():
    doc = documents.from_upload(PAGE.encode(), "syria.html")
    assert doc.title == "Syria's war enters a new phase"
    assert doc.author == "Tom Perry"
    article = cleaning.clean(doc.text, title_hint=doc.title)
    assert (article.source, article.dateline) == ("Reuters", "Beirut")
    assert article.paragraphs == (
        "Syria’s war has entered a new phase as President Bashar al-Assad extends his grip.",
        "Backed by Russia and Iran, the government hopes to steal a march on U.S.-backed militias.",
        "Damascus hailed the capture of the town of al-Sukhna on Saturday.",
    )


@pytest.mark.parametrize(
    "junk",
    [
        "<",
        "script",
        "alert",
        "onclick",
        "onerror",
        "color:red",
        "World section",
        "Related",
        "Cookie policy",
        "Home",
    ],
)
def test_nothing_from_the_page_markup_or_furniture_survives(junk):
    assert junk not in documents.from_upload(PAGE.encode(), "syria.htm").text


def test_pasted_page_source_is_extracted_too():
    assert "onerror" not in documents.from_paste(PAGE).text
    assert documents.from_paste(PAGE).title == "Syria's war enters a new phase"


def test_pasted_plain_text_is_kept_as_it_is():
    text = "Backed by Russia and Iran, the government hopes.\n\nDamascus hailed the capture."
    assert documents.from_paste(text) == documents.Document(text=text)


def test_a_page_without_an_article_is_a_clear_error():
    with pytest.raises(InputError, match="No article text found in menu.html"):
        documents.from_upload(b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "menu.html")


def test_markdown_becomes_plain_paragraphs_with_its_heading_as_title():
    md = (
        "# Teff goes global\n\nEthiopia's *teff* grain is now sold in [London](http://example.com) "
        "and `Berlin`.\n\n<script>alert(1)</script>\n\nFarmers are **worried**.\n"
    )
    doc = documents.from_upload(md.encode(), "teff.md")
    assert doc.title == "Teff goes global"
    assert doc.text == "Ethiopia's teff grain is now sold in London and Berlin.\n\nFarmers are worried."


@pytest.mark.parametrize("name", ["notes.docx", "photo.png", "article", "page.pdf"])
def test_other_files_are_refused_with_what_to_do(name):
    with pytest.raises(InputError, match=r"reads \.htm, \.md, \.txt"):
        documents.from_upload(b"text", name)


def test_a_text_file_is_decoded_like_any_upload():
    text = "The café in Zürich reopened on Monday, and the owner was “delighted”."
    assert documents.from_upload(text.encode("cp1252"), "cafe.txt").text == text


# ---- a whole saved news page (tests/data/web/news-page.html, written for these tests) -------------------
# Its layout puts the section label, the headline and the standfirst inside the article element, where
# trafilatura's text keeps them: before issue 16 the article was titled "World news" and its headline
# and standfirst were the first two paragraphs of the body.

NEWS_PAGE = Path(__file__).resolve().parent.parent / "data" / "web" / "news-page.html"
HEADLINE = "Glacier melt forces Andean town to move its water supply"
STANDFIRST = (
    "Engineers in Huaraz are racing to finish a new pipeline before the dry season, "
    "as the glacier that fed the old one retreats faster than expected."
)


def test_a_news_page_gives_its_headline_standfirst_author_site_and_date():
    doc = documents.from_upload(NEWS_PAGE.read_bytes(), "news-page.html")
    assert doc.title == HEADLINE
    assert doc.details == PageDetails(
        standfirst=STANDFIRST,
        author="Lucía Ferrer",
        site_name="The Harbour Gazette",
        published=date(2026, 3, 14),
    )


def test_a_news_page_body_starts_at_its_first_paragraph():
    doc = documents.from_upload(NEWS_PAGE.read_bytes(), "news-page.html")
    article = cleaning.clean(doc.text, title_hint=doc.title)
    assert article.title == HEADLINE  # not the section label above it
    assert article.paragraphs[0].startswith("For more than a century, the people of Huaraz")
    assert article.paragraphs[-1].endswith('Now they will learn what it gave us."')
    assert len(article.paragraphs) == 6  # counted by hand in the page: six <p> in the story
    for furniture in (
        "World news",
        HEADLINE,
        STANDFIRST,
        "cookies",
        "HikerDan",
        "Most read",
        "Advertisement",
    ):
        assert furniture not in article.text


def test_a_description_that_is_the_lead_paragraph_stays_in_the_body():
    lead = "Heavy rain closed twelve schools in the valley on Monday, and more rain is expected tonight."
    rest = " ".join(["Parents collected their children early as the river rose over the road."] * 3)
    page = (
        f"<html><head><meta property='og:title' content='Floods close schools'>"
        f"<meta name='description' content='{lead}'></head><body><article>"
        f"<p>{lead}</p><p>{rest}</p></article></body></html>"
    )
    doc = documents.from_paste(page)
    assert cleaning.clean(doc.text, title_hint=doc.title).paragraphs[0] == lead
    assert doc.details.standfirst is None  # it would only repeat the first paragraph


def test_the_headline_from_the_metadata_is_the_title_even_over_a_short_line_under_it():
    body = "".join(
        f"<p>Paragraph {n} of the story, long enough to read as a sentence of news.</p>" for n in range(4)
    )
    page = (
        f"<html><head><title>Assad extends his grip</title></head><body><article><h1>Assad extends his grip</h1>"
        f"<p>Reuters, Beirut</p>{body}</article></body></html>"
    )
    doc = documents.from_paste(page)
    assert cleaning.clean(doc.text, title_hint=doc.title).title == "Assad extends his grip"


def test_a_page_without_metadata_keeps_all_its_paragraphs():
    body = "".join(
        f"<p>Paragraph {n} of the story, long enough to read as a sentence of news.</p>" for n in range(5)
    )
    doc = documents.from_paste(f"<html><body><article>{body}</article></body></html>")
    assert doc.text.count("\n\n") == 4
    assert doc.details.author is None and doc.details.published is None


def test_page_details_survive_the_queue():
    details = PageDetails("A summary.", "Lucía Ferrer", "The Harbour Gazette", date(2026, 3, 14))
    assert PageDetails.from_dict(details.to_dict()) == details
    assert PageDetails.from_dict({"published": "14 March"}).published is None
