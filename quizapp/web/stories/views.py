"""Request handlers of stories: parse the form, call ``services.stories``, render or redirect.

The service checks ownership: another teacher's story or article, or a
seed's when changing one, is a ``LookupError`` and here a 404. A link that
cannot be made (``StoryError``) shows the page again with its message, 422.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import login_required

from quizapp.services import roster_sessions, rosters, session_levels, shared_levels, stories
from quizapp.text.errors import InputError
from quizapp.web.auth import logged_in_teacher_id

CHOOSE = "Choose one of your articles."


def _article_id() -> int | None:
    """The ``article_id`` the form posted, or None if it is missing or not a number."""
    return request.form.get("article_id", type=int)


@login_required
def index():
    """GET: the sample library's stories and the teacher's own. POST: start a story from one of her articles."""
    error, status = None, 200
    if request.method == "POST":
        article_id = _article_id()
        try:
            if article_id is None:
                raise stories.StoryError(CHOOSE)
            story_id = stories.create_story(article_id, logged_in_teacher_id(), request.form.get("title"))
        except LookupError:
            abort(404)
        except stories.StoryError as exc:
            error, status = str(exc), 422
        else:
            flash("Story started: add the same story's other versions below.", "success")
            return redirect(url_for("stories.show", story_id=story_id))
    owner_id = logged_in_teacher_id()
    return render_template(
        "stories/index.html",
        stories=stories.stories_for(owner_id),
        linkable=stories.linkable_articles(owner_id),
        error=error,
    ), status


@login_required
def show(story_id: int, error: str | None = None, status: int = 200):
    """A story's versions, easiest first, each with its level; the owner's page also links and unlinks."""
    owner_id = logged_in_teacher_id()
    try:
        story = stories.get_story(story_id, owner_id)
    except LookupError:
        abort(404)
    mine = story.owner_id == owner_id
    return render_template(
        "stories/show.html",
        story=story,
        mine=mine,
        error=error,
        linkable=stories.linkable_articles(owner_id) if mine else [],
        classes=rosters.owned_classes(owner_id),
        packs=shared_levels.packs_for_story(story, owner_id),
    ), status


@login_required
def add_version(story_id: int):
    """Link one of the teacher's articles to her story (POST ``article_id``)."""
    article_id = _article_id()
    try:
        if article_id is None:
            raise stories.StoryError(CHOOSE)
        stories.add_version(story_id, article_id, logged_in_teacher_id())
    except LookupError:
        abort(404)
    except stories.StoryError as exc:
        return show(story_id, error=str(exc), status=422)
    flash("Version added.", "success")
    return redirect(url_for("stories.show", story_id=story_id))


@login_required
def remove_version(story_id: int, article_id: int):
    """Unlink a version (the article stays); the story goes with its last version."""
    try:
        left = stories.remove_version(story_id, article_id, logged_in_teacher_id())
    except LookupError:
        abort(404)
    if not left:
        flash(
            "That was the story's last version, so the story is gone. The article is still in My articles.",
            "success",
        )
        return redirect(url_for("stories.index"))
    flash("Version removed from the story. The article is still in My articles.", "success")
    return redirect(url_for("stories.show", story_id=story_id))


@login_required
def rename(story_id: int):
    """Give the story a new title (POST ``title``)."""
    try:
        stories.rename_story(story_id, logged_in_teacher_id(), request.form.get("title", ""))
    except LookupError:
        abort(404)
    except stories.StoryError as exc:
        return show(story_id, error=str(exc), status=422)
    flash("Title saved.", "success")
    return redirect(url_for("stories.show", story_id=story_id))


@login_required
def start_session(story_id: int):
    """Start a class session at the story's levels (POST; ``pupils_choose=1`` lets pupils pick) and open it.

    With ``school_class`` (one of her class lists), pupils pick their names and
    each gets the version nearest the reading level set for them on the list.
    With ``pack`` (a pack on one version), every level asks that pack's
    questions whose evidence and answer are in every version.
    """
    owner_id = logged_in_teacher_id()
    choose = request.form.get("pupils_choose") == "1"
    class_id = request.form.get("school_class", type=int) or 0
    pack_id = request.form.get("pack", type=int) or 0
    try:
        if pack_id:
            started = shared_levels.start_shared_session(
                story_id, owner_id, pack_id, choose, class_id or None
            )
            session_id = started.session_id
            flash(started.summary, "success")
        elif class_id:
            session_id = roster_sessions.start_levelled_for_class(class_id, owner_id, story_id, choose)
        else:
            session_id = session_levels.start_levelled_session(story_id, owner_id, pupils_choose=choose)
    except LookupError:
        abort(404)
    except InputError as exc:  # a version without questions, only one version, no question shared
        return show(story_id, error=str(exc), status=422)
    return redirect(url_for("sessions.show", session_id=session_id))
