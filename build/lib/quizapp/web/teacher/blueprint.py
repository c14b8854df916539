"""URL rules of the teacher's area; every page in it needs a logged-in teacher."""

from flask import Blueprint

from quizapp.web.teacher import views

bp = Blueprint("teacher", __name__, url_prefix="/teacher")

bp.add_url_rule("", view_func=views.dashboard)
