"""Widgets more than one screen uses: each module holds one, named by what it shows."""
