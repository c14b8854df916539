"""Issue 16: classes (rosters): a teacher's class, its pupils' names, its sessions, who picked which name

Written by hand. Four tables beside the classroom ones, which stay as
they are: ``session_class`` links a session to the class it was run
with, ``pupil_seat`` a session's participant to a name on the list (one
pupil per name per session, by a unique constraint).

Revision ID: d16c1a55e5a1
Revises: c16f0a7e4b21
Create Date: 2026-12-02 13:45:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "d16c1a55e5a1"
down_revision = "c16f0a7e4b21"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "school_class",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["owner_id"], ["teacher.id"], name=op.f("fk_school_class_owner_id_teacher"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_school_class")),
    )
    with op.batch_alter_table("school_class", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_school_class_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "class_pupil",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("class_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("name_key", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(["class_id"], ["school_class.id"], name=op.f("fk_class_pupil_class_id_school_class"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_class_pupil")),
        sa.UniqueConstraint("class_id", "name_key", name="uq_class_pupil_name"),
    )
    with op.batch_alter_table("class_pupil", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_class_pupil_class_id"), ["class_id"], unique=False)

    op.create_table(
        "session_class",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("class_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["class_id"], ["school_class.id"],
                                name=op.f("fk_session_class_class_id_school_class"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["session_id"], ["class_session.id"],
                                name=op.f("fk_session_class_session_id_class_session"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("session_id", name=op.f("pk_session_class")),
    )
    with op.batch_alter_table("session_class", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_session_class_class_id"), ["class_id"], unique=False)

    op.create_table(
        "pupil_seat",
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("pupil_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["participant_id"], ["participant.id"],
                                name=op.f("fk_pupil_seat_participant_id_participant"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["pupil_id"], ["class_pupil.id"], name=op.f("fk_pupil_seat_pupil_id_class_pupil"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["session_id"], ["class_session.id"],
                                name=op.f("fk_pupil_seat_session_id_class_session"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("participant_id", name=op.f("pk_pupil_seat")),
        sa.UniqueConstraint("session_id", "pupil_id", name="uq_pupil_seat_session_pupil"),
    )
    with op.batch_alter_table("pupil_seat", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pupil_seat_pupil_id"), ["pupil_id"], unique=False)


def downgrade():
    op.drop_table("pupil_seat")
    op.drop_table("session_class")
    op.drop_table("class_pupil")
    op.drop_table("school_class")
