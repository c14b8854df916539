"""URL rules of the reading feature, and the template helpers its pages use."""

from flask import Blueprint

from quizapp.web.reading import markup, panels, views

bp = Blueprint("reading", __name__)

bp.add_url_rule("/", view_func=views.index)
bp.add_url_rule("/articles/<slug>", view_func=views.article)

bp.add_app_template_filter(panels.reading_time, "reading_time")
bp.add_app_template_global(markup.anchor_id, "anchor_id")
bp.add_app_template_global(markup.role_id, "role_id")
