"""Issue 15: stories at several levels, and class sessions that give each pupil a level

Written by hand and checked against ``quizapp db migrate`` (which drafts the
same tables). ``story_version.article_id`` is unique: an article is a version
of one story at most. ``session_level`` snapshots each version's questions
when a session starts; ``participant.level_id`` is the pupil's level (NULL:
the session's own text, which is what every existing pupil keeps).

Revision ID: c15a7e5e0001
Revises: d16c1a55e5a1
Create Date: 2026-12-02 13:40:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "c15a7e5e0001"
down_revision = "d16c1a55e5a1"  # after issue 16's classes (merged alongside)
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "story",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["owner_id"], ["teacher.id"], name=op.f("fk_story_owner_id_teacher"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_story")),
    )
    with op.batch_alter_table("story", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_story_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "story_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["article.id"], name=op.f("fk_story_version_article_id_article"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["story_id"], ["story.id"], name=op.f("fk_story_version_story_id_story"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_story_version")),
        sa.UniqueConstraint("article_id", name=op.f("uq_story_version_article_id")),
    )
    with op.batch_alter_table("story_version", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_story_version_story_id"), ["story_id"], unique=False)

    op.create_table(
        "session_level",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("cefr", sa.String(length=4), server_default="", nullable=False),
        sa.Column("grade", sa.Float(), nullable=False),
        sa.Column("questions", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["article.id"], name=op.f("fk_session_level_article_id_article"),
                                ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["session_id"], ["class_session.id"],
                                name=op.f("fk_session_level_session_id_class_session"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_level")),
        sa.UniqueConstraint("session_id", "position", name="uq_session_level_position"),
    )
    with op.batch_alter_table("session_level", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_session_level_article_id"), ["article_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_session_level_session_id"), ["session_id"], unique=False)

    with op.batch_alter_table("class_session", schema=None) as batch_op:
        batch_op.add_column(sa.Column("pupils_choose_level", sa.Boolean(), server_default=sa.false(),
                                      nullable=False))

    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.add_column(sa.Column("level_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_participant_level_id"), ["level_id"], unique=False)
        batch_op.create_foreign_key(batch_op.f("fk_participant_level_id_session_level"), "session_level",
                                    ["level_id"], ["id"], ondelete="SET NULL")


def downgrade():
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_participant_level_id_session_level"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_participant_level_id"))
        batch_op.drop_column("level_id")

    with op.batch_alter_table("class_session", schema=None) as batch_op:
        batch_op.drop_column("pupils_choose_level")

    with op.batch_alter_table("session_level", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_session_level_session_id"))
        batch_op.drop_index(batch_op.f("ix_session_level_article_id"))
    op.drop_table("session_level")

    with op.batch_alter_table("story_version", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_story_version_story_id"))
    op.drop_table("story_version")

    with op.batch_alter_table("story", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_story_owner_id"))
    op.drop_table("story")
