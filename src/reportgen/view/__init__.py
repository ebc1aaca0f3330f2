"""What the renderers share, computed once: dates, numbers and labels in the report's
language, and the inline markup parsed into spans."""
