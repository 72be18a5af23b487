"""The browser editor at /admin/ (Decap CMS, bundled from npm).

Modules: `settings.py` (the EDITOR setting, `[editor]` in site.toml),
`fields.py` (the forms: collections and fields, with our words for labels),
`decap_config.py` (settings + forms -> Decap's config.yml, and the media
folders it names, pure),
`policy.py` (the /admin/ Content-Security-Policy), `glue.py` (the only
module that knows Pelican: copies the bundle, writes /admin/).
"""


def register() -> None:
    from .glue import register as _register

    _register()
