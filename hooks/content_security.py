"""MkDocs hook: every page carries a Content-Security-Policy that loads nothing from another origin.

A ``<meta http-equiv="Content-Security-Policy">`` (static hosting sends no headers of our choosing)
is written into each page, first in ``<head>`` after the charset. It allows scripts, styles,
images, fonts, fetches, workers and frames from the site's own origin only, so a remote asset that
slips into a page (a CDN script of a plugin's template, a web font, an image by URL) is blocked in
every reader's browser, not only caught by the tests. Inline scripts run only if the policy lists
their SHA-256: the hook hashes each inline script of the page it writes (Material's small
bootstrap scripts, nbconvert's copy button), so a new inline script needs no edit here, and one
injected later does not run. Styles may be inline (Material and MathML set ``style`` attributes);
images may be ``data:`` URLs (notebook outputs, Material's icons).

The policy is checked in the browser by tests/test_browser.py: any violation is a console error,
and the offline archive is opened from ``file://`` under the same policy.
"""

from __future__ import annotations

import base64
import hashlib
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\ssrc=)([^>]*)>(.*?)</script>", re.DOTALL)
_DATA_TYPE = re.compile(r"""\stype=["']?application/(?:ld\+)?json""")
_CHARSET = '<meta charset="utf-8">'

POLICY = (
    "default-src 'none'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; "
    "frame-src 'self'; child-src 'self' blob:; manifest-src 'self'; media-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'"
)


def policy(html: str) -> str:
    """The policy for a page: its own origin, plus the hash of each inline script it runs."""
    hashes = sorted({
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"
        for attributes, body in _INLINE_SCRIPT.findall(html)
        if not _DATA_TYPE.search(attributes)
    })
    return POLICY.format(hashes=" ".join(hashes)).replace("'self' ;", "'self';")


@event_priority(-95)  # after the hooks that change the page (compact_html at -90), before i18n (-100)
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if _CHARSET not in output:
        raise PluginError(f"hooks/content_security.py: no {_CHARSET} in {page.file.src_uri}, where the policy goes")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(output)}">'
    return output.replace(_CHARSET, f"{_CHARSET}\n{meta}", 1)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """The 404 page (a static template, not a Page) gets its policy too."""
    if template_name.endswith(".html") and _CHARSET in output:
        meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(output)}">'
        return output.replace(_CHARSET, f"{_CHARSET}\n{meta}", 1)
    return output
