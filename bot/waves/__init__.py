"""Lock waves: noticing when new cases arrive much faster than usual, and what they share."""
