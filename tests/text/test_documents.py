"""Articles brought as files or pasted pages become plain article text, never markup."""

import pytest

from quizapp.text.reading import cleaning, documents
from quizapp.text.errors import InputError

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


@pytest.mark.parametrize("junk", ["<", "script", "alert", "onclick", "onerror", "color:red", "World section",
                                  "Related", "Cookie policy", "Home"])
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
    md = ("# Teff goes global\n\nEthiopia's *teff* grain is now sold in [London](http://example.com) "
          "and `Berlin`.\n\n<script>alert(1)</script>\n\nFarmers are **worried**.\n")
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
