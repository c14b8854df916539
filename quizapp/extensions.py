"""Extension instances, unbound: the factory binds them with ``init_app``.

Nothing imports them from the app module, so there is no import cycle and each
test app gets its own binding.
"""

from __future__ import annotations

from flask import current_app
from flask_wtf import CSRFProtect

from quizapp.services.articles import ArticleLibrary


class Articles:
    """The article library as an extension: one unbound instance, one library per app.

    The library keeps its in-memory cache for the life of the app, which is
    why it lives in ``app.extensions`` and not in a module global.
    """

    key = "quizapp.articles"

    def init_app(self, app) -> None:
        """Give ``app`` its own library over its configured seeds, cache and model."""
        app.extensions[self.key] = ArticleLibrary(
            seeds_dir=app.config["SEEDS_DIR"],
            cache_dir=app.config["CACHE_DIR"],
            model=app.config["SPACY_MODEL"],
        )

    @property
    def library(self) -> ArticleLibrary:
        """The current app's library."""
        return current_app.extensions[self.key]


csrf = CSRFProtect()
articles = Articles()


def configure_extensions(app) -> None:
    """Bind every extension to ``app``."""
    csrf.init_app(app)
    articles.init_app(app)
