"""A pack file carries the teacher's glossary corrections with its article (issue 10, item 5)."""

from __future__ import annotations

import pytest

from quizapp.interchange import PackFormatError, dump, load
from quizapp.text.actors.glossary_edits import Correction
from quizapp.text.pack import Pack, PackArticle

CORRECTIONS = (
    Correction(
        "edit", "Islamic State", name="Islamic State (IS)", kind="organization", role="militant group"
    ),
    Correction("edit", "Iran", name="Iran", kind="country", role=""),
    Correction("merge", "Syria", into="Bashar al-Assad"),
    Correction("drop", "Deir al-Zor"),
)
PACK = Pack(
    title="Syria", article=PackArticle(title="Syria's war", text="Assad spoke.", glossary=CORRECTIONS)
)


@pytest.mark.parametrize("fmt", ["json", "yaml", "gift"])
def test_corrections_survive_export_then_import_in_order(fmt):
    assert load(dump(PACK, fmt), fmt).pack.article.glossary == CORRECTIONS


def test_yaml_shows_each_correction_with_only_the_fields_it_uses():
    text = dump(PACK, "yaml")
    assert "  glossary:\n  - edit: edit\n    actor: Islamic State\n    name: Islamic State (IS)\n" in text
    assert "  - edit: drop\n    actor: Deir al-Zor\n" in text
    assert "  - edit: merge\n    actor: Syria\n    into: Bashar al-Assad\n" in text


def test_a_pack_without_corrections_has_no_glossary_field():
    assert "glossary" not in dump(Pack(title="T", article=PackArticle(title="A", text="B.")), "yaml")


HEAD = "format: quizapp-pack/1\ntitle: T\narticle:\n  title: A\n  text: B.\n  glossary:\n"


@pytest.mark.parametrize(
    "item, expected",
    [
        (
            "  - {edit: rename, actor: Iran}",
            r"^article\.glossary\[0\]\.edit: must be one of edit, drop, merge, not 'rename'",
        ),
        ("  - {edit: drop}", r"^article\.glossary\[0\]\.actor: required"),
        ("  - {edit: drop, actor: '  '}", r"^article\.glossary\[0\]\.actor: must not be empty"),
        ("  - {edit: edit, actor: Iran, name: Persia}", r"^article\.glossary\[0\]\.kind: required"),
        (
            "  - {edit: edit, actor: Iran, name: Persia, kind: planet}",
            r"^article\.glossary\[0\]\.kind: must be one of",
        ),
        ("  - {edit: merge, actor: Iran}", r"^article\.glossary\[0\]\.into: required"),
        ("  - {edit: drop, actor: Iran, colour: red}", r"^article\.glossary\[0\]\.colour: unknown field"),
        ("  - Iran", r"^article\.glossary\[0\]: must be a mapping"),
    ],
)
def test_a_malformed_correction_is_refused_with_its_field_path(item, expected):
    with pytest.raises(PackFormatError, match=expected):
        load(HEAD + item + "\n", "yaml")
