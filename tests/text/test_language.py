"""Text that is not English is refused with what quizapp can and cannot do (issue 14, Low: a Chinese
article got reading grade 1425.2)."""

import pytest
from factories import SEED_PARAGRAPHS

from quizapp.text import pipeline
from quizapp.text.errors import InputError
from quizapp.text.reading import language

CHINESE = (
    "叙利亚战争进入新阶段",
    (
        "叙利亚战争已进入新阶段，总统巴沙尔·阿萨德在从伊斯兰国手中夺回的地区扩大控制。"
        "在俄罗斯和伊朗的支持下，政府希望抢先一步。"
    ),
)
FRENCH = (
    (
        "La guerre en Syrie entre dans une nouvelle phase alors que le président Bachar al-Assad étend son emprise "
        "sur les zones reprises à l'État islamique. Soutenu par la Russie et l'Iran, le gouvernement espère "
        "devancer les milices soutenues par les États-Unis dans la course pour reprendre les territoires de "
        "l'est du pays, où les forces gouvernementales ont pris la ville d'al-Sukhna samedi."
    ),
)
RUSSIAN = ("Война в Сирии вступила в новую фазу: президент Башар Асад расширяет контроль над районами.",)


@pytest.mark.parametrize(
    "paragraphs, says",
    [
        (CHINESE, "most of its letters are Chinese or Japanese characters"),
        (RUSSIAN, "most of its letters are Cyrillic"),
        (FRENCH, "almost none of the commonest English words"),
    ],
    ids=["chinese", "russian", "french"],
)
def test_text_that_is_not_english_is_refused_saying_what_quizapp_can_do(paragraphs, says):
    with pytest.raises(language.NotEnglish) as refused:
        language.require_english(paragraphs)
    assert says in str(refused.value)
    assert "reading level, finds who's who and writes questions for English articles only" in str(
        refused.value
    )
    assert isinstance(refused.value, InputError)  # the web and the CLI show it as a message, not a 500


@pytest.mark.parametrize(
    "paragraphs",
    [
        SEED_PARAGRAPHS,
        ("Assad and Putin meet in Sochi",),  # a headline: too short to judge by its words
        (
            "Syria’s war: Damascus, Moscow, Tehran and al-Sukhna (الـسخنة) on the map.",
        ),  # a few words of Arabic
    ],
    ids=["the-seed", "a-headline", "english-with-arabic"],
)
def test_english_passes(paragraphs):
    language.require_english(paragraphs)


def test_the_pipeline_refuses_chinese_before_scoring_it(nlp):
    with pytest.raises(language.NotEnglish):
        pipeline.analyse("\n\n".join(CHINESE), nlp)
