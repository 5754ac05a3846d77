"""Widgets of the main window; each owns its view and talks to the service itself."""
