"""MkDocs hook: pages without the bytes a reader never sees.

* Indentation: a line break followed by spaces becomes a line break, outside ``<pre>``,
  ``<textarea>``, ``<script>``, ``<code>`` and nbconvert's hidden copy of each notebook code cell
  (where white space is content). Material's templates
  indent the navigation, which every page repeats.
* Code highlighting on Markdown pages: Pygments wraps every name, run of white space, punctuation
  mark and operator in a span (``<span class="n">``, ``w``, ``p``, ``o``): a third of a snippet's
  bytes. All four are drawn in the code colour itself (Material's name colour is the code colour;
  site.css sets punctuation and operators to it), so the text goes without its span. Notebook
  pages keep theirs (JupyterLab's stylesheet).
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

# white space is content in these (the last: nbconvert's hidden copy of a code cell, for its copy button)
_VERBATIM = re.compile(r'(<(pre|textarea|script|code)\b.*?</\2>|<(div) class="clipboard-copy-txt".*?</div>)', re.DOTALL)
#: Pygments token classes drawn in the code colour itself: names (Material's --md-code-hl-name-color
#: is the code colour), white space, and punctuation and operators (overrides/assets/stylesheets/
#: site.css gives those the code colour too)
PLAIN_TOKENS = ("n", "w", "p", "o")
_PLAIN_TOKEN = re.compile(r'<span class="(?:%s)">([^<]*)</span>' % "|".join(PLAIN_TOKENS))
_INDENT = re.compile(r"\n[ \t]+")


def compact(html: str, plain_tokens: bool) -> str:
    pieces = _VERBATIM.split(html)
    out = []
    for index in range(0, len(pieces), 4):
        out.append(_INDENT.sub("\n", pieces[index]))
        if index + 1 < len(pieces):
            verbatim = pieces[index + 1]
            out.append(_PLAIN_TOKEN.sub(r"\1", verbatim) if plain_tokens and verbatim.startswith("<pre") else verbatim)
    return "".join(out)


@event_priority(-90)  # after the other hooks have written the page, before mkdocs-static-i18n (-100)
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return compact(output, plain_tokens=not page.file.src_uri.endswith(".py"))
