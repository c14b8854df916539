"""Self-study's forms: the page's arrangement read from its link, and "forget my progress".

The answers themselves use the quiz's form (``quizapp.web.common.answer_forms.quiz_form``).
"""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import Form, IntegerField, StringField
from wtforms.validators import Length, NumberRange, Optional, Regexp

from quizapp.services import study

NUMBER_LIST = r"^[0-9]{1,4}(,[0-9]{1,4}){0,199}$"


class ArrangementArgs(Form):
    """``?seed=&round=&only=`` of a study page: which questions, in which order (see ``services.study``).

    A plain WTForms form over the query string: the link is not a
    submission, so it carries no CSRF token. Anything malformed is refused
    with one message, since a pupil never types these by hand.
    """

    seed = IntegerField(validators=[Optional(), NumberRange(0, study.MAX_SEED)])
    round = IntegerField(validators=[Optional(), NumberRange(0, study.MAX_ROUNDS)])
    only = StringField(validators=[Optional(), Length(max=1000), Regexp(NUMBER_LIST)])

    def arrangement(self, default_seed: int) -> study.Arrangement:
        """The arrangement asked for; ``default_seed`` when the link has none (a first visit)."""
        only = tuple(int(n) for n in self.only.data.split(",")) if self.only.data else ()
        seed = default_seed if self.seed.data is None else self.seed.data
        return study.Arrangement(seed, self.round.data or 0, only)


def link_args(arrangement: study.Arrangement) -> dict[str, Any]:
    """The query arguments that rebuild ``arrangement`` (round 0 and "every question" left out)."""
    args: dict[str, Any] = {"seed": arrangement.seed}
    if arrangement.round:
        args["round"] = arrangement.round
    if arrangement.only:
        args["only"] = ",".join(str(n) for n in arrangement.only)
    return args


class ForgetForm(FlaskForm):
    """The "forget my progress" button: nothing but its CSRF token."""
