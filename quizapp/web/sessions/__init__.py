"""A teacher's class sessions: start one from a pack, show its code, watch results live, close, export."""

from flask import Blueprint

bp = Blueprint("sessions", __name__, url_prefix="/teacher/sessions")
