"""Hand-made analyses for tests that must not depend on spaCy or the pipeline's current output.

``seed_analysis()`` mirrors what the pipeline should make of
seeds/reuters-syria-new-phase.txt: five paragraphs, Reuters / Beirut, a
handful of actors with their mentions found by plain string search.
"""

from __future__ import annotations

import re
from pathlib import Path

from quizapp.text.types import (
    Actor,
    Analysis,
    CleanArticle,
    HardSentence,
    Mention,
    Readability,
    Relation,
    Span,
)

SEED = Path(__file__).resolve().parent.parent / "seeds" / "reuters-syria-new-phase.txt"
SEED_TITLE = "Syria's war enters a new phase"
SEED_PARAGRAPHS = (
    "Syria’s war has entered a new phase as President Bashar al-Assad extends his grip in areas being "
    "captured from Islamic State, using firepower freed by Russian-backed truces in western Syria.",
    "Backed by Russia and Iran, the government hopes to steal a march on U.S.-backed militias in the attack "
    "on Islamic State’s last major Syrian stronghold, the Deir al-Zor region that extends to the Iraqi border. "
    "Damascus hailed the capture of the town of al-Sukhna on Saturday as a big step in that direction.",
    "The eastward march to Deir al-Zor, unthinkable two years ago when Assad seemed in danger, has underlined "
    "his ever more confident position and the dilemma facing Western governments that still want him to leave "
    "power in a negotiated transition.",
    "The war for western Syria, long Assad’s priority, has shifted down several gears thanks to the "
    "ceasefires, including one organized by Moscow and Washington in the southwest.",
    "But there is no sign of these truces leading to a revival of peace talks aimed at putting Syria back "
    "together through a negotiated deal that would satisfy Assad’s opponents and help resolve a refugee "
    "crisis of historic proportions.",
)

# id, name, kind, names searched in the text, role
SEED_ACTORS = (
    (
        "assad",
        "Bashar al-Assad",
        "person",
        ("Bashar al-Assad", "Assad"),
        "President of Syria, extending his grip",
    ),
    ("syria", "Syria", "country", ("Syria",), "The country at war"),
    ("islamic-state", "Islamic State", "group", ("Islamic State",), "Militant group losing ground"),
    ("russia", "Russia", "country", ("Russia", "Moscow"), "Backs the Syrian government"),
    ("iran", "Iran", "country", ("Iran",), "Backs the Syrian government"),
    ("deir-al-zor", "Deir al-Zor", "place", ("Deir al-Zor",), "Islamic State's last major stronghold"),
)


def seed_raw() -> str:
    """The seed's text as ``quizapp prepare`` reads it."""
    from quizapp.text.reading import sources

    return sources.decode(SEED.read_bytes(), name=SEED.name)


def find_mentions(paragraphs, actor_id: str, names) -> list[Mention]:
    """Every whole-word occurrence of ``names`` (longest first, no overlaps) as mentions."""
    mentions = []
    pattern = re.compile("|".join(rf"\b{re.escape(n)}\b" for n in sorted(names, key=len, reverse=True)))
    for i, text in enumerate(paragraphs):
        for match in pattern.finditer(text):
            mentions.append(Mention(actor_id, Span(i, match.start(), match.end()), match.group()))
    return mentions


def make_readability(**overrides) -> Readability:
    """Plausible scores for a short news article; override any field."""
    values = dict(
        flesch_reading_ease=28.4,
        flesch_kincaid_grade=15.1,
        gunning_fog=17.9,
        smog_index=15.6,
        coleman_liau_index=13.2,
        automated_readability_index=16.8,
        dale_chall_readability_score=11.0,
        words=171,
        sentences=6,
        syllables=290,
        letters=850,
        polysyllables=28,
        difficult_words=44,
        grade_level=14.6,
        band="College",
        reading_minutes=0.9,
        hard_sentences=(),
        difficult_word_list=(),
    )
    values.update(overrides)
    return Readability(**values)


def seed_analysis() -> Analysis:
    """The reading view's data for the Reuters seed, made by hand."""
    actors, mentions = [], []
    for actor_id, name, kind, names, role in SEED_ACTORS:
        found = find_mentions(SEED_PARAGRAPHS, actor_id, names)
        mentions += found
        aliases = tuple(n for n in names if n != name)
        actors.append(Actor(actor_id, name, kind, aliases, role, len(found), found[0].span, "GPE"))
    first = SEED_PARAGRAPHS[0]
    hard = HardSentence(Span(0, 0, len(first)), first, 17.2, "long sentence with a passive clause")
    readability = make_readability(
        hard_sentences=(hard,), difficult_word_list=("firepower", "stronghold", "negotiated", "ceasefires")
    )
    relation = Relation(
        "back",
        "Backed by",
        "russia",
        None,
        "Russia",
        "the government",
        SEED_PARAGRAPHS[1][:60],
        Span(1, 0, 60),
        "backing",
    )
    return Analysis(
        article=CleanArticle(SEED_TITLE, SEED_PARAGRAPHS, "Reuters", "Beirut", None, 5),
        readability=readability,
        actors=tuple(actors),
        mentions=tuple(sorted(mentions, key=lambda m: (m.span.paragraph, m.span.start))),
        relations=(relation,),
        sentences=(Span(0, 0, len(first)),),
        extras={"pipeline": "hand-made"},
    )


def naive_analyse(raw: str, model: str) -> Analysis:
    """A stand-in for ``run_pipeline``: first line is the title, other lines are paragraphs.

    Every line's first word becomes an actor, so names and roles taken from
    the input reach the glossary and tooltips (the escaping tests need that).
    """
    lines = [line.strip() for line in raw.splitlines() if line.strip()]
    title, paragraphs = lines[0], tuple(lines[1:]) or ("(empty)",)
    actors, mentions = [], []
    for i, text in enumerate(paragraphs):
        word = text.split()[0]
        actors.append(Actor(f"a{i}", word, "other", (), f"Role of {word}", 1, Span(i, 0, len(word))))
        mentions.append(Mention(f"a{i}", Span(i, 0, len(word)), word))
    hard = HardSentence(Span(0, 0, len(paragraphs[0])), paragraphs[0], 12.0, f"made by {model}")
    return Analysis(
        article=CleanArticle(title, paragraphs, "Test source", "Testville"),
        readability=make_readability(words=len(raw.split()), hard_sentences=(hard,)),
        actors=tuple(actors),
        mentions=tuple(mentions),
    )
