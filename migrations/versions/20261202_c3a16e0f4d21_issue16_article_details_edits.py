"""Issue 16: a web page's details on articles, edits and deletes that keep packs working

Written by hand. ``article`` gains what a saved news page says about itself
(standfirst, author, site name, date) and ``deleted_at``: an article a
teacher deletes while packs or past lessons still quiz on it leaves her
library but stays for them. ``pack.needs_review`` flags packs whose evidence
sentences an edit of the article's text removed. ``article_job`` carries
the page's details to the worker (``page_details``) and, for an edit, the
article it re-analyses (``replaces_id``). Every new column is nullable or has
a server default, so existing rows need nothing.

Revision ID: c3a16e0f4d21
Revises: 46e8e90535be
Create Date: 2026-12-02 13:20:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "c3a16e0f4d21"
down_revision = "46e8e90535be"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.add_column(sa.Column("standfirst", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("author", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("site_name", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("published", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("deleted_at", sa.DateTime(), nullable=True))
    with op.batch_alter_table("pack", schema=None) as batch_op:
        batch_op.add_column(sa.Column("needs_review", sa.Boolean(), server_default=sa.false(), nullable=False))
    with op.batch_alter_table("article_job", schema=None) as batch_op:
        batch_op.add_column(sa.Column("page_details", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("replaces_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_article_job_replaces_id_article"), "article",
                                    ["replaces_id"], ["id"], ondelete="CASCADE")


def downgrade():
    with op.batch_alter_table("article_job", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_article_job_replaces_id_article"), type_="foreignkey")
        batch_op.drop_column("replaces_id")
        batch_op.drop_column("page_details")
    with op.batch_alter_table("pack", schema=None) as batch_op:
        batch_op.drop_column("needs_review")
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.drop_column("deleted_at")
        batch_op.drop_column("published")
        batch_op.drop_column("site_name")
        batch_op.drop_column("author")
        batch_op.drop_column("standfirst")
