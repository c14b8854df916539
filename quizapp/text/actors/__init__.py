"""Actors: who and what the story is about, and who did what.

Second stage: mentions of names, quotes, pronouns and descriptions are resolved to actors (``mentions``, ``quotes``, ``coreference``), kept only with evidence of their kind (``kinds``, ``evidence``), and given roles and relations (``roles``, ``relations``) for the glossary (``glossary``).
"""
