"""Issue 14: teachers' session generation, so logging out revokes every copy of the cookie

Written by hand (``quizapp db migrate`` drafts the same column). The
column has a server default, so existing accounts get 0 and their cookies,
which carry the bare id, stay valid until the teacher next logs out.

Revision ID: b14a0c1e5e55
Revises: 6728c5431f7d
Create Date: 2026-12-02 07:30:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "b14a0c1e5e55"
down_revision = "6728c5431f7d"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("teacher", schema=None) as batch_op:
        batch_op.add_column(sa.Column("session_generation", sa.Integer(), server_default="0", nullable=False))


def downgrade():
    with op.batch_alter_table("teacher", schema=None) as batch_op:
        batch_op.drop_column("session_generation")
