"""Teacher accounts: register, log in, log out; and the helpers every teacher page uses."""

from quizapp.web.auth.access import current_teacher_id, logged_in_teacher_id
from quizapp.web.auth.blueprint import bp

__all__ = ["bp", "current_teacher_id", "logged_in_teacher_id"]
