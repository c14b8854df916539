"""Teacher accounts in the browser's shoes: register, log in and out, CSRF, ``next``, the dashboard, ownership."""

import re

import pytest
import sqlalchemy as sa
from classroom_factories import csrf_token as token
from records import make_article, make_pack, make_teacher

from quizapp.extensions import db
from quizapp.models import Article, Teacher
from quizapp.services import article_editing, teachers
from quizapp.web.auth import logged_in_teacher_id

pytestmark = pytest.mark.db

PASSWORD = "correct horse battery"
ANN = {"display_name": "Ann Rivera", "email": "Ann@School.Example", "password": PASSWORD, "confirm": PASSWORD}
WRONG_LOGIN = "The email or the password is wrong."


class Auth:
    """Register, log in and out as a browser would: the page's token with every POST."""

    def __init__(self, client):
        self.client = client

    def post(self, url: str, data: dict, form_url: str | None = None, **options):
        html = self.client.get(form_url or url).get_data(as_text=True)
        return self.client.post(url, data={"csrf_token": token(html), **data}, **options)

    def register(self, **changes):
        return self.post("/register", {**ANN, **changes})

    def login(self, email="ann@school.example", password=PASSWORD, url="/login"):
        return self.post(url, {"email": email, "password": password})

    def logout(self):
        return self.post("/logout", {}, form_url="/teacher")


@pytest.fixture
def auth(client):
    return Auth(client)


@pytest.fixture
def ann(app):
    """Ann's account, made as ``quizapp create-teacher`` makes it; her id."""
    with app.app_context():
        return teachers.create_teacher("ann@school.example", "Ann Rivera", PASSWORD)


def page(response) -> str:
    return response.get_data(as_text=True)


# ---- registering ---------------------------------------------------------------------------------


def test_the_register_page_has_labelled_fields_for_a_password_manager(client):
    html = page(client.get("/register"))
    for label, autocomplete in (("Your name", "name"), ("Email", "email"), ("Password", "new-password")):
        assert f">{label}</label>" in html and f'autocomplete="{autocomplete}"' in html
    assert 'aria-describedby="password-hint"' in html and "At least 10 characters and hard to guess" in html


def test_registering_logs_the_teacher_in_with_a_hashed_password(app, auth):
    response = auth.register()
    assert response.status_code == 302 and response.headers["Location"] == "/teacher"
    dashboard = page(auth.client.get("/teacher"))
    assert (
        "Hello, Ann Rivera" in dashboard and "Your account is ready" in dashboard and "Log out" in dashboard
    )
    with app.app_context():
        teacher = db.session.scalars(sa.select(Teacher)).one()
        assert teacher.email == "ann@school.example"
        assert teacher.password_hash.startswith("scrypt:") and PASSWORD not in teacher.password_hash


def test_a_taken_email_is_a_form_error_whatever_its_case(app, auth, ann):
    response = auth.register(email="  ANN@school.example ")
    assert response.status_code == 422
    assert "There is already an account with this email." in page(response)
    assert 'aria-invalid="true"' in page(response) and 'aria-describedby="email-error"' in page(response)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Teacher.id))) == 1


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"email": "ann.school.example"}, "That does not look like an email address."),
        (
            {"password": "nine char", "confirm": "nine char"},
            "The password must be at least 10 characters long.",
        ),
        ({"confirm": "correct horse battery!"}, "The two passwords are not the same."),
        ({"display_name": "   "}, "Please enter your name."),
        (
            {"password": "aaaaaaaaaa", "confirm": "aaaaaaaaaa"},
            "That password is too easy to guess: Repeats like",
        ),
        (
            {"password": "password1234", "confirm": "password1234"},
            "That password is too easy to guess: This is a very common password.",
        ),
        (
            {"password": "ann@school.example", "confirm": "ann@school.example"},
            "That password is too easy to guess.",
        ),
    ],
    ids=["email", "short-password", "confirmation", "name", "repeats", "common", "own-email"],
)  # issue 14: weak ones
def test_bad_details_are_explained_and_make_no_account(app, auth, changes, message):
    response = auth.register(**changes)
    assert response.status_code == 422 and message in page(response)
    assert PASSWORD not in page(response)  # passwords are never sent back
    with app.app_context():
        assert db.session.scalars(sa.select(Teacher)).all() == []


# ---- logging in and out --------------------------------------------------------------------------


def test_logging_in_goes_to_the_dashboard(auth, ann):
    response = auth.login(email=" Ann@School.example")
    assert response.status_code == 302 and response.headers["Location"] == "/teacher"
    assert "Hello, Ann Rivera" in page(auth.client.get("/teacher"))


def test_a_wrong_password_and_an_unknown_email_get_the_same_answer(auth, ann):
    """Nothing on the page tells whether an account exists."""
    answers = [
        auth.login("ann@school.example", "wrong password"),
        auth.login("nobody@school.example", PASSWORD),
    ]
    assert [r.status_code for r in answers] == [422, 422]
    bodies = [re.sub(r'value="[^"]*"', "", page(r)) for r in answers]  # tokens and the typed email differ
    assert WRONG_LOGIN in bodies[0] and bodies[0] == bodies[1]
    assert auth.client.get("/teacher").status_code == 302  # still logged out


def test_logging_out_is_a_post_and_ends_the_session(auth, ann):
    auth.login()
    assert auth.client.get("/logout").status_code == 405  # a link or a prefetch cannot log anyone out
    response = auth.logout()
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert "You have logged out." in page(auth.client.get("/"))
    assert auth.client.get("/teacher").status_code == 302


def copy_of_cookie(app, client):
    """A second browser holding a copy of ``client``'s session cookie, as a thief or a shared PC would."""
    other = app.test_client()
    other.set_cookie("session", client.get_cookie("session").value)
    return other


def test_a_cookie_copied_before_logout_opens_nothing_after_it(app, auth, ann):
    """Issue 14 (8): logging out ended only the browser's copy; the cookie itself stayed valid."""
    auth.login()
    stolen = copy_of_cookie(app, auth.client)
    assert "Ann Rivera" in page(stolen.get("/teacher"))  # control: the copy works while she is logged in
    auth.logout()
    refused = stolen.get("/teacher")
    assert refused.status_code == 302 and refused.headers["Location"].startswith("/login")
    auth.login()  # she can log in again, and the new cookie works
    assert "Ann Rivera" in page(auth.client.get("/teacher"))
    assert stolen.get("/teacher").status_code == 302


def test_logging_out_ends_the_login_on_her_other_browsers_too(app, auth, ann):
    auth.login()
    laptop = app.test_client()
    Auth(laptop).login()
    auth.logout()
    assert laptop.get("/teacher").status_code == 302


def test_a_new_password_ends_every_session_made_with_the_old_one(app, auth, ann):
    auth.login()
    with app.app_context():
        teachers.change_password(ann, "a much longer new passphrase")
    assert auth.client.get("/teacher").status_code == 302
    assert WRONG_LOGIN in page(auth.login())
    assert auth.login(password="a much longer new passphrase").headers["Location"] == "/teacher"


def joined_token(session) -> str:
    """The token the browser keeps for the one class it joined."""
    return session["classes"][0][1]


def test_a_login_on_a_browser_that_joined_a_class_ends_with_the_browser(app, auth, ann):
    """Issue 14 (8): joining makes the cookie last for weeks; the login in the same cookie must not."""
    from classroom_factories import join_client, start_class_session

    lesson = start_class_session(app, email="bob@school.example")
    joined = join_client(auth.client, lesson.code)
    assert "Expires=" in joined.headers["Set-Cookie"]  # a pupil's cookie is kept for weeks (control)
    response = auth.login()
    assert response.headers["Location"] == "/teacher"
    assert (
        "Expires=" not in response.headers["Set-Cookie"] and "Max-Age" not in response.headers["Set-Cookie"]
    )
    with auth.client.session_transaction() as session:
        assert session.permanent is False and [lesson.code, joined_token(session)] in session["classes"]


def test_the_dashboard_needs_a_login_and_comes_back_after_it(client, auth, ann):
    response = client.get("/teacher")
    assert response.status_code == 302 and response.headers["Location"] == "/login?next=%2Fteacher"
    assert "Please log in to see that page." in page(client.get(response.headers["Location"]))
    after = auth.login(url="/login?next=%2Fteacher")
    assert after.headers["Location"] == "/teacher"


@pytest.mark.parametrize(
    "target, lands",
    [
        ("/articles/reuters-syria-new-phase", "/articles/reuters-syria-new-phase"),
        ("https://evil.example/phish", "/teacher"),
        ("//evil.example/phish", "/teacher"),
        ("/\\evil.example", "/teacher"),
        ("javascript:alert(1)", "/teacher"),
    ],
)
def test_next_only_leads_to_pages_on_this_site(auth, ann, target, lands):
    from urllib.parse import quote

    response = auth.login(url=f"/login?next={quote(target, safe='')}")
    assert response.headers["Location"] == lands


# ---- CSRF ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url, data",
    [
        ("/register", ANN),
        ("/login", {"email": "ann@school.example", "password": PASSWORD}),
        ("/logout", {}),
    ],
    ids=["register", "login", "logout"],
)
def test_a_form_without_its_csrf_token_is_refused(app, auth, ann, url, data):
    assert app.config["WTF_CSRF_ENABLED"] is True  # on in every test app, as in production
    auth.login()
    response = auth.client.post(url, data=data)
    assert response.status_code == 400 and "This page has expired" in page(response)
    assert auth.client.get("/teacher").status_code == 200  # not logged out, nothing changed
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Teacher.id))) == 1


# ---- the header and the dashboard ----------------------------------------------------------------


def test_the_header_offers_log_in_or_the_dashboard_and_a_log_out_button(auth, ann):
    anonymous = page(auth.client.get("/"))
    assert 'href="/login"' in anonymous and 'href="/register"' in anonymous and "Log out" not in anonymous
    auth.login()
    html = page(auth.client.get("/"))
    assert 'href="/teacher">My dashboard</a>' in html and 'href="/login"' not in html
    logout_form = re.search(
        r'<form class="inline-form" method="post" action="/logout">.*?</form>', html, re.S
    ).group()
    assert 'name="csrf_token"' in logout_form and 'type="submit"' in logout_form


def test_an_empty_dashboard_says_so(auth, ann):
    auth.login()
    html = page(auth.client.get("/teacher"))
    assert "You have not added any articles yet." in html and "You have no question packs yet." in html


def test_the_dashboard_lists_the_teachers_own_articles_and_packs_only(app, auth, ann):
    with app.app_context():
        owner = db.session.get(Teacher, ann)
        mine = make_article("anns-article", owner=owner)
        make_pack(mine, owner=owner, title="Ann's pack", questions=4)
        bob = make_teacher("bob@school.example")
        make_pack(make_article("bobs-article", owner=bob), owner=bob, title="Bob's pack")
        make_article("a-seed")
        db.session.commit()
    auth.login()
    html = page(auth.client.get("/teacher"))
    assert 'href="/articles/anns-article"' in html and "Ann&#39;s pack" in html and "4 questions" in html
    assert "bobs-article" not in html and "Bob" not in html and "a-seed" not in html


def test_a_teachers_article_is_readable_by_them_alone(app, auth, ann):
    with app.app_context():
        make_article("anns-article", owner=db.session.get(Teacher, ann))
        db.session.commit()
    assert auth.client.get("/articles/anns-article").status_code == 404
    assert "anns-article" not in page(auth.client.get("/"))
    auth.login()
    assert auth.client.get("/articles/anns-article").status_code == 200
    assert auth.client.get("/articles/anns-article/quiz").status_code == 200
    assert 'href="/articles/anns-article"' in page(auth.client.get("/"))


# ---- a service's "not found" ------------------------------------------------------------------


def test_a_service_refusing_a_row_not_hers_is_the_404_page_whoever_owns_it(app, auth, ann):
    """Services check ownership (issue 13) and raise ``NotFound``; every page answers it with the same 404."""
    app.add_url_rule(
        "/owned/<int:article_id>",
        "owned",
        lambda article_id: article_editing.editable(article_id, logged_in_teacher_id()).slug,
    )
    with app.app_context():
        mine = make_article("mine", owner=db.session.get(Teacher, ann)).id
        theirs = make_article("theirs", owner=make_teacher("bob@school.example")).id
        seed = make_article("seed").id
        db.session.commit()
    assert auth.client.get(f"/owned/{mine}").status_code == 401  # nobody logged in: no owner to ask about
    auth.login()
    missing_page = page(auth.client.get("/no-such-page"))
    assert page(auth.client.get(f"/owned/{mine}")) == "mine"
    for other in (theirs, seed, 9999):
        response = auth.client.get(f"/owned/{other}")
        assert response.status_code == 404 and page(response) == missing_page  # nothing tells them apart
