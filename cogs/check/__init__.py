"""`/checkaccount` and `/backup`: the commands, their buttons, the report embeds and the late delivery of a result."""
