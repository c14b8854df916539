"""``python -m quizapp``: the ``quizapp`` command, for a child process run with this very interpreter."""

from quizapp.cli import main

main()
