"""Use-cases the web layer and the CLI share; no Flask request, session or flash in here."""
