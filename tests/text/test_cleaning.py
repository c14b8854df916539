"""Cleaning real and realistic article text: metadata out, duplicates out, text kept."""

from pathlib import Path

import pytest
from corpus import ONESTOP

from quizapp.text.errors import InputError
from quizapp.text.reading.cleaning import clean

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "reuters-syria-new-phase.txt"

LONG = "The army took the town of al-Sukhna on Saturday after a week of fighting."
MORE = "Residents said the streets were quiet by the evening and shops had reopened."


@pytest.fixture(scope="module")
def seed():
    """The Reuters seed as the app cleans it on first start."""
    return clean(SEED.read_text(encoding="utf-8"))


# --- the Reuters seed: a dateline line, then the article pasted twice ---------


def test_seed_metadata(seed):
    assert (seed.source, seed.dateline, seed.level) == ("Reuters", "Beirut", None)
    assert seed.removed_duplicates == 5
    assert seed.title == ""


@pytest.mark.parametrize(
    ("index", "starts", "ends"),
    [
        (0, "Syria’s war has entered a new phase", "truces in western Syria."),
        (1, "Backed by Russia and Iran,", "a big step in that direction."),
        (2, "The eastward march to Deir al-Zor,", "in a negotiated transition."),
        (3, "The war for western Syria, long Assad’s priority,", "Washington in the southwest."),
        (4, "But there is no sign of these truces", "a refugee crisis of historic proportions."),
    ],
)
def test_seed_paragraphs_in_order(seed, index, starts, ends):
    assert len(seed.paragraphs) == 5
    assert seed.paragraphs[index].startswith(starts)
    assert seed.paragraphs[index].endswith(ends)


def test_seed_keeps_curly_apostrophes_and_drops_dateline_line(seed):
    assert "Syria’s" in seed.paragraphs[0]
    assert "Syria's" not in seed.text
    assert not any("Reuters" in paragraph for paragraph in seed.paragraphs)


def test_seed_title_comes_from_hint_when_there_is_no_headline():
    article = clean(SEED.read_text(encoding="utf-8"), title_hint="  Syria’s war:  a new phase ")
    assert article.title == "Syria’s war: a new phase"
    assert len(article.paragraphs) == 5


# --- datelines ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "source", "dateline", "rest"),
    [
        (
            "BEIRUT (Reuters) - Syria’s war has entered a new phase.",
            "Reuters",
            "Beirut",
            "Syria’s war has entered a new phase.",
        ),
        (
            "LONDON, May 3 (AP) — The prime minister resigned today.",
            "AP",
            "London, May 3",
            "The prime minister resigned today.",
        ),
        (
            "Beirut, Reuters: the army advanced overnight.",
            "Reuters",
            "Beirut",
            "the army advanced overnight.",
        ),
        ("PARIS (AFP) – Strikes closed the metro.", "AFP", "Paris", "Strikes closed the metro."),
        ("NEW YORK (Reuters) -- Stocks fell.", "Reuters", "New York", "Stocks fell."),
        ("WASHINGTON (CNN) - Congress voted.", "CNN", "Washington", "Congress voted."),
        ("Reuters, Beirut :", "Reuters", "Beirut", None),
        (
            "(Reuters) - Syria’s war has entered a new phase.",
            "Reuters",
            None,
            "Syria’s war has entered a new phase.",
        ),
        ("GENEVA, 12 March (AFP) - Talks resumed.", "AFP", "Geneva, 12 March", "Talks resumed."),
    ],
)
def test_dateline_moves_into_metadata(first, source, dateline, rest):
    article = clean(f"{first}\n{MORE}")
    assert (article.source, article.dateline) == (source, dateline)
    expected = (rest, MORE) if rest else (MORE,)
    assert article.paragraphs == expected


def test_dateline_under_a_headline():
    article = clean(f"Syria enters a new phase\nBEIRUT (Reuters) - {LONG}\n{MORE}")
    assert article.title == "Syria enters a new phase"
    assert (article.source, article.dateline) == ("Reuters", "Beirut")
    assert article.paragraphs == (LONG, MORE)


@pytest.mark.parametrize(
    "first",
    [
        "The company (Reuters) - said profits rose.",  # not a place before the agency
        "Reuters, citing sources: the army moved.",  # not a place after the agency
        "Paris, France: the capital was quiet.",  # no agency at all
        "He told the crowd (AP reported) that he would stay.",
        "Britain, France and Germany (AFP) agreed to talk.",  # no dash after the agency
        "London, Paris and Berlin (AP) - leaders met.",  # a list of places, not a date
        "(Reuters reported on Monday) - the talks failed.",  # not just an agency
        "Apple (AAPL) - shares rose.",  # unknown agency after a capitalised, not capital, word
    ],
)
def test_lookalikes_are_not_datelines(first):
    article = clean(f"{first}\n{MORE}")
    assert article.source is None and article.dateline is None
    assert article.paragraphs == (first, MORE)


def test_dateline_forms_mid_text_are_left_alone():
    text = f"{LONG}\nBEIRUT (Reuters) - this line is quoted in the story.\nBeirut, Reuters: so is this."
    article = clean(text)
    assert article.source is None
    assert article.paragraphs == tuple(text.split("\n"))


# --- duplicates -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "repeat"),
    [
        ("Assad’s army said: “We will win.”", 'Assad\'s army said: "We will win."'),
        ('Assad\'s army said: "We will win."', "Assad’s army said: “We will win.”"),
        ("The truce – agreed in July – held.", "The truce - agreed in July - held."),
        ("The truce — agreed in July — held.", "The truce – agreed in July – held."),
        ("The truce—agreed in July—held.", "The truce -- agreed in July -- held."),
        ("The truce held.", "  The   truce\theld.  "),
        ("The truce held.", "The\u00a0truce held."),
        ("The truce held…", "The truce held..."),
    ],
)
def test_near_duplicates_collapse_keeping_the_first(first, repeat):
    article = clean(f"{first}\n{LONG}\n{repeat}\n{MORE}")
    assert article.paragraphs == (first, LONG, MORE)
    assert article.removed_duplicates == 1


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("The army advanced.", "The army advanced. It took the town."),  # a prefix, with more
        ("The army advanced.", "The army retreated."),
        ("The army advanced.", "The navy advanced."),
        ("He said “yes”.", "He said “no”."),
    ],
)
def test_different_paragraphs_stay(one, other):
    article = clean(f"{LONG}\n{one}\n{other}")
    assert article.paragraphs == (LONG, one, other)
    assert article.removed_duplicates == 0


def test_whole_article_pasted_twice_with_headline():
    body = f"Syria enters a new phase\n{LONG}\n{MORE}"
    article = clean(f"{body}\n\n{body}")
    assert article.title == "Syria enters a new phase"
    assert article.paragraphs == (LONG, MORE)
    assert article.removed_duplicates == 3


# --- characters and whitespace -------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\ufeffThe truce held.", "The truce held."),  # BOM
        ("The\u200b truce\u2060 held.", "The truce held."),  # zero-width space, word joiner
        ("an inter\u00adnational truce", "an international truce"),  # soft hyphen
        ("The\u00a0truce \u00a0 held.", "The truce held."),  # NBSP
        ("The \t truce  held.   ", "The truce held."),
        ("Cafe\u0301 society", "Café society"),  # decomposed é -> NFC
        ("The cafe\x01 was shut.", "The cafe was shut."),  # stray control character
        ("Assad’s “new phase” – for now", "Assad’s “new phase” – for now"),  # typography kept
    ],
)
def test_characters_are_normalised_but_typography_kept(raw, expected):
    article = clean(f"{LONG}\n{raw}")
    assert article.paragraphs == (LONG, expected)


def test_nfc_result_is_composed():
    article = clean(f"{LONG}\nCafe\u0301")
    assert article.paragraphs[1] == "Caf\u00e9"


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r", "\u2029"])
def test_any_line_break_separates_paragraphs(newline):
    assert clean(newline.join([LONG, MORE])).paragraphs == (LONG, MORE)


def test_blank_lines_between_one_line_paragraphs():
    assert clean(f"\n\n{LONG}\n\n\n{MORE}\n\n").paragraphs == (LONG, MORE)


def test_hard_wrapped_paragraphs_are_joined():
    raw = (
        "Syria's war has entered a new phase as President Bashar al-Assad\n"
        "extends his grip in areas being captured from Islamic State.\n"
        "\n"
        "Backed by Russia and Iran, the government hopes to steal a march\n"
        "on U.S.-backed militias in the attack on the last stronghold.\n"
    )
    assert clean(raw).paragraphs == (
        "Syria's war has entered a new phase as President Bashar al-Assad "
        "extends his grip in areas being captured from Islamic State.",
        "Backed by Russia and Iran, the government hopes to steal a march "
        "on U.S.-backed militias in the attack on the last stronghold.",
    )


def test_heading_line_above_a_paragraph_is_not_joined_to_it():
    raw = f"Introduction\n{LONG} {MORE} {LONG}\n\nTips\n{MORE} {LONG} {MORE}"
    article = clean(raw)
    assert article.title == "Introduction"
    assert article.paragraphs == (f"{LONG} {MORE} {LONG}", "Tips", f"{MORE} {LONG} {MORE}")


# --- level label and title -------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "level"),
    [
        ("Elementary", "elementary"),
        ("Intermediate ", "intermediate"),
        ("ADVANCED", "advanced"),
        ("Pre-intermediate", "pre-intermediate"),
        ("Upper-Intermediate  ", "upper-intermediate"),
        ("upper intermediate", "upper-intermediate"),
        ("\ufeffIntermediate", "intermediate"),
    ],
)
def test_level_label_line(label, level):
    article = clean(f"{label}\n{LONG}\n{MORE}")
    assert article.level == level
    assert article.paragraphs == (LONG, MORE)


def test_level_word_inside_a_sentence_is_text():
    first = "Advanced students read this article in class."
    article = clean(f"{first}\n{LONG}")
    assert article.level is None
    assert article.paragraphs == (first, LONG)


@pytest.mark.parametrize(
    ("first", "title"),
    [
        ("Syria’s war enters a new phase", "Syria’s war enters a new phase"),
        ("Assad extends his grip – and Moscow approves", "Assad extends his grip – and Moscow approves"),
        ("“We will win”", "“We will win”"),
    ],
)
def test_headline_becomes_title(first, title):
    article = clean(f"{first}\n{LONG}\n{MORE}", title_hint="Ignored when there is a headline")
    assert article.title == title
    assert article.paragraphs == (LONG, MORE)


@pytest.mark.parametrize(
    "first",
    [
        "The truce held.",  # sentence-final punctuation
        "Will the truce hold?",
        "They fought on!",
        "And then…",
        "He said: “The truce held.”",
        "Syria’s war has entered a new phase as President Bashar al-Assad extends his grip in areas",
    ],
)
def test_sentence_or_long_first_paragraph_is_not_a_headline(first):
    article = clean(f"{first}\n{LONG}")
    assert article.title == ""
    assert article.paragraphs == (first, LONG)


def test_single_short_paragraph_is_the_text_not_a_title():
    article = clean("Syria enters a new phase")
    assert (article.title, article.paragraphs) == ("", ("Syria enters a new phase",))


@pytest.mark.parametrize("hint", [None, "", "   "])
def test_no_headline_and_no_hint_gives_empty_title(hint):
    assert clean(f"{LONG}\n{MORE}", title_hint=hint).title == ""


def test_first_paragraph_equal_to_hint_is_the_title_even_as_a_question():
    article = clean(
        f"Will drones deliver our parcels?\n{LONG}", title_hint="Will drones deliver our parcels?"
    )
    assert article.title == "Will drones deliver our parcels?"
    assert article.paragraphs == (LONG,)


# --- bad input -----------------------------------------------------------------------


@pytest.mark.parametrize("raw", ["", "   ", "\n\n\t\n", "\ufeff", "\u200b\u00a0\n"])
def test_empty_text_is_refused(raw):
    with pytest.raises(InputError) as error:
        clean(raw)
    assert str(error.value) == "The article is empty: paste or upload the text of a news article."


@pytest.mark.parametrize("raw", ["12345 67890", "--- *** ---\n...", "2024-05-03 12:00"])
def test_text_without_letters_is_refused(raw):
    with pytest.raises(InputError, match="no letters"):
        clean(raw)


@pytest.mark.parametrize("raw", ["Intermediate", "Reuters, Beirut :", "Intermediate\nReuters, Beirut :"])
def test_metadata_without_body_is_refused(raw):
    with pytest.raises(InputError, match="no text"):
        clean(raw)


# --- the OneStopEnglish corpus: one paragraph per line, kept whole ---------------------

CORPUS_FILES = [
    "amazon-int.txt",  # level label, a blank line
    "copyright-adv.txt",  # curly quotes
    "kate-and-william-int.txt",  # trailing blank lines
    "greeks-and-drugs-int.txt",
    "teff-ele.txt",
    "nsa-scandal-adv.txt",  # a 2,000-character paragraph
    "wnl-man-falls-adv.txt",  # 26 paragraphs, some short
    "wnl-shocking-ele.txt",
    "wnl-what's-the-secret-adv.txt",
]


@pytest.mark.parametrize("filename", CORPUS_FILES)
def test_corpus_text_is_kept_paragraph_for_paragraph(filename):
    raw = (ONESTOP / filename).read_text(encoding="utf-8")
    # The files use "\n" only; str.splitlines would also split on stray control characters.
    lines = [" ".join(line.split()) for line in raw.split("\n") if line.strip()]
    article = clean(raw)
    expected_level = "intermediate" if filename.endswith("-int.txt") else None
    assert article.level == expected_level
    if expected_level:
        assert lines.pop(0) == "Intermediate"
    assert list(article.paragraphs) == lines
    assert (article.title, article.source, article.removed_duplicates) == ("", None, 0)
    assert "\ufeff" not in article.text


def test_corpus_stray_control_character_does_not_split_a_paragraph():
    # wnl-novel-way-int.txt has a U+001C where a quote mark was lost; Python's
    # splitlines() treats it as a line break, a reader would not.
    raw = (ONESTOP / "wnl-novel-way-int.txt").read_text(encoding="utf-8")
    article = clean(raw)
    assert len(article.paragraphs) == raw.count("\n") - 1  # 14 lines, minus the label
    assert any(p.startswith("Others were perplexed. I heard about it") for p in article.paragraphs)
