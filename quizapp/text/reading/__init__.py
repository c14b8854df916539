"""Reading: the article as text a pupil reads, and how hard it is.

First stage of the pipeline: files and pages become clean paragraphs (``documents``, ``sources``, ``cleaning``), spaCy parses them (``nlp``), and the reading level is scored (``readability``, ``reading_level``).
"""
