"""Reset links: signed with the app's key, dead after an hour, after one use, and after any new password."""

import types

import itsdangerous
import pytest
from werkzeug.security import check_password_hash

from quizapp.extensions import db
from quizapp.models import Teacher
from quizapp.services import password_reset, teachers
from quizapp.services.password_reset import LinkRefused

pytestmark = pytest.mark.db

KEY = "test"  # the app_config fixture's SECRET_KEY
OLD, NEW = "correct horse battery", "purple elephant dances slowly"


@pytest.fixture
def ann(app):
    """Ann's account; her id."""
    with app.app_context():
        return teachers.create_teacher("ann@school.example", "Ann Rivera", OLD)


@pytest.fixture
def clock(monkeypatch):
    """Set the clock itsdangerous stamps and checks tokens with: ``clock.now = seconds``."""
    fake = types.SimpleNamespace(now=1_800_000_000.0)
    monkeypatch.setattr(itsdangerous.timed, "time", types.SimpleNamespace(time=lambda: fake.now))
    return fake


def account(app, teacher_id):
    with app.app_context():
        teacher = db.session.get(Teacher, teacher_id)
        return teacher.password_hash, teacher.session_generation


def test_a_link_sets_the_password_once_and_ends_every_login(app, ann):
    with app.app_context():
        link = password_reset.make_link(" ANN@School.example ", KEY)
        assert (link.email, link.display_name) == ("ann@school.example", "Ann Rivera")
        assert password_reset.check_link(link.token, KEY) == "ann@school.example"
        assert password_reset.use_link(link.token, NEW, KEY) == ann
        with pytest.raises(LinkRefused, match="already used"):
            password_reset.use_link(link.token, "another fine passphrase here", KEY)
    password_hash, generation = account(app, ann)
    assert check_password_hash(password_hash, NEW) and generation == 1  # was 0: every old cookie is dead


def test_an_unknown_email_gets_no_link(app, ann):
    with app.app_context():
        assert password_reset.make_link("zoe@school.example", KEY) is None


def test_a_link_works_for_an_hour_and_not_a_second_more(app, ann, clock):
    with app.app_context():
        token = password_reset.make_link("ann@school.example", KEY).token
        clock.now += 3600  # exactly one hour later: still good
        assert password_reset.check_link(token, KEY) == "ann@school.example"
        clock.now += 1
        with pytest.raises(LinkRefused, match="more than 1 hour old"):
            password_reset.use_link(token, NEW, KEY)
    assert account(app, ann)[1] == 0  # nothing changed


def test_a_new_password_set_any_other_way_kills_older_links(app, ann):
    """The admin's ``set-password`` (or another link) changes the hash the link was made for."""
    with app.app_context():
        token = password_reset.make_link("ann@school.example", KEY).token
        teachers.change_password(ann, NEW)
        with pytest.raises(LinkRefused):
            password_reset.check_link(token, KEY)


def test_logging_out_does_not_kill_a_link(app, ann):
    """A teacher still logged in on her phone who logs out there keeps the link she was sent."""
    with app.app_context():
        token = password_reset.make_link("ann@school.example", KEY).token
        teachers.end_sessions(ann)
        assert password_reset.use_link(token, NEW, KEY) == ann


def test_an_account_deleted_while_its_link_is_used_refuses_the_link(app, ann, monkeypatch):
    """Found by mypy (``db.session.get`` may return None between use_link's two reads).

    use_link checks the link, then reads the account again for its name; an
    account deleted in between made that read ``None.display_name``, a 500.
    Now it is the dead link's message.
    """
    real_check = password_reset.check_link

    def check_then_account_deleted(token, secret_key):
        email = real_check(token, secret_key)
        db.session.delete(db.session.get(Teacher, ann))  # an admin removes the account meanwhile
        db.session.commit()
        return email

    with app.app_context():
        token = password_reset.make_link("ann@school.example", KEY).token
        monkeypatch.setattr(password_reset, "check_link", check_then_account_deleted)
        with pytest.raises(LinkRefused):
            password_reset.use_link(token, NEW, KEY)


def test_a_weak_password_is_refused_and_the_link_still_works(app, ann):
    with app.app_context():
        token = password_reset.make_link("ann@school.example", KEY).token
        with pytest.raises(teachers.WeakPassword):
            password_reset.use_link(
                token, "password1234", KEY
            )  # the register page refuses it too (test_auth)
        with pytest.raises(teachers.AccountError, match="at least 10 characters"):
            password_reset.use_link(token, "short", KEY)
        assert password_reset.check_link(token, KEY) == "ann@school.example"
    assert check_password_hash(account(app, ann)[0], OLD)


def forged(payload, key=KEY, salt=password_reset.SALT):
    return itsdangerous.URLSafeTimedSerializer(key, salt=salt).dumps(payload)


@pytest.mark.parametrize(
    "token",
    [
        pytest.param(lambda link: forged([link[0], link[1]], key="another server's key"), id="other-key"),
        pytest.param(lambda link: forged([link[0], link[1]], salt="cookie-session"), id="other-purpose"),
        pytest.param(lambda link: forged([999, link[1]]), id="no-such-account"),
        pytest.param(lambda link: forged({"id": link[0]}), id="wrong-shape"),
        pytest.param(lambda link: forged(["1", link[1]]), id="id-as-text"),
        pytest.param(lambda link: "not-a-token", id="garbage"),
        pytest.param(lambda link: "", id="empty"),
        pytest.param(lambda link: "x" * 5000, id="huge"),
    ],
)
def test_a_forged_or_garbled_token_opens_nothing(app, ann, token):
    with app.app_context():
        link = password_reset.make_link("ann@school.example", KEY)
        teacher_id, fingerprint = itsdangerous.URLSafeTimedSerializer(KEY, salt=password_reset.SALT).loads(
            link.token
        )
        with pytest.raises(LinkRefused, match="does not work"):
            password_reset.use_link(token((teacher_id, fingerprint)), NEW, KEY)
    assert check_password_hash(account(app, ann)[0], OLD)


def test_the_token_does_not_carry_the_password_hash(app, ann):
    """A token is signed, not encrypted: anyone holding it can read it, so it must hold nothing to attack."""
    with app.app_context():
        token = password_reset.make_link("ann@school.example", KEY).token
        payload = itsdangerous.URLSafeTimedSerializer(KEY, salt=password_reset.SALT).loads(token)
    password_hash = account(app, ann)[0]
    assert payload[0] == ann and password_hash not in str(payload)
    assert all(part not in str(payload) for part in password_hash.split("$") if len(part) > 8)
