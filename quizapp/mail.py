"""Outgoing e-mail: the password reset link, sent through Flask-Mailman when the school sets up SMTP.

Flask-Mailman (Django's mail code, ported) does the SMTP, STARTTLS and the
headers; nothing here speaks SMTP. Mail is off unless ``MAIL_SERVER`` is set
(``config.mail_enabled``): a school LAN without a mail server keeps working,
and the forgot-password page then sends teachers to their admin.

The e-mail is sent by the background worker, never inside the request that
asked for it: the page answers at once and in the same time whether or not
the address has an account (a request that waited for SMTP only for known
addresses would tell them apart), and a mail server that is slow or down
costs a teacher nothing but the e-mail.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from flask import render_template
from flask_mailman import EmailMessage

from quizapp.config import mail_enabled
from quizapp.services import password_reset

log = logging.getLogger(__name__)

RESET_ENDPOINT = "auth.reset_password"
SUBJECT = "Set a new quizapp password"


def link_url(app, token: str, base_url: str | None) -> str:
    """The reset page's address for ``token``: under ``base_url`` (the school's address), or the bare path.

    Built from the app's own URL rules, so the link and the page cannot
    disagree; never from a request's Host header.
    """
    parts = urlsplit(base_url or "")
    adapter = app.url_map.bind(
        parts.netloc or "localhost", script_name=parts.path or "/", url_scheme=parts.scheme or "http"
    )
    return adapter.build(RESET_ENDPOINT, {"token": token}, force_external=bool(base_url))


def send_reset_link(app, email: str) -> bool:
    """E-mail a reset link to ``email`` if it is a teacher's account; whether a message was sent.

    Runs in the worker, in ``app``'s context. An address with no account gets
    nothing (and the log says nothing about it either).
    """
    link = password_reset.make_link(email, app.config["SECRET_KEY"])
    if link is None or not mail_enabled(app.config):
        return False
    body = render_template(
        "auth/reset_email.txt",
        name=link.display_name,
        hours=password_reset.LINK_HOURS,
        url=link_url(app, link.token, app.config["BASE_URL"]),
        base_url=app.config["BASE_URL"],
    )
    EmailMessage(SUBJECT, body, to=[link.email]).send()
    return True
