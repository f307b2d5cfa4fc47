"""`/appeal`: the form steps, the email draft sent by DM, and the follow-up reminders."""
