"""`/precedents`: public cases like the person's, with their links."""
