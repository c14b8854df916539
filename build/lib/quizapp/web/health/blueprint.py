"""URL rules of the health check."""

from flask import Blueprint

from quizapp.extensions import limiter
from quizapp.web.health import views

bp = Blueprint("health", __name__)

# A load balancer probes every few seconds from one address: never rate-limited.
bp.add_url_rule("/healthz", view_func=limiter.exempt(views.healthz))
