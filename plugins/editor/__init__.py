"""The browser editor at /admin/ (Decap CMS, bundled from npm).

Modules (`[editor]` itself is checked by plugins.config.editor):
`fields.py` (the forms: collections and fields; the site settings' fields
are made from plugins.config.schema),
`decap_config.py` (settings + forms -> Decap's config.yml, and the media
folders it names, pure),
`policy.py` (the /admin/ Content-Security-Policy), `glue.py` (the only
module that knows Pelican: copies the bundle, writes /admin/).
"""


def register() -> None:
    from .glue import register as _register

    _register()
