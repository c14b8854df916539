"""Issue 13: answer ids are 64-bit on PostgreSQL

Written by hand. An autosave is one ``INSERT … ON CONFLICT DO UPDATE``
(services/classroom_saving.py), and PostgreSQL takes the next value of
``answer_id_seq`` for every one of them, re-saves included. A 32-bit id
would run out after about two billion saves: some years for one school,
months for a server shared by a district. SQLite's integer primary key is
64-bit already, so only PostgreSQL changes (the table is rewritten once).

Revision ID: f13a9b0c7d55
Revises: e15b7c3d2a10
Create Date: 2026-12-02 19:20:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "f13a9b0c7d55"
down_revision = "e15b7c3d2a10"
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.alter_column("answer", "id", type_=sa.BigInteger(), existing_type=sa.Integer(), existing_nullable=False)
    op.execute("ALTER SEQUENCE answer_id_seq AS bigint")


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("ALTER SEQUENCE answer_id_seq AS integer")
    op.alter_column("answer", "id", type_=sa.Integer(), existing_type=sa.BigInteger(), existing_nullable=False)
