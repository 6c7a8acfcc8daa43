"""Screens of the lrf app."""
