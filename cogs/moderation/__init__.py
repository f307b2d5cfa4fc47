"""`/case`: moderators look cases up, annotate them, change their status, configure the server."""
