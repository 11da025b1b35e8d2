"""Reading a Jekyll source tree into a `Site`: front matter, documents, data, static files."""
