"""Turning each relation the article states into the questions it can answer.

Every template reads one kind of relation and yields candidates: the same
fact asked as a typed question, as multiple choice, or as true/false. The
question word comes from the answer's kind (who, which country, which town);
verbs are inflected with lemminflect for subject questions ("Who wants ...?")
and do-support ("Does Iran back ...?").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from typing import Any

from lemminflect import getInflection

from quizapp.text.actors import lexicon
from quizapp.text.actors.relations import NOMINAL_EVENTS
from quizapp.text.actors.roles import with_article
from quizapp.text.question import BLANK, Question
from quizapp.text.questions.context import (
    PRONOUN_STARTS,
    Context,
    inside_a_longer_name,
    names_nothing,
    read_as_person,
)
from quizapp.text.questions.families.base import Candidate, Sentence
from quizapp.text.types import Actor, Analysis, Relation, Span

EVENT_KINDS = set(NOMINAL_EVENTS.values())
DETERMINERS = {"the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "that"}
TITLE_WORDS = {"dr": "doctor", "prof": "professor", "gen": "general", "sen": "senator", "gov": "governor"}
AUX_3SG = {"have": "has", "are": "is", "were": "was", "do": "does"}
VOCABULARY_WORDS = 8
NEGATIONS = {"not", "no", "never", "n't", "nobody", "nothing", "none"}
PERSON_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent", "man", "woman", "chief", "head")


def _question(relation: Relation, **fields: Any) -> Question:
    return Question(id="", evidence=relation.sentence, evidence_span=relation.span, **fields)


def _choices(right: list[str], wrong: list[str]) -> tuple[str, ...]:
    """Options in a fixed, meaningless order (alphabetical), so the answer's place tells nothing."""
    return tuple(sorted(dict.fromkeys(right + wrong), key=str.lower))


def _question_word(actor: Actor) -> str:
    return {"country": "Which country", "place": "Which place"}.get(actor.kind, "Who")


def templates(analysis: Analysis, sentences: Sequence[Sentence] = ()) -> Iterator[Candidate]:
    """Every candidate question the article's relations support."""
    ctx = Context(analysis, sentences)
    yield from _backing(ctx)
    yield from _events(ctx)
    yield from _appositions(ctx)
    yield from _titles(ctx)
    yield from _descriptions(ctx)
    yield from _actions(ctx)
    yield from _entity_clozes(ctx)
    if not sentences:  # without the parse, the old word gap; with it, the vocabulary family's choice
        yield from _vocabulary(ctx)


def _backing(ctx: Context) -> Iterator[Candidate]:
    """ "Who backs the Syrian government?" and its choice and true/false forms."""
    groups: dict[str, list[Relation]] = {}
    for r in ctx.analysis.relations:
        if r.kind == "backing" and r.subject in ctx.actors:
            groups.setdefault(r.object or r.predicate, []).append(r)
    for key, rels in groups.items():
        backers = list(dict.fromkeys(r.subject for r in rels))
        evidence = max(rels, key=lambda r: sum(1 for x in rels if x.span == r.span))
        target = _target(ctx, rels[0], backers)
        first = ctx.actors[backers[0]]
        who = "Who" if len(backers) > 1 else _question_word(first)
        answer = tuple(ctx.forms(b) for b in backers)
        wrong = ctx.wrong(backers, sentence=evidence.sentence, span=evidence.span)
        fact = f"backing:{key}"
        yield Candidate(
            fact,
            _question(
                evidence,
                type="short",
                prompt=f"{who} backs {target}?",
                answer=answer,
                distractors=tuple(wrong),
            ),
            1.0 + 0.05 * len(backers),
            preferred=True,
        )
        names = [ctx.actors[b].name for b in backers]
        kind = "multi" if len(backers) > 1 else "choice"
        prompt = f"Which of these back {target}?" if kind == "multi" else f"{who} backs {target}?"
        yield Candidate(
            fact,
            _question(
                evidence,
                type=kind,
                prompt=prompt,
                answer=answer,
                choices=_choices(names, wrong[: 4 - len(names)]),
                distractors=tuple(wrong),
            ),
            0.95,
        )
        yield Candidate(
            fact,
            _question(
                evidence,
                type="truefalse",
                answer=(("true",),),
                prompt=f"Does {with_article(first.name)} back {target}?",
            ),
            0.8,
        )
        if wrong:
            yield Candidate(
                fact,
                _question(
                    evidence,
                    type="truefalse",
                    answer=(("false",),),
                    prompt=f"Does {with_article(wrong[0])} back {target}?",
                ),
                0.8,
            )


def _target(ctx: Context, relation: Relation, backers: list[str | None]) -> str:
    """How to name who is backed without naming the backer ("the militias", not "U.S.-backed militias")."""
    if relation.object in ctx.actors:
        name = with_article(ctx.actors[relation.object].name)
        if not any(lexicon.has_word(name, f) for b in backers for f in ctx.forms(b)):
            return name
    return relation.predicate.removeprefix("backs ").strip()


def _descriptor(text: str) -> str:
    """ "the town of al-Sukhna" -> "town"; "the Deir al-Zor region" -> "region"."""
    words = lexicon.fold(text).split()
    return next((w for w in words if w in lexicon.PLACE_NOUNS), "place")


def _one_answer(
    ctx: Context,
    fact: str,
    relation: Relation,
    prompt: str,
    actor_id: str,
    score: float,
    preferred: bool = False,
) -> Iterator[Candidate]:
    """A question whose answer is one actor: typed, and as multiple choice when there are distractors."""
    answer = (ctx.forms(actor_id),)
    wrong = ctx.wrong([actor_id], sentence=relation.sentence, span=relation.span)
    yield Candidate(
        fact,
        _question(relation, type="short", prompt=prompt, answer=answer, distractors=tuple(wrong)),
        score,
        preferred=preferred,
    )
    if len(wrong) == 3:
        yield Candidate(
            fact,
            _question(
                relation,
                type="choice",
                prompt=prompt,
                answer=answer,
                distractors=tuple(wrong),
                choices=_choices([ctx.actors[actor_id].name], wrong),
            ),
            score - 0.05,
        )


def _events(ctx: Context) -> Iterator[Candidate]:
    """ "Which town did government forces capture?" from "the capture of the town of X"."""
    for r in ctx.analysis.relations:
        if r.kind not in EVENT_KINDS or r.object not in ctx.actors:
            continue
        place = ctx.actors[r.object]
        if r.verb in {"kill", "attack", "arrest"} and place.kind == "place":
            continue  # "killings of teachers in Khyber Pakhtunkhwa": the place is where, not what, was killed
        what = _descriptor(r.object_text) if place.kind == "place" else "one"
        by_government = r.subject in ctx.actors and ctx.actors[r.subject].name.endswith("government")
        participle = (getInflection(r.verb, "VBN") or (r.verb + "ed",))[0]
        prompt = (
            f"Which {what} did government forces {r.verb}?"
            if by_government
            else f"Which {what} was {participle}?"
        )
        yield from _one_answer(ctx, f"event:{r.verb}:{place.id}", r, prompt, place.id, 0.98, preferred=True)


def _appositions(ctx: Context) -> Iterator[Candidate]:
    """ "Which region is Islamic State’s last major Syrian stronghold?" """
    for r in ctx.analysis.relations:
        if r.kind != "appositive" or r.subject not in ctx.actors or r.object not in ctx.actors:
            continue
        if ctx.actors[r.subject].kind == "person" and (not ctx.named(r) or r.subject not in ctx.central):
            continue  # "his brother Richard" filed under Richard III; and "Who is <title>?" only for central people
        place, owner = ctx.actors[r.subject], ctx.actors[r.object]
        who = f"Which {_descriptor(r.subject_text)}" if place.kind == "place" else _question_word(place)
        prompt = f"{who} is {owner.name}’s {r.predicate}?"
        yield from _one_answer(ctx, f"appositive:{place.id}", r, prompt, place.id, 0.92)


def _titles(ctx: Context) -> Iterator[Candidate]:
    """ "Who is Syria’s president?" from "President Bashar al-Assad" in a sentence about Syria."""
    for r in ctx.analysis.relations:
        if (
            r.kind != "title"
            or r.subject not in ctx.central
            or "’s " not in r.object_text
            or not ctx.named(r)
        ):
            continue  # without the country, "Who is the chief?" asks nothing a reader can pin down
        title = TITLE_WORDS.get(r.predicate.lower().rstrip("."), r.predicate.lower())
        prompt = f"Who is {r.object_text.split('’s ')[0]}’s {title}?"
        yield from _one_answer(ctx, f"title:{r.subject}", r, prompt, r.subject, 0.9)


def _descriptions(ctx: Context) -> Iterator[Candidate]:
    """ "Who is the Welsh Health Minister?" from "Mark Drakeford, the Welsh Health Minister"."""
    for r in ctx.analysis.relations:
        if (
            r.kind != "description"
            or r.subject not in ctx.central
            or len(r.predicate.split()) < 2
            or not ctx.named(r)
        ):
            continue  # "Who is <title>?" only for the people the story is about
        last = r.predicate.split()[-1].lower()
        if not (last in lexicon.TITLES or last.endswith(PERSON_ENDINGS)):
            continue  # "Who is the Swedish architects company?": the description is not of a person
        first = r.predicate.split()[0]
        article = "" if first.lower() in DETERMINERS or first.endswith(("’s", "'s")) else "the "
        yield from _one_answer(
            ctx, f"title:{r.subject}", r, f"Who is {article}{r.predicate}?", r.subject, 0.88
        )


def third_person(predicate: str, lemma: str) -> str:
    """ "want X" -> "wants X", "have told" -> "has told": the verb after "Who"."""
    first, _, rest = predicate.partition(" ")
    if first == lemma and first not in AUX_3SG:
        first = (getInflection(lemma, "VBZ") or (first,))[0]
    first = AUX_3SG.get(first, first)
    return f"{first} {rest}".strip()


def _actions(ctx: Context) -> Iterator[Candidate]:
    """ "Who wants Assad to leave power?" from "governments that want him to leave power"."""
    groups: dict[tuple[Span, str, str], list[Relation]] = {}
    for r in ctx.analysis.relations:
        if (
            r.kind == "action"
            and r.subject in ctx.actors
            and not r.predicate.endswith("…")
            and ctx.verified(r)
        ):
            groups.setdefault((r.span, r.verb, r.predicate), []).append(r)
    for (_, verb, predicate), rels in groups.items():
        words = predicate.split()
        if len(words) < 4 or verb in {"be", "say"} or words[0] == "to":  # "to leave power": not a finite verb
            continue  # "Who has a plan?" is too vague to answer
        if "between" in words and "and" not in words:
            continue  # "a connection between government cuts": the predicate was cut short
        if {w.lower() for w in words} & NEGATIONS:
            continue  # "Who does not pay enough tax?": many others do not either
        subjects = list(dict.fromkeys(r.subject for r in rels))
        kinds = {ctx.actors[s].kind for s in subjects}
        if kinds & {"place", "other"} or (len(kinds) > 1 and "country" in kinds):
            continue  # "Who used to be a very peaceful place?": a place does not answer "who"
        answer = tuple(ctx.forms(s) for s in subjects)
        aliased = any(_aliased(r.subject_text, ctx.actors[r.subject].name) for r in rels)
        if aliased and len(subjects) == 1:
            continue  # "London has 22,000 taxis" is the city, not the British government: only a pair is safe
        who = ("Which countries" if len(subjects) > 1 else "Which country") if kinds == {"country"} else "Who"
        prompt = f"{who} {third_person(predicate, verb)}?"
        wrong = ctx.wrong(subjects, sentence=rels[0].sentence, span=rels[0].span)
        skill = "inference" if aliased else "recall"
        score = 0.65 + (0.3 if aliased else 0) - 0.02 * max(0, len(words) - 9)  # inference ranks high
        fact = f"action:{rels[0].span}:{verb}"
        yield Candidate(
            fact,
            _question(
                rels[0], type="short", prompt=prompt, answer=answer, distractors=tuple(wrong), skill=skill
            ),
            score,
        )
        if len(subjects) > 1 and len(wrong) >= 2:
            names = [ctx.actors[s].name for s in subjects]
            yield Candidate(
                fact,
                _question(
                    rels[0],
                    type="multi",
                    prompt=f"Which of these {predicate}?",
                    answer=answer,
                    skill=skill,
                    choices=_choices(names, wrong[:2]),
                    distractors=tuple(wrong),
                ),
                score - 0.05,
            )


def _aliased(said: str, name: str) -> bool:
    """Whether the text names the actor by another name ("Moscow" for Russia): reading it takes inference.

    Pronouns and "the government" are how any text refers back; they are not counted.
    """
    said, folded = lexicon.fold(said), lexicon.fold(name)
    if not said or said.split()[0] in PRONOUN_STARTS:
        return False
    return said not in folded and folded not in said


def _sentence_at(ctx: Context, span: Span) -> str:
    return ctx.analysis.article.paragraphs[span.paragraph][span.start : span.end]


def _entity_clozes(ctx: Context) -> Iterator[Candidate]:
    """A sentence with one named actor blanked out."""
    for index, span in enumerate(ctx.analysis.sentences):
        sentence = _sentence_at(ctx, span)
        if ctx.sentences:
            inside = ctx.mentions_in.get(index, [])
        else:
            inside = [
                m
                for m in ctx.analysis.mentions
                if m.span.paragraph == span.paragraph and span.start <= m.span.start < span.end
            ]
        for m in inside:
            actor = ctx.actors.get(m.actor)
            start, end = m.span.start - span.start, m.span.end - span.start
            if actor is None or sentence[end : end + 1] == "-" or sentence.count(m.text) != 1:
                continue
            if m.text not in (actor.name, *actor.aliases) or sentence[end : end + 1].isalpha():
                continue  # "the Talibans efforts": a gap whose answer is not a name the glossary knows
            if actor.kind != "person" and sentence[:start].rstrip().split()[-1:] in (
                ["Professor"],
                ["Dr"],
                ["Mr"],
                ["Mrs"],
                ["Ms"],
                ["Dr."],
            ):
                continue  # "said Professor French": the name was read as a country
            if len(sentence.split()) < 8 or not sentence.rstrip("”’\"' ").endswith((".", "!", "?")):
                continue  # too short to pin one answer down, or a sentence cut off by the splitter
            if (
                ctx.sentences
                and actor.kind != "person"
                and m.text != actor.name
                and read_as_person(ctx.sentences[index], m)
            ):
                continue  # "said French": the parse reads a person where the glossary put a country
            if ctx.sentences and inside_a_longer_name(ctx.sentences[index], m):
                continue  # "RSPCA _____": a part of an organisation's name tests nothing
            if actor.kind in THINGS and ctx.sentences and names_nothing(ctx.sentences[index], m):
                continue  # "_____ that Google had already created": "the online map" is words, not a name
            if sentence[end:].split()[:1] and sentence[end:].split()[0].lower().strip(",") in lexicon.TITLES:
                continue  # "met _____ Prime Minister David Cameron": a nationality, general knowledge
            prompt = sentence[:start] + BLANK + sentence[end:]
            spelled = spelled_out(ctx.analysis.article.text).get(m.text, ())
            forms = tuple(dict.fromkeys((m.text, *ctx.forms(actor.id), *spelled)))
            question = Question(
                id="",
                type="cloze",
                prompt=prompt,
                answer=(forms,),
                distractors=tuple(ctx.wrong([actor.id])),
                evidence=sentence,
                evidence_span=span,
            )
            yield Candidate(
                f"cloze:{span}:{actor.id}",
                question,
                0.5 + 0.02 * min(actor.mentions, 5),
                tags={"sentence-exclusive", "family:cloze"},
            )


THINGS = {
    "other",
    "description",
    "title",
}  # kinds whose common-noun mention ("the map") many words could fill
ABBREVIATION = re.compile(r"((?:[A-Z][\w’'-]*\s+){2,8})\(([A-Z][A-Za-z]{1,7})\)")


@functools.lru_cache(maxsize=8)
def spelled_out(text: str) -> dict[str, tuple[str, ...]]:
    """Abbreviations the article spells out: "BlackBerry Messenger (BBM)" -> {"BBM": ("BlackBerry Messenger",)}.

    A gap whose answer is "BBM" must accept the name the article gave it
    first, or the pupil who writes it is told "Not quite". Read once per
    article: every cloze looks its answer up here.
    """
    found: dict[str, tuple[str, ...]] = {}
    for long, short in ABBREVIATION.findall(text):
        found[short] = (*found.get(short, ()), re.sub(r"^(The|A|An)\s+", "", long.strip()))
    return found


def _vocabulary(ctx: Context) -> Iterator[Candidate]:
    """A hard word of the article blanked in its sentence: what a pupil should learn."""
    words = ctx.analysis.readability.difficult_word_list[:VOCABULARY_WORDS]
    for rank, word in enumerate(words):
        found = _first_use(ctx, word)
        if found is None:
            continue
        span, sentence, match = found
        prompt = sentence[: match.start()] + BLANK + sentence[match.end() :]
        answer = ((match.group(1), word),) if match.group(1).lower() != word else ((word,),)
        question = Question(
            id="",
            type="cloze",
            prompt=prompt,
            answer=answer,
            evidence=sentence,
            evidence_span=span,
            skill="vocabulary",
        )
        yield Candidate(f"vocabulary:{word}", question, 0.6 - 0.02 * rank, tags={"family:vocabulary"})


def _first_use(ctx: Context, word: str) -> tuple[Span, str, re.Match[str]] | None:
    """(span, sentence, match) of the first sentence using ``word`` in any inflection."""
    stem = word.removesuffix("e")
    pattern = re.compile(rf"\b({re.escape(stem)}\w*)\b", re.IGNORECASE)
    for span in ctx.analysis.sentences:
        sentence = _sentence_at(ctx, span)
        match = pattern.search(sentence)
        if match and len(pattern.findall(sentence)) == 1:
            return span, sentence, match
    return None
