"""One module per output format, each with `render(context, theme, options) -> bytes`."""
