"""A word and the dictionary forms it may stand for, by small stated rules.

Two words are read as the same word when their sets meet: "prices were
rising" holds "prices rose" ("rising" and "rose" both give "rise"),
"floods" meets "flooding", "moving" meets "move". The rules are English
endings (-s, -es, -ies, -ed, -ing, -ly, a doubled last letter) and a table
of irregular verbs, plurals and comparatives. Candidates that are not real
words ("mov" from "moving") are harmless: they only ever meet the same
candidate made from another form of the same word.

Why not a lemmatiser: lemminflect (already a dependency, used to write
questions) takes a second or more to load its tables, which is longer
than ``quizapp grade`` spends marking five thousand answers; and a
teacher can read these rules. Endings are stripped one level only, so
"paintings" is "painting", not "paint".
"""

from __future__ import annotations

import functools

_IRREGULAR_TEXT = """
ate eat|eaten eat|rose rise|risen rise|fell fall|fallen fall|went go|gone go|left leave|lost lose|came come
grew grow|grown grow|built build|made make|took take|taken take|gave give|given give|got get|gotten get
began begin|begun begin|brought bring|bought buy|caught catch|fought fight|thought think|sold sell|told tell
found find|paid pay|said say|ran run|won win|kept keep|held hold|met meet|led lead|fled flee|fed feed
felt feel|heard hear|sent send|spent spend|stood stand|understood understand|wrote write|written write
drove drive|driven drive|chose choose|chosen choose|froze freeze|frozen freeze|flew fly|flown fly|drew draw
drawn draw|knew know|known know|threw throw|thrown throw|saw see|seen see|did do|done do|had have|has have
was be|were be|been be|is be|are be|hid hide|hidden hide|rode ride|ridden ride|shook shake|broke break
broken break|spoke speak|spoken speak|stole steal|stolen steal|swam swim|sang sing|sank sink|struck strike
dug dig|hung hang|sat sit|slept sleep|taught teach|sought seek|meant mean|lent lend|bent bend|woke wake
children child|men man|women woman|people person|mice mouse|feet foot|teeth tooth|geese goose|lives life
wives wife|knives knife|leaves leaf|better good|best good|worse bad|worst bad|less little|more many
higher high|lower low|warmer warm|colder cold|hotter hot|bigger big|smaller small|larger large|fewer few
cheaper cheap|faster fast|slower slow|longer long|shorter short|stronger strong|weaker weak|richer rich
poorer poor|older old|younger young|greater great|wider wide|deeper deep|harder hard|easier easy|safer safe
heavier heavy|lighter light|darker dark|drier dry|wetter wet|died die|dying die|lying lie|tying tie
"""
IRREGULAR = dict(pair.split() for line in _IRREGULAR_TEXT.split("\n") for pair in line.split("|") if pair)


@functools.lru_cache(maxsize=65536)
def family(word: str) -> frozenset[str]:
    """``word`` and the forms it may be a form of ("rising" -> rising, rise, ris)."""
    if not word.isalpha() or len(word) < 3:
        return frozenset((word,))
    found = {word}
    if word in IRREGULAR:
        found.add(IRREGULAR[word])
    found.update(_stems(word))
    return frozenset(w for w in found if len(w) > 1)


def _stems(word: str) -> list[str]:
    """The word without one regular ending, with and without an "e", undoubled."""
    if word.endswith(("ies", "ied")) and len(word) > 4:
        return [word[:-3] + "y"]
    if word.endswith("ing") and len(word) > 5:
        return _bare(word[:-3])
    if word.endswith("ed") and len(word) > 4:
        return _bare(word[:-2]) + [word[:-1]]
    if word.endswith("es") and len(word) > 4:
        return [word[:-2], word[:-1]]
    if word.endswith("ly") and len(word) > 5:
        return [word[:-2]]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return [word[:-1]]
    return []


def _bare(stem: str) -> list[str]:
    """ "mov" -> mov, move; "stopp" -> stopp, stop."""
    found = [stem, stem + "e"]
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "aeiousl":
        found.append(stem[:-1])
    return found
