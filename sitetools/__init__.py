"""Project tooling that is not part of the published site: the build wrapper
(`python -m sitetools.build`) and the local web server."""
