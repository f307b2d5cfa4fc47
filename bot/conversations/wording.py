"""What a case transcript (HTML) says around the texts people typed; shown to moderators."""

from __future__ import annotations

TRANSCRIPT = {
    "title": "Case {ref}: {account}",
    "summary": "Status: {status}. Opened {opened}. Last change {updated}.",
    "timeline": "Timeline",
    "conversation": "Conversation",
    "from_person": "The person",
    "from_moderator": "A moderator",
    "signed": "signed {name}",
    "attachment": "Attachment: {name} ({size} KB)",
    "no_messages": "No messages.",
    "purged": "Texts removed after the retention period.",
    "made": "Made {when} by hf-support-bot. Every text on this page is shown as typed; the page "
    "runs nothing and loads nothing.",
}
"""The transcript's headings and labels (its language is the moderator's)."""
