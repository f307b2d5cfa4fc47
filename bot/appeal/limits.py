"""How much of each appeal input is kept: the draft cuts longer text (with a marker and a
warning), and the Discord form and options use the same numbers as their maximum lengths."""

from __future__ import annotations

LOCK_MESSAGE_LIMIT = 1_000
"""Characters of the lock message quoted in the email."""
ACTIVITY_LIMIT = 1_500
"""Characters of the person's own description of their recent activity."""
SUMMARY_LIMIT = 300
"""Characters of the stored check's one-line summary."""
MAX_LINKS = 10
"""Affected links per appeal."""
LINK_LIMIT = 500
"""Characters of one link."""
LINKS_TEXT_LIMIT = 2_000
"""Characters of the links typed into one text box, one per line (the Discord form)."""
