"""No cookie signed with a key anyone else knows: `quizapp serve` without a key keeps a random one of its own.

Before, an app without QUIZAPP_SECRET_KEY and without QUIZAPP_ENV=production
signed cookies with a key written in the source, so a forged
``{"_user_id": "1"}`` opened the first teacher's dashboard (issue 14).
"""

import os
import stat
import threading

import pytest
from flask import Flask
from records import make_teacher

from quizapp import create_app, serving
from quizapp.cli import main
from quizapp.extensions import db
from quizapp.secret_key import instance_key

# The key every quizapp before this change used when none was set.
PUBLISHED_KEY = "quizapp-development-key-not-secret"


def forged_session(key: str, teacher_id: int) -> str:
    """The session cookie an attacker signs with ``key``, saying "teacher ``teacher_id`` is logged in"."""
    forger = Flask("forger")
    forger.secret_key = key
    return forger.session_interface.get_signing_serializer(forger).dumps(
        {"_user_id": str(teacher_id), "_fresh": True}
    )


@pytest.fixture
def served_config(app_config, tmp_path):
    """The app as `quizapp serve` builds it on one machine: no key set, not a test app, its own instance folder."""
    return {**app_config, "TESTING": False, "SECRET_KEY": None, "INSTANCE_PATH": str(tmp_path / "instance")}


def teacher_in(app) -> int:
    with app.app_context():
        teacher_id = make_teacher().id
        db.session.commit()
    return teacher_id


def test_a_cookie_signed_with_the_published_key_opens_nothing(served_config):
    app = create_app(served_config)
    teacher_id = teacher_in(app)
    client = app.test_client()
    client.set_cookie("session", forged_session(PUBLISHED_KEY, teacher_id))
    response = client.get("/teacher")
    assert response.status_code == 302 and "/login" in response.location
    # The control: the same cookie signed with the app's real key is a logged-in teacher, so the test can fail.
    client.set_cookie("session", forged_session(app.secret_key, teacher_id))
    assert client.get("/teacher").status_code == 200


def test_without_a_key_the_app_keeps_a_private_random_one_across_restarts(served_config, tmp_path):
    first = create_app(served_config).secret_key
    key_file = tmp_path / "instance" / "secret_key"
    assert key_file.read_text().strip() == first
    assert len(first) == 64 and int(first, 16) and first != PUBLISHED_KEY
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert (
        create_app(served_config).secret_key == first
    )  # a restart, or another worker: same key, same logins


def test_serve_makes_the_key_before_any_worker_starts(runner, monkeypatch, tmp_path):
    started = []
    monkeypatch.setattr(serving, "serve", started.append)
    folder = tmp_path / "school"
    result = runner.invoke(
        main,
        ["serve"],
        env={"QUIZAPP_ENV": None, "QUIZAPP_SECRET_KEY": None, "QUIZAPP_INSTANCE_PATH": str(folder)},
    )
    assert result.exit_code == 0, result.output
    assert len(started) == 1
    assert stat.S_IMODE((folder / "secret_key").stat().st_mode) == 0o600


def test_workers_starting_together_share_one_key(tmp_path):
    keys, barrier = [], threading.Barrier(8)

    def worker():
        barrier.wait()
        keys.append(instance_key(tmp_path))

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(keys) == 8 and len(set(keys)) == 1
    assert sorted(os.listdir(tmp_path)) == ["secret_key"]  # no half-written drafts left behind


def test_a_key_file_others_can_read_stops_the_start_with_what_to_do(
    served_config, tmp_path, runner, monkeypatch
):
    create_app(served_config)
    key_file = tmp_path / "instance" / "secret_key"
    key_file.chmod(0o644)
    with pytest.raises(RuntimeError, match=r"can be read by other users .*chmod 600"):
        create_app(served_config)
    monkeypatch.setattr(serving, "serve", lambda options: pytest.fail("a worker started"))
    result = runner.invoke(
        main,
        ["serve"],
        env={
            "QUIZAPP_ENV": None,
            "QUIZAPP_SECRET_KEY": None,
            "QUIZAPP_INSTANCE_PATH": str(tmp_path / "instance"),
        },
    )
    assert result.exit_code == 1 and "chmod 600" in result.output and "Traceback" not in result.output


def test_an_instance_folder_that_cannot_be_written_says_so(served_config, tmp_path):
    (tmp_path / "a-file").write_text("not a folder")
    with pytest.raises(RuntimeError, match="Could not keep a secret key .* or set QUIZAPP_SECRET_KEY"):
        create_app({**served_config, "INSTANCE_PATH": str(tmp_path / "a-file" / "instance")})


def test_an_empty_key_file_is_refused(served_config, tmp_path):
    key_file = tmp_path / "instance" / "secret_key"
    key_file.parent.mkdir()
    key_file.write_text("")
    key_file.chmod(0o600)
    with pytest.raises(RuntimeError, match="holds no usable key"):
        create_app(served_config)


def test_a_set_key_wins_and_no_file_is_written(served_config, tmp_path):
    assert create_app({**served_config, "SECRET_KEY": "from-the-admin"}).secret_key == "from-the-admin"
    assert not (tmp_path / "instance" / "secret_key").exists()


def test_a_test_app_without_a_key_gets_a_random_one_and_writes_nothing(served_config, tmp_path):
    keys = {create_app({**served_config, "TESTING": True}).secret_key for _ in range(2)}
    assert len(keys) == 2 and PUBLISHED_KEY not in keys
    assert not (tmp_path / "instance" / "secret_key").exists()


def test_production_still_wants_the_key_set_for_all_its_servers(served_config, tmp_path):
    with pytest.raises(RuntimeError, match="QUIZAPP_SECRET_KEY is not set.*the same on every app server"):
        create_app({**served_config, "QUIZAPP_ENV": "production"})
    assert not (tmp_path / "instance" / "secret_key").exists()
