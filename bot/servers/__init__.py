"""Many servers and the person's control: per-server settings and per-person preferences."""
