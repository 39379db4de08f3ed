"""Built-in rule packs, shipped as package data (see README.md in this folder)."""
