"""pytest plugin: run a folder of fixtures as parametrized cases (filled in below)."""
