"""URL rules of the accounts feature."""

from flask import Blueprint

from quizapp.web.auth import reset, views
from quizapp.web.auth.limits import limit_login, limit_register, limit_reset

bp = Blueprint("auth", __name__)

bp.add_url_rule("/register", view_func=limit_register(views.register), methods=["GET", "POST"])
bp.add_url_rule("/teacher/invites", view_func=views.invites, methods=["GET", "POST"])
bp.add_url_rule("/login", view_func=limit_login(views.login), methods=["GET", "POST"])
# POST only: a link could be followed by a crawler or a prefetch.
bp.add_url_rule("/logout", view_func=views.logout, methods=["POST"])
bp.add_url_rule("/forgot-password", view_func=limit_reset(reset.forgot_password), methods=["GET", "POST"])
bp.add_url_rule("/reset-password/<token>", view_func=reset.reset_password, methods=["GET", "POST"])
