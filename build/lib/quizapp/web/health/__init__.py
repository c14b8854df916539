"""``/healthz``: whether the app, its database and its NLP model can serve (for load balancers and admins)."""

from quizapp.web.health.blueprint import bp

__all__ = ["bp"]
