"""The site's look: `[design] style` (calm, warm or bold) and `accent`.

Pure modules: `looks` (each look's palettes, fonts and shapes), `contrast`
(WCAG contrast, and the nearest accent that passes), `fonts` (her
languages' glyphs cut from the shipped fonts with fonttools, kept between
builds), `css` (the look as CSS). `plugins/site_extras` publishes the
look's CSS with the theme's and its fonts beside it.
"""
