"""Web pieces several blueprints share (the pupil side and the teacher's session pages)."""
