"""The health check: cheap enough to probe every few seconds, honest enough to take a server out of rotation.

It never loads spaCy (a second and ~250 MB): it says whether the model is
installed and whether this process has loaded it yet. Only the database
and the disk decide the status code, because pupils' pages and grading
need the database (and room for its writes) but never the model; a missing
model stops the server at start (``config.require_model_installed``), so
"not installed" here means it was
removed while running, and only adding articles is affected.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import sqlalchemy as sa
from flask import current_app, jsonify

from quizapp.config import require_model_installed
from quizapp.database import sqlite_folder
from quizapp.extensions import db
from quizapp.text.errors import ModelNotInstalled
from quizapp.text.reading import nlp

log = logging.getLogger(__name__)


def healthz():
    """200 and ``{"app": "ok", "database": "ok", "disk": "ok", "model": ...}`` when this server can serve, else 503."""
    report = {
        "app": "ok",
        "database": database_status(),
        "disk": disk_status(),
        "model": model_status(current_app.config["SPACY_MODEL"]),
    }
    response = jsonify(report)
    response.status_code = 200 if report["database"] == report["disk"] == "ok" else 503
    response.headers["Cache-Control"] = "no-store"  # a cached "ok" would hide an outage
    return response


def database_status() -> str:
    """ "ok" if ``SELECT 1`` answers, else "error: <kind>" (the details go to the log, not to strangers)."""
    try:
        with db.engine.connect() as connection:
            connection.execute(sa.text("SELECT 1"))
    except Exception as exc:  # any failure means the same thing here: this server cannot serve
        log.exception("Health check: the database did not answer")
        return f"error: {type(exc).__name__}"
    return "ok"


def disk_status() -> str:
    """ "ok", or "low: N MB free" when the disk of the SQLite file (else the instance folder) is almost full.

    A full disk makes every save fail (each is refused with a 503 and loses
    nothing), so a load balancer should send pupils elsewhere before that.
    """
    folder = sqlite_folder(current_app.config["SQLALCHEMY_DATABASE_URI"]) or Path(current_app.instance_path)
    try:
        free_mb = shutil.disk_usage(folder).free // (1024 * 1024)
    except OSError:
        log.exception("Health check: cannot read the free space of %s", folder)
        return "error: cannot read the free space"
    return "ok" if free_mb >= current_app.config["HEALTH_MIN_FREE_MB"] else f"low: {free_mb} MB free"


def model_status(name: str) -> str:
    """ "ok" (loaded in this process), "not loaded" (installed, loads on the first analysis) or "error: not installed"."""
    try:
        require_model_installed(name)
    except ModelNotInstalled:
        return "error: not installed"
    # nlp.load caches the pipeline per process; a filled cache means it is loaded, without loading it.
    return "ok" if nlp._load.cache_info().currsize else "not loaded"
