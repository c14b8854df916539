"""Extension instances, unbound: the factory binds them with ``init_app``.

Nothing imports them from the app module, so there is no import cycle and each
test app gets its own binding.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_mailman import Mail
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy.orm import DeclarativeBase

from quizapp import database

# At the repository root beside templates/ and static/, found from any working directory.
MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


class Base(DeclarativeBase):
    """The models' base class: its metadata names every constraint (``database.NAMING_CONVENTION``)."""

    metadata = database.metadata()


csrf = CSRFProtect()
db = SQLAlchemy(model_class=Base)
# The models' base class: ``db.Model`` is ``Base`` with Flask-SQLAlchemy's helpers mixed in, made at
# run time, so the type checker is shown ``Base`` itself.
if TYPE_CHECKING:
    Model = Base
else:
    Model = db.Model
# Batch mode lets Alembic alter SQLite tables (by copying them); PostgreSQL gets plain ALTERs.
migrate = Migrate(directory=str(MIGRATIONS), render_as_batch=True, compare_type=True)
# No default limits: only the routes a stranger could hammer (join, login) carry one, and each
# says whom it counts (the client, the join code). Where the counts live is RATELIMIT_STORAGE_URI:
# memory:// for one process, redis://... when several app servers share them (docs/deploy.md).
limiter = Limiter(key_func=get_remote_address)
login_manager = LoginManager()
mail = Mail()  # Flask-Mailman: password reset links (quizapp/mail.py), when MAIL_SERVER is set
login_manager.login_view = "auth.login"
login_manager.login_message = "Please log in to see that page."
login_manager.login_message_category = "info"


def configure_extensions(app) -> None:
    """Bind every extension to ``app``."""
    csrf.init_app(app)
    configure_limiter(app)
    configure_database(app)
    configure_login(app)
    mail.init_app(app)
    configure_tasks(app)


def configure_limiter(app) -> None:
    """Bind the rate limiter with exactly this app's ``RATELIMIT_*`` settings.

    One ``Limiter`` serves every app a process builds (the tests build
    hundreds), and Flask-Limiter keeps the first ``RATELIMIT_DEFAULT`` it
    sees for good; cleared first, a limit set for one app cannot leak into
    the next one's routes. ``memory://`` counts are kept without a timer
    thread per hit (``quizapp.rate_limit_storage``, which registers itself
    for that scheme when imported).
    """
    from quizapp import rate_limit_storage  # noqa: F401  (replaces limits' ``memory://`` storage)

    limiter.limit_manager.set_default_limits([])
    limiter.init_app(app)


def configure_database(app) -> None:
    """Bind the database and migrations; SQLite gets its folder and its settings for concurrent use."""
    import quizapp.models  # noqa: F401  (registers every table, for create_all and Alembic's autogenerate)

    folder = database.sqlite_folder(app.config["SQLALCHEMY_DATABASE_URI"])
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)  # SQLite creates the file, not the instance folder
    db.init_app(app)
    migrate.init_app(app, db)
    with app.app_context():
        database.configure_engine(db.engine)


def configure_tasks(app) -> None:
    """The queue articles wait in for the background worker (``quizapp.tasks``)."""
    from quizapp import tasks

    tasks.init_app(app)


def configure_login(app) -> None:
    """Teachers log in with Flask-Login; the session keeps only their id, loaded again per request."""
    from quizapp.services.teachers import load_teacher

    login_manager.init_app(app)
    login_manager.user_loader(load_teacher)
