"""The project's Pelican plugins, imported everywhere as `plugins.<name>`.

Pelican loads them by these same dotted names (PLUGIN_PATHS = ["."] in
pelicanconf.py puts the project folder first), and so do the desk, the
tests and worker processes: each module exists once, under one name.
"""
