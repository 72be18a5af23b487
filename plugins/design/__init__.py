"""The site's look: `[design] style` (calm, warm or bold) and `accent`.

Pure modules: `looks` (each look's palettes, fonts and shapes), `contrast`
(WCAG contrast, and the nearest accent that passes), `fonts` (how the
committed font cuts are made with fonttools, by a maintainer, not by the
build), `css` (the look as CSS), `publish` (what a build publishes).
`plugins/site_extras` publishes the look's CSS with the theme's and its
fonts beside it.
"""
