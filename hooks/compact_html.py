"""MkDocs hook: pages without the bytes a reader never sees.

* Indentation and blank lines: a line break followed by spaces or more line breaks becomes one
  line break, outside ``<pre>``, ``<textarea>``, ``<script>`` and ``<code>`` (where white space is
  content). Material's templates indent the navigation, which every page repeats.
* Code highlighting (Markdown pages, and notebook pages, whose code cells hooks/notebooks.py gives
  Material's markup): Pygments wraps every name, run of white space, punctuation
  mark and operator in a span (``<span class="n">``, ``w``, ``p``, ``o``): a third of a snippet's
  bytes. All four are drawn in the code colour itself (Material's name colour is the code colour;
  site.css sets punctuation and operators to it), so the text goes without its span; so do word
  operators (``ow``, the operator colour), ``None``/``True`` (``kc``, the name colour) and the tokens
  Material gives no colour (``sa``, the ``f`` of an f-string; ``vm``, ``fm``). Neighbouring spans
  drawn in the same colour become one span (``f"{x:4}"`` is five string spans in Pygments), and
  so do the output lines and prompts of a Python session that follow each other (one colour, and
  the white space between them has none; copying, which hides prompts and output, then gives the
  code without the blank line each output line used to leave).
  ``COLOURS`` is checked against Material's stylesheet by ``tests/test_site.py``.
"""

from __future__ import annotations

import functools
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

# white space is content in these
_VERBATIM = re.compile(r"(<(pre|textarea|script|code)\b.*?</\2>)", re.DOTALL)
#: Pygments token classes drawn in the code colour itself: names (Material's --md-code-hl-name-color
#: is the code colour), white space, and punctuation and operators (overrides/assets/stylesheets/
#: site.css gives those the code colour too)
PLAIN_TOKENS = ("n", "w", "p", "o", "ow", "kc", "sa", "vm", "fm")
_PLAIN_TOKEN = re.compile(r'<span class="(?:%s)">([^<]*)</span>' % "|".join(PLAIN_TOKENS))
_INDENT = re.compile(r"\n[ \t\n]+")  # indentation, and the blank lines of the templates
#: the colour each token class takes from Material's stylesheet (its rule ``.highlight .s2`` sets
#: ``color: var(--md-code-hl-string-color)``); classes of one colour are drawn alike
COLOURS = {
    "string": ("l", "s", "s1", "s2", "si", "ss"),
    "special": ("se", "sr"),
    "number": ("m", "mf", "mi", "mo"),
    "keyword": ("k", "kn", "kr", "kt", "ni", "nt"),
    "constant": ("bp", "nb", "no"),
    "function": ("nc", "ne", "nf", "nn"),
    "comment": ("c", "c1", "cm", "cs", "sd"),
    "variable": ("na", "vi"),
    "generic": ("ge", "gr", "gt"),
}
#: prompts and output of a Python session: the generic colour, and hidden when the code is copied
#: (site.css), so white space between them may join them too
HIDDEN_ON_COPY = ("gp", "go")
_COLOUR = {name: colour for colour, names in COLOURS.items() for name in names} | {name: "session" for name in HIDDEN_ON_COPY}
_TOKEN = re.compile(r'(<span class="(\w+)">([^<]*)</span>)')


def merge_tokens(code: str) -> str:
    r"""Neighbouring token spans of one colour as one span (white space between them joins
    session output too).

    >>> merge_tokens('<span class="sa">f</span><span class="s2">"</span><span class="si">{</span>x<span class="si">}</span>')
    '<span class="sa">f</span><span class="s2">"{</span>x<span class="si">}</span>'
    >>> merge_tokens('<span class="go">1</span>\n<span class="go">2</span>\n<span class="gp">&gt;&gt;&gt; </span>x')
    '<span class="go">1\n2\n&gt;&gt;&gt; </span>x'
    """
    pieces = _TOKEN.split(code)  # text, (span, class, content), text, ...
    out = [pieces[0]]
    open_colour = None  # the colour of the span last written to out, if nothing but text followed
    for index in range(1, len(pieces), 4):
        name, content, after = pieces[index + 1], pieces[index + 2], pieces[index + 3]
        colour = _COLOUR.get(name)
        between = out[-1] if open_colour is not None else None
        joins = colour is not None and colour == open_colour and (
            between == "" or (colour == "session" and between is not None and between.isspace()))
        if joins:
            out.pop()  # the text between, now inside the span
            span = out.pop()
            out.append(span[: -len("</span>")] + between + content + "</span>")
        else:
            out.append(pieces[index])
        out.append(after)
        open_colour = colour
    return "".join(out)


@functools.lru_cache(maxsize=256)  # serve rebuilds bring the same pages back: compact each once
def compact(html: str) -> str:
    pieces = _VERBATIM.split(html)  # text, verbatim element, its tag name, text, ...
    out = []
    for index in range(0, len(pieces), 3):
        out.append(_INDENT.sub("\n", pieces[index]))
        if index + 1 < len(pieces):
            verbatim = pieces[index + 1]
            if verbatim.startswith("<pre"):
                verbatim = merge_tokens(_PLAIN_TOKEN.sub(r"\1", verbatim))
            out.append(verbatim)
    return "".join(out)


@event_priority(-90)  # after the other hooks have written the page, before mkdocs-static-i18n (-100)
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return compact(output)
