"""quizapp: reading comprehension for classrooms."""

from pathlib import Path

from flask import Flask

ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config=None):
    """Build the app: settings, extensions, security headers, blueprints, error pages, in that order.

    ``test_config`` replaces the instance file and the environment, so a test
    never reads the developer's settings. The spaCy model is checked here but
    loaded only on the first analysis.
    """
    # Imported here so that `import quizapp` stays cheap and free of side effects.
    from quizapp import config, extensions, web
    from quizapp.web import security

    app = Flask(
        __name__,
        instance_relative_config=True,
        instance_path=config.instance_path(test_config),
        template_folder=ROOT / "templates",
        static_folder=ROOT / "static",
    )
    config.configure_app(app, test_config)
    extensions.configure_extensions(app)
    security.init_app(app)
    web.configure_blueprints(app)
    web.configure_errorhandlers(app)
    return app
