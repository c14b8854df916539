"""Issue 16: a class session keeps the pack's description, question shuffling and attempts

Written by hand. The session copies the pack's settings when it starts, as
it copies the questions; each pupil counts their attempts and keeps the
scores of earlier ones (trying again clears the answers). Server defaults
give sessions started before this the old behaviour: no description, the
pack's order, and attempts 0 (as many as the pupil likes).

Revision ID: c16a2e7b9d41
Revises: c3a16e0f4d21
Create Date: 2026-12-02 13:30:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "c16a2e7b9d41"
down_revision = "c3a16e0f4d21"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("class_session", schema=None) as batch_op:
        batch_op.add_column(sa.Column("shuffle_questions", sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column("description", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("attempts", sa.Integer(), server_default="0", nullable=False))
        batch_op.create_check_constraint("attempts", "attempts >= 0")
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.add_column(sa.Column("attempt", sa.Integer(), server_default="1", nullable=False))
        batch_op.add_column(sa.Column("past_scores", sa.JSON(), server_default="[]", nullable=False))


def downgrade():
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.drop_column("past_scores")
        batch_op.drop_column("attempt")
    with op.batch_alter_table("class_session", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_class_session_attempts"), type_="check")
        batch_op.drop_column("attempts")
        batch_op.drop_column("description")
        batch_op.drop_column("shuffle_questions")
