"""URL rules of the pupil side, their rate limits, and its error handlers (expired page, 403, 429).

Joining is limited per client address (a whole school may share one, so
the limit is generous, and failed tries have a tighter one of their own)
and per code typed (failed tries), which makes guessing codes hopeless;
a visit to a class page by a browser that has not joined it counts as a
failed try too, and gets the same redirect to the join form for any code;
answer saves per pupil, generously. The limits are settings
(``JOIN_LIMIT_PER_ADDRESS`` and the others in ``limits``) in Flask-Limiter's syntax.
"""

from flask import Blueprint
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import Forbidden, TooManyRequests

from quizapp.web.join import levels, limits, status, views

bp = Blueprint("join", __name__)

join_limited = limits.join_limits(views.join)
bp.add_url_rule("/join", view_func=join_limited, methods=["GET", "POST"])
bp.add_url_rule("/join/<code>", endpoint="join_code", view_func=join_limited, methods=["GET", "POST"])
bp.add_url_rule("/class/<code>", view_func=limits.class_page_limits(views.class_page))
bp.add_url_rule(
    "/class/<code>/answers/<int(signed=True):number>",
    view_func=limits.answer_limits(views.save),
    methods=["POST"],
)
bp.add_url_rule("/class/<code>/finish", view_func=views.finish, methods=["POST"])
bp.add_url_rule("/class/<code>/level", view_func=levels.choose, methods=["POST"])
bp.add_url_rule("/class/<code>/again", view_func=views.try_again, methods=["POST"])

# These come before the app's handlers: an htmx autosave gets its status fragment, not a whole page.
bp.register_error_handler(CSRFError, views.expired)
bp.register_error_handler(TooManyRequests, views.too_many)
bp.register_error_handler(Forbidden, views.forbidden)

bp.add_app_template_global(status.shown_feedback, "join_feedback")
bp.add_app_template_global(status.shown_answer, "join_answer")
