"""What the question templates check against the parse before they ask anything.

The relations (``relations.py``) say who did what; the parse of the
evidence sentence says whether that reading is safe to ask about: the
subject written by its own name where the verb stands, the clause stated
by the article rather than quoted, every word of the predicate in the
verb's own clause, a name not read by spaCy as something else. If in
doubt, the template drops the question: precision before recall.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from lemminflect import getAllLemmas

from quizapp.text.actors import lexicon
from quizapp.text.questions import distractors
from quizapp.text.questions.families import base, clauses
from quizapp.text.types import Actor, Analysis, Mention, Relation, Span

if TYPE_CHECKING:
    from spacy.tokens import Token

    from quizapp.text.questions.families.base import Sentence

PRONOUN_STARTS = {"that", "which", "who", "he", "she", "they", "it", "the", "his", "her", "its", "their"}


class Context:
    """The analysis with its actors by id, shared by the templates, and the parse when there is one."""

    def __init__(self, analysis: Analysis, sentences: Iterable[Sentence] = ()):
        self.analysis = analysis
        # Keyed by id; looked up with a relation's subject or object, which is None when
        # the words name no actor: None is never a key, so such a lookup finds nothing.
        self.actors: dict[str | None, Actor] = {a.id: a for a in analysis.actors}
        self.sentences = list(sentences)
        self.by_span = {s.span: s for s in self.sentences}
        self._wrong: dict[tuple[tuple[str | None, ...], int, str, Span | None], list[str]] = {}
        self.by_name = {a.name: a for a in analysis.actors}
        self.mentions_in: dict[int, list[Mention]] = {}  # sentence index -> its mentions, built once
        find = base.locator(self.sentences) if self.sentences else None
        for m in analysis.mentions if find else ():
            index = find(m.span.paragraph, m.span.start) if find else None
            if index is not None:
                self.mentions_in.setdefault(index, []).append(m)
        self.central = {
            a.id for a in sorted(analysis.actors, key=lambda a: -a.mentions)[:3] if a.mentions >= 3
        }

    def verified(self, relation: Relation) -> bool:
        """Whether the relation's subject is named (not a pronoun) in its sentence and the article states it.

        "Who lives with her family in Birmingham?" answered from "She now
        lives ..." names whoever the pronoun was resolved to, and the
        resolution can be wrong; a clause someone is quoted saying is theirs,
        not the article's. Without the parse nothing can be checked, so nothing is.
        """
        actor = self.actors.get(relation.subject)
        said = lexicon.fold(relation.subject_text)
        if (
            actor is None
            or not said
            or not any(
                lexicon.fold(f) in said or said in lexicon.fold(f) for f in (actor.name, *actor.aliases)
            )
        ):
            return False
        if said.split()[0] in PRONOUN_STARTS - {"the"}:
            return False
        if f" {said} " not in f" {lexicon.fold(relation.sentence)} ":
            return False  # "she became ...": the mention layer wrote the name in for the pronoun; it may be wrong
        full = lexicon.fold(actor.name)
        if said != full and said in full and not (actor.kind == "person" and full.endswith(" " + said)):
            return (
                False  # "BlackBerry" merged into "BlackBerry Messenger": the key would name the wrong thing
            )
        sentence = self._sentence(relation.span)
        if sentence is None:
            return not self.sentences
        verbs = [
            t
            for t in sentence.sent
            if t.lemma_ == relation.verb and t.pos_ in {"VERB", "AUX"} and getAllLemmas(t.text, upos="VERB")
        ]  # "Mont Blanc desserts with ...": not a verb
        if not verbs or any(clauses.reported(v) for v in verbs):
            return False
        if any(clauses.pronoun(c) for v in verbs for c in v.children if c.dep_ in {"nsubj", "nsubjpass"}):
            return False  # "because it introduced a pension": the mention layer named "it"; the parse still shows it
        if any(
            v.lemma_ in {"make", "find", "keep", "leave"} and not any(c.dep_ == "dobj" for c in v.children)
            for v in verbs
        ):
            return False  # "Who made possible on BlackBerry handsets?": the object was moved away
        if relation.kind == "action" and not any(predicate_fits(relation.predicate, v) for v in verbs):
            return False  # words of another clause, or the object cut short ("found wolves in some cases")
        # "tried to stop her doing": the pronoun was resolved for the predicate, and may be wrong
        return not any(
            clauses.pronoun(t) or (t.tag_ == "PRP$" and t.lower_ not in {"its", "their"})
            for v in verbs
            for t in v.subtree
            if t.i not in {x.i for x in v.children if x.dep_ in {"nsubj", "nsubjpass"}}
        )

    def mentioned(self, span: Span | None) -> set[str | None]:
        """The ids of the actors the sentence at ``span`` mentions, by any name (Britain for the UK)."""
        sentence = self.by_span.get(span) if span else None
        return {m.actor for m in self.mentions_in.get(sentence.index, [])} if sentence else set()

    def named(self, relation: Relation) -> bool:
        """For titles and descriptions: the person is written out by their own name, not a part of it."""
        actor = self.actors.get(relation.subject)
        said = lexicon.fold(relation.subject_text)
        full = lexicon.fold(actor.name) if actor else ""
        return bool(said) and (
            said == full or (actor is not None and actor.kind == "person" and full.endswith(" " + said))
        )

    def _sentence(self, span: Span) -> Sentence | None:
        return self.by_span.get(span)

    def forms(self, actor_id: str | None) -> tuple[str, ...]:
        return distractors.answer_forms(self.actors[actor_id])

    def wrong(
        self, answer_ids: Sequence[str | None], count: int = 3, sentence: str = "", span: Span | None = None
    ) -> list[str]:
        """Distractors for these answers, never one the evidence ``sentence`` names (it may be right too).

        "Only Belgium, Denmark, the Netherlands and Luxembourg – like Britain
        – have no breeding populations": Britain is not a wrong answer. Worked
        out once per answer and sentence (a name is blanked in many clozes).
        """
        key = (tuple(answer_ids), count, sentence, span)
        if key not in self._wrong:
            pool = distractors.for_actors(
                [self.actors[i] for i in answer_ids], self.analysis.actors, count + 3
            )
            there = self.mentioned(span)
            named = [
                n
                for n in pool
                if (sentence and named_in(sentence, n, self))
                or (n in self.by_name and self.by_name[n].id in there)
            ]
            self._wrong[key] = [n for n in pool if n not in named][:count]
        return list(self._wrong[key])


def predicate_fits(predicate: str, verb: Token) -> bool:
    """Whether the predicate's words all belong to the verb's clause and hold its object whole.

    "claimed the throne, imprisoned in the Tower" joins another clause's
    verbs; "found wolves in some cases" leaves "living in suburban areas"
    off the object: both read wrongly alone.
    """
    clause = {
        t.lower_ for t in (verb.sent if verb.dep_ == "acl" else verb.subtree)
    }  # "one [of them] organized by"
    words = [w.strip(",;:.").lower() for w in predicate.split()]
    if not all(
        w in clause or not w or verb.vocab[w].is_stop for w in words
    ):  # "one of the ceasefires" adds "of"
        return False
    if any(
        t.dep_ == "conj" and t.pos_ == "VERB" and t.tag_ != verb.tag_ and t.lower_ in words
        for t in verb.subtree
    ):
        return False  # "claimed the throne, imprisoned in the Tower": a participle of another subject
    objects = [
        c
        for c in verb.children
        if c.i > verb.i
        and (c.dep_ in {"dobj", "xcomp", "ccomp", "oprd"} or (c.dep_ == "advcl" and c.tag_ == "VBG"))
    ]
    return all(t.lower_ in words for o in objects for t in o.subtree if t.is_alpha)


def named_in(sentence: str, name: str, ctx: Context) -> bool:
    """Whether ``sentence`` names ``name`` by any form a pupil could give for it (Britain for the UK)."""
    actor = ctx.by_name.get(name)
    forms = distractors.answer_forms(actor) if actor else (name,)
    return any(lexicon.has_word(sentence, f) for f in forms)


def inside_a_longer_name(sentence: Sentence, mention: Mention) -> bool:
    """Whether spaCy's entity around the mention runs beyond it ("RSPCA Australia" around "Australia")."""
    doc = sentence.sent.doc
    words = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
    if words is None:
        return False
    if any(
        c.dep_ == "compound" and c.pos_ == "PROPN" and c.idx < mention.span.start for c in words.root.children
    ):
        return True  # "RSPCA Australia": the gap is the head of a longer name
    return any(
        e.start_char < mention.span.start or e.end_char > mention.span.end
        for e in doc.ents
        if e.start <= words.root.i < e.end
    )


def names_nothing(sentence: Sentence, mention: Mention) -> bool:
    """Whether the mention is common words, not a name: "the online map" (a gap many wordings fill)."""
    words = sentence.sent.doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
    return words is not None and not any(t.pos_ == "PROPN" or t.ent_type_ for t in words)


def read_as_person(sentence: Sentence, mention: Mention) -> bool:
    """Whether the mentioned words name a person rather than the country the glossary says.

    spaCy tags them as a person, or a demonym stands where a noun does
    ("said French", Chris French): "French" before a noun ("French
    wine") is the country's adjective, alone it is a name or a people.
    """
    doc = sentence.sent.doc
    words = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
    if words is None:
        return False
    demonym = (
        words.root.dep_ not in {"amod", "compound", "poss"}
        and words.text.istitle()
        and (words.root.ent_type_ == "NORP" or words.text.endswith(("ch", "sh", "ese", "an", "i")))
    )
    return words.root.ent_type_ == "PERSON" or demonym
