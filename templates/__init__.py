"""The built-in theme: Jinja2 templates, CSS and the Word reference document."""
