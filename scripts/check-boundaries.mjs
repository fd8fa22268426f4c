// Checks the import arrows between Cascade's layers (docs/architecture.md, "Layers").
//
//   node scripts/check-boundaries.mjs [file-or-dir ...]
//
// Paths are classified relative to the current directory (the repository root); with no
// arguments it checks `src` and `bench`. Each violation is printed as
// `file:line imports spec — rule`, and the exit code is 1 if there is any.
import fs from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import ts from "typescript";

const root = process.cwd();
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs|jsx)$/;
const TEST = /\.test\.(ts|tsx)$/;
const SKIP = new Set(["node_modules", "dist", ".git"]);

/** Packages the domain may import outside its tests: pure, no I/O. */
const PURE_PACKAGES = new Set(["zod", "@zxcvbn-ts/core", "@zxcvbn-ts/language-common"]);
const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

function walk(p, out) {
  const stat = fs.statSync(p, { throwIfNoEntry: false });
  if (!stat) return out;
  if (stat.isDirectory()) {
    for (const entry of fs.readdirSync(p)) if (!SKIP.has(entry)) walk(path.join(p, entry), out);
  } else if (SOURCE.test(p) && !p.endsWith(".d.ts")) {
    out.push(p);
  }
  return out;
}

/** The repository-relative path, with forward slashes. */
const rel = (abs) => path.relative(root, abs).split(path.sep).join("/");
const under = (p, dir) => p === dir || p.startsWith(`${dir}/`);
const packageName = (spec) =>
  spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0];

/** `src/web/features/<name>/…` → name; `src/server/modules/<name>/…` likewise. */
const segmentAfter = (p, prefix) =>
  under(p, prefix) ? (p.slice(prefix.length + 1).split("/")[0] ?? null) : null;
const isRouteFile = (p) => /(^|\/|-)routes\.ts$/.test(p);

/**
 * The rule an import breaks, or null. `from` is the importing file and `to` the imported
 * file (both repository-relative), or `to` is null for a package/built-in `spec`.
 */
export function brokenRule(from, to, spec) {
  const isTest = TEST.test(from);
  if (to === null) {
    if (under(from, "src/domain") && !isTest && !PURE_PACKAGES.has(packageName(spec))) {
      return BUILTINS.has(spec) || BUILTINS.has(packageName(spec))
        ? "src/domain does no I/O: no node built-ins outside its tests"
        : "src/domain imports only pure packages (scripts/check-boundaries.mjs PURE_PACKAGES)";
    }
    return null;
  }
  if (under(from, "src")) {
    if (under(to, "bench")) return "src never imports bench/";
    if (under(to, "test") && !isTest) {
      return "src never imports test/ (only its *.test.ts files may)";
    }
    if (under(to, "test") && isTest && !under(to, "test/support")) {
      return "a test under src imports only test/support from test/";
    }
  }
  if (under(from, "bench") && under(to, "test")) return "bench/ imports src/, never test/";
  if (under(from, "src/domain") && !under(to, "src/domain"))
    return "src/domain imports only src/domain";
  if (under(from, "src/contracts") && !under(to, "src/contracts") && !under(to, "src/domain")) {
    return "src/contracts imports only src/domain and src/contracts";
  }
  if (under(from, "src/web")) {
    for (const layer of ["src/server", "src/db", "src/cli"]) {
      if (under(to, layer))
        return `src/web never imports ${layer} (it talks to the server over HTTP)`;
    }
    const a = segmentAfter(from, "src/web/features");
    const b = segmentAfter(to, "src/web/features");
    if (a && b && a !== b) {
      return "a web feature never imports another feature (move the shared piece to src/web/app, components or lib)";
    }
  }
  const m = segmentAfter(from, "src/server/modules");
  const n = segmentAfter(to, "src/server/modules");
  if (m && n && m !== n && isRouteFile(to)) {
    return "a server module never imports another module's routes";
  }
  return null;
}

export function check(files) {
  const violations = [];
  for (const file of files) {
    const text = fs.readFileSync(file, "utf8");
    const from = rel(file);
    const info = ts.preProcessFile(text, true, true);
    for (const { fileName: spec, pos } of info.importedFiles) {
      const to = spec.startsWith(".") ? rel(path.resolve(path.dirname(file), spec)) : null;
      const rule = brokenRule(from, to, spec);
      if (rule) {
        const line = text.slice(0, pos).split("\n").length;
        violations.push(`${from}:${line} imports ${spec} — ${rule}`);
      }
    }
  }
  return violations;
}

const args = process.argv.slice(2);
const targets = (args.length > 0 ? args : ["src", "bench"]).map((p) => path.resolve(root, p));
const violations = check(targets.flatMap((t) => walk(t, [])));
for (const v of violations) console.log(v);
if (violations.length > 0) {
  console.error(
    `${violations.length} import(s) cross a boundary (docs/architecture.md, "Layers").`,
  );
  process.exit(1);
}
