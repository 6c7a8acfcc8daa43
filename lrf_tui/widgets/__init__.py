"""Widgets the screens are built from, one module each, named by what it shows."""
