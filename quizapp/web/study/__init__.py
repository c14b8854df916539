"""Self-study: anyone picks an article or a public pack, answers, tries the missed questions again, sees progress."""

from flask import Blueprint

bp = Blueprint("study", __name__, url_prefix="/study")
