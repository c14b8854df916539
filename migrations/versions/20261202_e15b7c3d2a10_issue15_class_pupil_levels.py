"""Issue 15: a reading level per pupil on a class list, given when they pick their name

Written by hand. ``class_pupil.reading_level`` is a CEFR level (A1-C2) or
NULL (not set: the pupil gets a levelled session's middle version, which is
what every pupil already on a list keeps).

Revision ID: e15b7c3d2a10
Revises: c15a7e5e0001
Create Date: 2026-12-02 16:20:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "e15b7c3d2a10"
down_revision = "c15a7e5e0001"
branch_labels = None
depends_on = None

LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")  # text.reading.reading_level.CEFR when this was written


def upgrade():
    with op.batch_alter_table("class_pupil", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reading_level", sa.String(length=2), nullable=True))
        batch_op.create_check_constraint(
            "reading_level", "reading_level IN ({})".format(", ".join(f"'{level}'" for level in LEVELS))
        )


def downgrade():
    with op.batch_alter_table("class_pupil", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_class_pupil_reading_level"), type_="check")
        batch_op.drop_column("reading_level")
