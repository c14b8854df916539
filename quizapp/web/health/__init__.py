"""``/healthz``: whether the app, its database and its NLP model can serve (for load balancers and admins)."""

from flask import Blueprint

bp = Blueprint("health", __name__)
