"""The key that signs every cookie: never one that anyone else knows.

A key written in the source signs cookies an attacker can forge too (a cookie
saying ``{"_user_id": "1"}`` opens the first teacher's account), so quizapp has
none. In order:

1. ``QUIZAPP_SECRET_KEY`` or ``SECRET_KEY`` in ``instance/config.py``;
2. with ``QUIZAPP_ENV=production`` there is no fallback: the app refuses to
   start, because several app servers must share one key and only the admin can
   give it to them all;
3. a test app gets a random key of its own, written nowhere;
4. otherwise (``make run``, or ``quizapp serve`` on one machine) the key in
   ``instance/secret_key``, made once from ``secrets`` and readable by its owner
   only. Every worker, and every restart, reads the same file, so logins and
   pupils' links to their answers survive a restart.
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

FILE_NAME = "secret_key"
KEY_BYTES = 32  # 64 hex digits, as `secrets.token_hex(32)` in the docs

PRODUCTION_WITHOUT_KEY = (
    "QUIZAPP_SECRET_KEY is not set. In production set it to a long random value, the same on every app "
    "server, e.g. `python -c 'import secrets; print(secrets.token_hex(32))'`, or put SECRET_KEY in "
    "instance/config.py."
)


def secret_key(config, instance_path: str | os.PathLike) -> str:
    """The key for this app's settings, following the order in the module's docstring."""
    if config.get("SECRET_KEY"):
        return config["SECRET_KEY"]
    if config.get("QUIZAPP_ENV") == "production":
        raise RuntimeError(PRODUCTION_WITHOUT_KEY)
    if config.get("TESTING"):
        return secrets.token_hex(KEY_BYTES)
    return instance_key(Path(instance_path))


def instance_key(folder: Path) -> str:
    """The key kept in ``folder/secret_key``, made on first use.

    Workers start at the same moment, so the file appears whole or not at all:
    the key is written to a private temporary file, then linked to its name,
    which fails if another process got there first; everyone then reads the
    one file that won.
    """
    path = folder / FILE_NAME
    if not path.exists():
        _create(path)
    return _read(path)


def _create(path: Path) -> None:
    """Write a new random key to ``path`` unless one appears there first."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        draft = path.with_name(f".{FILE_NAME}.{os.getpid()}.{secrets.token_hex(4)}")
        descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="ascii") as file:
            file.write(secrets.token_hex(KEY_BYTES) + "\n")
        try:
            os.link(draft, path)
        except FileExistsError:
            pass  # another worker's key won; it is read below
        finally:
            draft.unlink()
    except OSError as exc:
        raise RuntimeError(
            f"Could not keep a secret key in {path} ({exc.strerror}). Let the user that runs quizapp "
            "write to the instance folder, or set QUIZAPP_SECRET_KEY."
        ) from exc


def _read(path: Path) -> str:
    """The key in ``path``, refused if other users can read it or it is too short to be safe."""
    mode = path.stat().st_mode
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise RuntimeError(
            f"{path} can be read by other users (mode {stat.filemode(mode)}): anyone who reads it can sign in "
            f"as any teacher. Run `chmod 600 {path}`, or delete it to have a new key made."
        )
    key = path.read_text(encoding="ascii", errors="replace").strip()
    if len(key) < 2 * KEY_BYTES:
        raise RuntimeError(
            f"{path} holds no usable key ({len(key)} characters). Delete it to have a new one made."
        )
    return key
