"""The store: the only package that imports SQLAlchemy and Alembic.

SQLAlchemy Core (not the ORM) keeps a command's start-up cost low. Services receive a
:class:`~nybureau.persistence.store.Tx` — one transaction, with the repository methods and the
audit writer — from :class:`~nybureau.persistence.store.Store`.
"""
