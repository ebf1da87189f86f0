// Cuts stylesheets to the selectors a built site uses (PurgeCSS), for hooks/purge_css.py.
// Usage: node purge_css.cjs SITE_DIR STYLESHEET... (paths relative to SITE_DIR, rewritten in place)
// What counts as used: any tag, class, id or attribute of an HTML page of the site, and any word of
// its JavaScript files, so that classes Material's bundle or the site's own scripts add are kept.
"use strict";
const fs = require("fs");
const path = require("path");
const glob = require("fast-glob");
const postcss = require("postcss");

let PurgeCSS, purgeFromHTML;
try {
  ({ PurgeCSS } = require("purgecss"));
  purgeFromHTML = require("purgecss-from-html");
} catch (error) {
  process.stderr.write("purgecss (or purgecss-from-html) is not installed: run `npm ci` in the project folder (make does it)\n");
  process.exit(3);
}

// The end of a declaration's value: the first ";" or "}" outside quotes and parentheses.
function valueEnd(css, start) {
  let depth = 0, quote = null;
  for (let i = start; i < css.length; i++) {
    const c = css[i];
    if (quote) { if (c === "\\") i++; else if (c === quote) quote = null; }
    else if (c === '"' || c === "'") quote = c;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (depth === 0 && (c === ";" || c === "}")) return i;
  }
  return css.length;
}

// Custom properties (--md-...) that nothing reads: no var() in any stylesheet of the site (purged
// or not) and no mention in a script or page. Removed until none is left (a value may read another).
function pruneVariables(css, elsewhere) {
  for (;;) {
    const read = new Set([...(css + elsewhere).matchAll(/var\(\s*(--[\w-]+)/g)].map((m) => m[1]));
    const mentioned = (name) => read.has(name) || elsewhere.includes(name);
    let out = "", position = 0, removed = 0;
    for (const match of css.matchAll(/(^|[{;])\s*(--[\w-]+)\s*:/g)) {
      const start = match.index + match[1].length;
      if (start < position) continue;
      const end = valueEnd(css, match.index + match[0].length);
      if (mentioned(match[2])) continue;
      out += css.slice(position, start);
      position = css[end] === ";" ? end + 1 : end;
      removed++;
    }
    css = out + css.slice(position);
    if (removed === 0) return css.replace(/;}/g, "}");
  }
}

// Drop the selectors of tab number k > maxTabs (":nth-child(k)" in a tabbed-set rule).
function trimTabs(css, maxTabs) {
  const root = postcss.parse(css);
  root.walkRules((rule) => {
    if (!rule.selector.includes("tabbed")) return;
    const kept = rule.selectors.filter((selector) =>
      [...selector.matchAll(/:nth-child\((\d+)\)/g)].every((m) => Number(m[1]) <= maxTabs));
    if (kept.length === 0) rule.remove();
    else rule.selectors = kept;
  });
  return root.toString();
}

// Drop the selectors for a text direction no page has ("[dir=rtl] ..." on a left-to-right site).
function trimDirections(css, directions) {
  const root = postcss.parse(css);
  root.walkRules((rule) => {
    if (!rule.selector.includes("[dir=")) return;
    const kept = rule.selectors.filter((selector) =>
      [...selector.matchAll(/\[dir=["']?(\w+)["']?\]/g)].every((m) => directions.has(m[1])));
    if (kept.length === 0) rule.remove();
    else rule.selectors = kept;
  });
  root.walkAtRules((rule) => { if (rule.nodes && rule.nodes.length === 0) rule.remove(); });
  return root.toString();
}

async function main() {
  const [site, ...stylesheets] = process.argv.slice(2);
  const content = [`${site}/**/*.html`, `${site}/**/*.js`];
  const purged = new Map();
  // content tabs: Material styles up to 20 tabs a set; the site's largest set has maxTabs
  const tabCounts = glob.sync(`${site}/**/*.html`).flatMap((page) =>
    [...fs.readFileSync(page, "utf-8").matchAll(/data-tabs="\d+:(\d+)"/g)].map((m) => Number(m[1])));
  const maxTabs = Math.max(0, ...tabCounts);
  // text directions: the dir attributes of the site's pages (Material writes dir="ltr" or "rtl")
  const directions = new Set(glob.sync(`${site}/**/*.html`).flatMap((page) =>
    [...fs.readFileSync(page, "utf-8").matchAll(/\sdir="(\w+)"/g)].map((m) => m[1])));
  for (const stylesheet of stylesheets) {
    const file = path.join(site, stylesheet);
    const before = fs.readFileSync(file, "utf-8");
    const [result] = await new PurgeCSS().purge({
      content,
      // search's lunr (and its word lists) and worker never add classes to a page
      skippedContentGlobs: [`${site}/assets/javascripts/lunr/**`, `${site}/assets/javascripts/workers/**`],
      css: [{ raw: before }],
      // HTML: only tag names, classes, ids and attributes count (not words of the text);
      // JavaScript: every word, since scripts add classes by name
      extractors: [{ extractor: purgeFromHTML, extensions: ["html"] }],
      // classes of Material features this site does not use (hooks/purge_css.py reads mkdocs.yml)
      blocklist: JSON.parse(process.env.PURGE_BLOCKLIST || "[]").map((prefix) => new RegExp(`^${prefix}`)),
      variables: false,  // pruned below, against every stylesheet and script of the site
      keyframes: true,
      fontFace: true,
    });
    purged.set(stylesheet, [before.length, trimDirections(trimTabs(result.css, maxTabs), directions)]);
  }
  // what else reads custom properties: the site's own stylesheets, its scripts and pages
  const others = glob.sync([`${site}/**/*.css`, `${site}/assets/javascripts/**/*.js`], { ignore: stylesheets.map((s) => `${site}/${s}`) });
  const pages = glob.sync(`${site}/**/*.html`);
  const styleAttributes = pages.map((page) => (fs.readFileSync(page, "utf-8").match(/--[\w-]+/g) || []).join(" "));
  const elsewhere = [...others.map((file) => fs.readFileSync(file, "utf-8")), ...styleAttributes].join("\n");
  for (const [stylesheet, [size, css]] of purged) {
    const rest = [...purged].filter(([name]) => name !== stylesheet).map(([, [, other]]) => other).join("\n");
    const pruned = pruneVariables(css, elsewhere + "\n" + rest);
    fs.writeFileSync(path.join(site, stylesheet), pruned);
    process.stdout.write(`${stylesheet}\t${size}\t${pruned.length}\n`);
  }
}

main().catch((error) => {
  process.stderr.write(String(error.stack || error) + "\n");
  process.exit(1);
});
