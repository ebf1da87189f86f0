"""MkDocs hook: build only some languages, for a fast ``mkdocs serve`` (``make serve``).

``MOMENTUM_LANGUAGES=en mkdocs serve`` builds the English pages only, so a Markdown edit reloads in
about half the time of a rebuild of both editions; ``make serve-zh`` (no variable) serves both.
The variable lists locales separated by commas and must include the default language. Without it
every language of mkdocs.yml is built, as ``mkdocs build``, the tests and CI always do.
"""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

VARIABLE = "MOMENTUM_LANGUAGES"


def on_config(config: MkDocsConfig) -> MkDocsConfig:  # priority 0: before mkdocs-static-i18n (-100)
    wanted = os.environ.get(VARIABLE, "").strip()
    if not wanted:
        return config
    i18n = config.plugins["i18n"]
    known = {language.locale for language in i18n.config.languages}
    chosen = {locale.strip() for locale in wanted.split(",") if locale.strip()}
    if not chosen <= known or i18n.default_language not in chosen:
        raise PluginError(
            f"{VARIABLE}={wanted!r}: give locales of mkdocs.yml ({', '.join(sorted(known))}), "
            f"the default language ({i18n.default_language}) included"
        )
    for language in i18n.config.languages:
        language.build = language.locale in chosen
    return config
