"""SQLAlchemy models only, one per module; importing this package registers every table.

Alembic's autogenerate and ``db.create_all`` see the tables the models
imported here declare, which is why each new model is listed here.
"""

from quizapp.models.answer import Answer
from quizapp.models.article import Article
from quizapp.models.article_job import ArticleJob
from quizapp.models.class_pupil import ClassPupil
from quizapp.models.class_session import ClassSession
from quizapp.models.homework import Homework
from quizapp.models.invite import Invite
from quizapp.models.pack import Pack
from quizapp.models.pack_question import PackQuestion
from quizapp.models.participant import Participant
from quizapp.models.pupil_seat import PupilSeat
from quizapp.models.school_class import SchoolClass
from quizapp.models.session_class import SessionClass
from quizapp.models.session_level import SessionLevel
from quizapp.models.story import Story, StoryVersion
from quizapp.models.teacher import Teacher

__all__ = [
    "Answer",
    "Article",
    "ArticleJob",
    "ClassPupil",
    "ClassSession",
    "Homework",
    "Invite",
    "Pack",
    "PackQuestion",
    "Participant",
    "PupilSeat",
    "SchoolClass",
    "SessionClass",
    "SessionLevel",
    "Story",
    "StoryVersion",
    "Teacher",
]
