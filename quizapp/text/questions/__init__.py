"""Questions: comprehension questions written from the actors, relations and sentences.

Third stage: the relation templates (``templates``) and the question families (``families``) overgenerate, ``checks`` drops what is unfair, and ``generator`` chooses the set.
"""
