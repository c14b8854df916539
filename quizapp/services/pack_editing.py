"""Changing a teacher's packs: start one from an article, edit its questions, copy, delete, import.

Every function is one transaction (``writing``): a failed step leaves the
pack as it was. Each checks who may change which pack itself (issue 13):
it takes the teacher's id, and a pack that is not hers (another teacher's,
a seed, none) is ``PackNotFound``, an article she may not read
``ArticleNotFound``. ``import_pack`` and ``import_notes`` are the admin's
(the CLI), who may import for anyone.
"""

from __future__ import annotations

from dataclasses import replace
from typing import cast

import sqlalchemy as sa
from sqlalchemy.ext.orderinglist import OrderingList

from quizapp.extensions import db
from quizapp.models import Article, Pack, PackQuestion, Teacher
from quizapp.models.columns import utcnow
from quizapp.services import article_jobs, articles
from quizapp.services.ownership import ArticleNotFound, owned_pack
from quizapp.services.packs import IMPORT_NOTES, create_pack, fill, pack_article, to_plain, with_corrections
from quizapp.services.transactions import reading, writing
from quizapp.text import pack as plain
from quizapp.text.errors import InputError
from quizapp.text.question import Question
from quizapp.text.reading.bounds import Bounds
from quizapp.text.types import Analysis


class TooManyQuestions(InputError):
    """A pack would have more questions than ``MAX_QUESTIONS_PER_PACK``; the message says the cap."""


def start_from_article(article_id: int, owner_id: int) -> int:
    """A new pack on the article, holding its generated questions for the teacher to review; its id.

    The article is one she may read (a seed or her own); another's is ``ArticleNotFound``.
    """
    with writing():
        article = _readable_article(article_id, owner_id)
        data = plain.Pack(
            title=f"Questions on {article.title}"[:200],
            article=pack_article(article),
            questions=tuple(article.analysis.questions),
        )
        row = fill(Pack(article_id=article.id, owner_id=owner_id), data)
        db.session.add(row)
        db.session.flush()
        return row.id


def save_settings(pack_id: int, owner_id: int, **settings: object) -> None:
    """Title, description, level and how the class meets the pack (``PackSettings`` fields)."""
    with writing():
        row = owned_pack(pack_id, owner_id)
        for name, value in settings.items():
            setattr(row, name, value)


def questions(pack_id: int, owner_id: int) -> list[Question]:
    """The pack's questions in order."""
    with reading():
        return [q.question for q in owned_pack(pack_id, owner_id).questions]


def put_question(
    pack_id: int, owner_id: int, question: Question, position: int | None = None, *, max_questions: int = 0
) -> None:
    """Replace the question at ``position`` (0-based), or add it at the end when ``position`` is None.

    Adding to a pack that has ``max_questions`` already (0: no cap) raises ``TooManyQuestions``.
    """
    with writing():
        row = owned_pack(pack_id, owner_id)
        if position is None:
            if max_questions and len(row.questions) >= max_questions:
                raise TooManyQuestions(
                    f"This pack already has {len(row.questions)} questions, the most a pack "
                    f"can have ({max_questions}): delete one before adding another."
                )
            row.questions.append(PackQuestion(question=question))
        else:
            row.questions[position].question = question
        row.updated_at = utcnow()


def delete_question(pack_id: int, owner_id: int, position: int) -> None:
    """Remove one question; the ones after it move up."""
    with writing():
        row = owned_pack(pack_id, owner_id)
        row.questions.pop(position)
        _renumber(row)
        row.updated_at = utcnow()


def move_question(pack_id: int, owner_id: int, position: int, step: int) -> None:
    """Swap a question with its neighbour (``step`` -1: up, +1: down); at either end nothing moves."""
    with writing():
        row = owned_pack(pack_id, owner_id)
        target = position + step
        if 0 <= target < len(row.questions):
            moved = row.questions.pop(position)
            row.questions.insert(target, moved)
            _renumber(row)
            row.updated_at = utcnow()


def duplicate(pack_id: int, owner_id: int) -> int:
    """A copy of the teacher's pack, titled "Copy of …", on the same article, hers too; its id."""
    with writing():
        source = owned_pack(pack_id, owner_id)
        data = to_plain(source)
        data = replace(data, title=f"Copy of {data.title}"[:200])
        row = fill(Pack(article_id=source.article_id, owner_id=owner_id), data)
        db.session.add(row)
        db.session.flush()
        return row.id


def delete(pack_id: int, owner_id: int) -> str:
    """Delete the pack and its questions (the article stays); its title, for the page that says it is gone."""
    with writing():
        row = owned_pack(pack_id, owner_id)
        title = row.title
        db.session.delete(row)
    return title


def import_pack(
    data: plain.Pack,
    *,
    owner_id: int | None,
    model: str,
    max_questions: int = 0,
    bounds: Bounds | None = None,
) -> int:
    """Store an imported pack and its article (a new article of ``owner_id``), both or neither; the pack's id.

    A pack with more than ``max_questions`` (0: no cap) raises ``TooManyQuestions`` before anything is
    analysed. The article is analysed first, outside the transaction (it takes seconds);
    a text the pipeline refuses (not an article, over ``bounds``) raises its ``InputError`` and nothing
    is stored. Two imports of one pack at once can both find the same slug free: the
    loser's insert breaks the unique index (PostgreSQL says so at once) and
    is tried again with the next free slug, as ``articles.store_article`` does.
    """
    check_question_cap(data, max_questions)
    raw = import_text(data)
    analysis = with_corrections(
        articles.run_pipeline(raw, model, **articles.pipeline_options(bounds=bounds)), data
    )
    for _ in range(articles.SLUG_ATTEMPTS - 1):
        try:
            return _store_import(data, raw, analysis, owner_id=owner_id, model=model)
        except sa.exc.IntegrityError:
            continue
    return _store_import(data, raw, analysis, owner_id=owner_id, model=model)


def import_later(
    data: plain.Pack, *, owner_id: int, max_questions: int, bounds: Bounds, per_hour: int
) -> int:
    """Hand an imported pack to the background worker with its article (the web's import); the job's id.

    The question cap, the article's text and the hourly cap are checked now, so a pack that
    cannot be stored is refused on the form; the analysis and the storing happen in the worker
    (``article_jobs.run``), pack and article in one transaction.
    """
    check_question_cap(data, max_questions)
    return article_jobs.submit(
        import_text(data), owner_id=owner_id, title_hint=None, bounds=bounds, per_hour=per_hour, pack=data
    )


def with_pasted_article(data: plain.Pack, pasted: str) -> plain.Pack:
    """``data`` on the article text a teacher pasted with its file: cleaned, its headline its title.

    Raises the cleaner's ``InputError`` for a paste that is no article. A
    text without a headline is titled after the pack.
    """
    from quizapp.text.reading import cleaning

    article = cleaning.clean(pasted)
    return replace(
        data,
        article=plain.PackArticle(
            title=article.title or data.title,
            text=article.text,
            source=article.source,
            dateline=article.dateline,
        ),
    )


def import_onto(data: plain.Pack, *, article_id: int, owner_id: int, max_questions: int) -> int:
    """Store an imported pack on an article the teacher already has (no analysis needed); the pack's id.

    A Moodle file has questions and no article: the teacher attaches one of
    hers (or a shared one) instead; another teacher's is ``ArticleNotFound``. Evidence spans are
    found again in that article's text whenever the pack is read (``packs.anchored``).
    """
    check_question_cap(data, max_questions)
    with reading():
        _readable_article(article_id, owner_id)
    return create_pack(data, article_id=article_id, owner_id=owner_id)


def check_question_cap(data: plain.Pack, max_questions: int) -> None:
    """``TooManyQuestions``, stating the cap, for a pack over ``max_questions`` (0: no cap)."""
    if max_questions and len(data.questions) > max_questions:
        raise TooManyQuestions(
            f"This pack has {len(data.questions)} questions; a pack can have at most "
            f"{max_questions}. Split it into smaller packs."
        )


def import_notes(pack_id: int) -> list[str]:
    """What could not be carried over when the pack was imported (glossary corrections skipped); for the CLI."""
    with reading():
        row = db.session.get(Pack, pack_id)
        if row is None:
            raise LookupError(pack_id)
        return list(row.article.analysis_data.get(IMPORT_NOTES, []))


def import_text(data: plain.Pack) -> str:
    """The raw text an imported pack's article is analysed from: its title, then its text."""
    return f"{data.article.title}\n\n{data.article.text}"


def _renumber(row: Pack) -> None:
    """Positions 0, 1, 2 ... again; ``questions`` is an ``ordering_list``, which the model types as a list."""
    cast("OrderingList[PackQuestion]", row.questions).reorder()


def _store_import(data: plain.Pack, raw: str, analysis: Analysis, *, owner_id: int | None, model: str) -> int:
    """One attempt at storing an imported pack and its article, in one transaction."""
    with writing():
        article = Article(
            slug=articles._free_slug(data.article.title or "article"),
            raw_text=raw,
            analysis_key=articles.analysis_key(model),
            owner_id=owner_id,
        )
        article.analysis = analysis
        db.session.add(article)
        db.session.flush()
        row = fill(Pack(article_id=article.id, owner_id=owner_id), data)
        db.session.add(row)
        db.session.flush()
        return row.id


def all_packs() -> list[tuple[int, str, str, str, int]]:
    """Every pack as (id, title, owner email or "(shared)", article slug, number of questions), by id."""
    counts = (
        sa.select(sa.func.count(PackQuestion.id))
        .where(PackQuestion.pack_id == Pack.id)
        .correlate(Pack)
        .scalar_subquery()
    )
    query = (
        sa.select(Pack.id, Pack.title, Teacher.email, Article.slug, counts)
        .join(Pack.article)
        .outerjoin(Teacher, Teacher.id == Pack.owner_id)
        .order_by(Pack.id)
    )
    with reading():
        return [
            (i, title, email or "(shared)", slug, count)
            for i, title, email, slug, count in db.session.execute(query)
        ]


def teacher_id(email: str) -> int | None:
    """The id of the teacher with this email (case-insensitive), or None."""
    with reading():
        return db.session.scalars(
            sa.select(Teacher.id).where(sa.func.lower(Teacher.email) == email.strip().lower())
        ).first()


def _readable_article(article_id: int, owner_id: int) -> Article:
    """An article the teacher may build a pack on: a seed or her own, not deleted; else ``ArticleNotFound``."""
    row = db.session.scalars(
        sa.select(Article).where(Article.id == article_id, articles.readable_by(owner_id))
    ).first()
    if row is None:
        raise ArticleNotFound(article_id)
    return row
