"""Rendering: Danish and English text for people — dates now, documents as they are added.
The only package that imports Babel, Jinja2 or python-docx."""
