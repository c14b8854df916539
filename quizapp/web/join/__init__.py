"""Pupils in a class session: join with a code and a name, read, and answer (each answer saved at once)."""

from flask import Blueprint

bp = Blueprint("join", __name__)
