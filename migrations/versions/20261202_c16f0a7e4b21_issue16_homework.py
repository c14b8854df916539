"""Issue 16: homework, a class session with an opening time and a due date

Written by hand. A table of its own, so live lessons are untouched: a
session with a ``homework`` row is homework. Times are UTC; ``timezone``
is the teacher's IANA zone, for showing them.

Revision ID: c16f0a7e4b21
Revises: c16a2e7b9d41
Create Date: 2026-12-02 13:40:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "c16f0a7e4b21"
down_revision = "c16a2e7b9d41"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "homework",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("opens_at", sa.DateTime(), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.CheckConstraint("due_at > opens_at", name=op.f("ck_homework_due_after_opening")),
        sa.ForeignKeyConstraint(["session_id"], ["class_session.id"], name=op.f("fk_homework_session_id_class_session"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("session_id", name=op.f("pk_homework")),
    )


def downgrade():
    op.drop_table("homework")
