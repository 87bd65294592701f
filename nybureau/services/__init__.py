"""Use cases. Each function takes an open transaction (``tx``) from the store and performs one
change with its audit event, or reads. They never import SQLAlchemy, click or jinja2."""
