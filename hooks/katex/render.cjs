// Typesets TeX as MathML with the vendored KaTeX, for hooks/typeset_math.py (run by Node.js).
// Protocol: one JSON array per input line, [[tex, display], ...]; one JSON array per output
// line, [{"mathml": "..."} or {"error": "..."}, ...], in the same order.
"use strict";
const path = require("path");
const readline = require("readline");
const katex = require(path.join(__dirname, "katex.min.js"));

const options = (display) => ({
  displayMode: display,
  output: "mathml",       // MathML Core: typeset by the browser, no KaTeX CSS, fonts or JavaScript
  throwOnError: true,     // a formula KaTeX cannot typeset is an error, never red text on a page
  strict: "error",        // so are KaTeX's warnings (e.g. Chinese inside math outside \text{})
  trust: false,
});

const lines = readline.createInterface({ input: process.stdin, terminal: false });
lines.on("line", (line) => {
  const results = JSON.parse(line).map(([tex, display]) => {
    try {
      return { mathml: katex.renderToString(tex, options(display)) };
    } catch (error) {
      return { error: String(error.message || error) };
    }
  });
  process.stdout.write(JSON.stringify(results) + "\n");
});
