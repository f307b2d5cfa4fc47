"""Lock waves on Discord: the watcher that alerts the moderators, and `/case wave`."""
