"""Grading: a pupil's answer marked the way a fair teacher marks it.

Last stage: ``grader`` is the entry point; answers become comparable tokens (``answers``, ``numbers``, ``word_forms``) matched against a compiled key (``answer_key``, ``answer_match``, ``concepts``).
"""
