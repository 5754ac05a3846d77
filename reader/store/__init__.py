"""Persistence: the only package that builds SQLAlchemy engines and sessions."""
