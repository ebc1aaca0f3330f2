"""Reading a report: its YAML with the place of every value, the files it includes and
shows, the limits that keep that work bounded, and the checks beyond the model."""
