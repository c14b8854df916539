"""The web layer: one blueprint per feature, thin views over ``quizapp.services``."""

from __future__ import annotations


def configure_blueprints(app) -> None:
    """Register every feature's blueprint (imported here, when an app is built)."""
    from quizapp.web import common
    from quizapp.web.articles import bp as articles
    from quizapp.web.auth import bp as auth
    from quizapp.web.classes import bp as classes
    from quizapp.web.health import bp as health
    from quizapp.web.homework import bp as homework
    from quizapp.web.join import bp as join
    from quizapp.web.packs import bp as packs
    from quizapp.web.quiz import bp as quiz
    from quizapp.web.reading import bp as reading
    from quizapp.web.sessions import bp as sessions
    from quizapp.web.stories import bp as stories
    from quizapp.web.study import bp as study
    from quizapp.web.teacher import bp as teacher

    common.init_app(app)
    app.register_blueprint(reading)
    app.register_blueprint(quiz)
    app.register_blueprint(auth)
    app.register_blueprint(teacher)
    app.register_blueprint(articles)
    app.register_blueprint(packs)
    app.register_blueprint(join)
    app.register_blueprint(sessions)
    app.register_blueprint(stories)
    app.register_blueprint(homework)
    app.register_blueprint(classes)
    app.register_blueprint(study)
    app.register_blueprint(health)


def configure_errorhandlers(app) -> None:
    """Friendly error pages; see ``quizapp.web.errors``."""
    from quizapp.web import errors, unavailable

    errors.init_app(app)
    unavailable.init_app(app)
