"""`/mycase`: a person's own cases, their progress, DMs setting and erasure."""
