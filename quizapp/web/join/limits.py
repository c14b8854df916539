"""Rate limits of the pupil side (Flask-Limiter), each a setting with a default that suits a school.

A whole school often reaches the server from one address, so the limit per
address is generous; failed joins (an unknown or closed code, a bad name)
have a tighter one, per address and per code typed. The per-address count
of failures never refuses a code the address already knows (a pupil there
joined it, or the teacher showed it there: ``web.common.known_codes``), so
one class's typos do not lock out another class of the same school. Each pupil's answer
saves are counted by their token, not their address, so one class's
autosaves never crowd out another's.
"""

from __future__ import annotations

import hashlib

from flask import current_app, request
from flask_limiter.util import get_remote_address

from quizapp.extensions import limiter
from quizapp.services.classroom import normalise_code
from quizapp.web.common import known_codes
from quizapp.web.join.cookie import remembered

DEFAULTS = {
    "JOIN_LIMIT_PER_ADDRESS": "120 per minute",  # every join POST from one address (a school: several classes)
    "JOIN_FAILURES_PER_ADDRESS": "20 per minute;200 per day",  # wrong codes from one address
    "JOIN_FAILURES_PER_CODE": "20 per minute",  # failed joins naming one code
    "ANSWER_LIMIT_PER_PUPIL": "120 per minute",  # autosaves by one pupil: far above anyone typing
}
TOO_MANY_SAVES = "Too many saves in a short time: wait a few seconds, then press Save."


def setting(name: str):
    """A limit as a callable Flask-Limiter reads per request, so each app's config decides."""
    return lambda: current_app.config.get(name, DEFAULTS[name])


def failed(response) -> bool:
    """A join that did not go to the class page: it counts against the failure limits."""
    return response.status_code != 303


def code_typed() -> str:
    """The code a join form or class page names (the URL's, else the form's), as stored."""
    return normalise_code((request.view_args or {}).get("code") or request.form.get("code", ""))


def typed_code() -> str:
    """The per-code limits' key."""
    return "code:" + code_typed()


def known_here() -> bool:
    """Whether this address knows the code it names: then its failures elsewhere do not hold it back."""
    return known_codes.known(code_typed())


def pupil_key() -> str:
    """The pupil's token for this class (hashed: keys may end up in Redis), else their address."""
    code = normalise_code((request.view_args or {}).get("code", ""))
    token = remembered().get(code)
    if not token:
        return "address:" + get_remote_address()
    return "pupil:" + hashlib.sha256(str(token).encode()).hexdigest()[:32]


def join_limits(view):
    """``view`` with the join limits (POSTs only: looking at the form costs nothing)."""
    limited = limiter.shared_limit(setting("JOIN_LIMIT_PER_ADDRESS"), scope="join-address", methods=["POST"])(
        view
    )
    return failure_limits(limited, "POST", failed)


def failure_limits(view, method: str, failure):
    """``view`` under the failed-join limits, per address (codes known there exempt) and per code tried.

    The join form and the class page share the counts (the same scopes), so
    a guesser gains nothing by switching from one to the other.
    """
    limited = limiter.shared_limit(
        setting("JOIN_FAILURES_PER_ADDRESS"),
        scope="join-failures-address",
        methods=[method],
        deduct_when=failure,
        exempt_when=known_here,
    )(view)
    return limiter.shared_limit(
        setting("JOIN_FAILURES_PER_CODE"),
        scope="join-failures-code",
        key_func=typed_code,
        methods=[method],
        deduct_when=failure,
    )(limited)


def not_a_pupil(response) -> bool:
    """A class page that was not a joined pupil's own (a redirect to the join form): a guess, maybe."""
    return response.status_code != 200


def class_page_limits(view):
    """``view`` (the class page) under the join form's failure limits, sharing their counts.

    A browser that has not joined is sent to the join form whatever the
    code, so the page tells a guesser nothing; counting those visits as
    failed joins stops the guessing all the same.
    """
    return failure_limits(view, "GET", not_a_pupil)


def answer_limits(view):
    """``view`` with the per-pupil limit on answer saves."""
    return limiter.limit(setting("ANSWER_LIMIT_PER_PUPIL"), key_func=pupil_key)(view)
