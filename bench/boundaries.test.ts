import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const SCRIPT = path.resolve(import.meta.dirname, "../scripts/check-boundaries.mjs");
let dirs: string[] = [];

/** A repository tree in a temporary folder: path → file text. */
function tree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "boundaries-"));
  dirs.push(root);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

function run(root: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [SCRIPT, ...args], { cwd: root, encoding: "utf8" });
  return { status: r.status, out: r.stdout };
}

const CLEAN = {
  "src/domain/roles.ts": 'export const ROLES = ["teacher"] as const;\n',
  "src/domain/words.ts": 'import { z } from "zod";\nimport { ROLES } from "./roles.ts";\n',
  "src/contracts/roles.ts": 'import { ROLES } from "../domain/roles.ts";\n',
  "src/web/lib/me.ts": 'import { ROLES } from "../../domain/roles.ts";\n',
  "src/web/features/a/page.tsx":
    'import { x } from "../../lib/me.ts";\nimport { y } from "./y.ts";\n',
  "src/server/modules/a/routes.ts": 'import { s } from "../b/store.ts";\n',
  "src/server/x.test.ts": 'import { w } from "../../test/support/app.ts";\n',
  "bench/run.ts": 'import { app } from "../src/server/app.ts";\n',
};

afterEach(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  dirs = [];
});

describe("scripts/check-boundaries.mjs", { timeout: 30_000 }, () => {
  it("passes a tree whose imports point the right way", () => {
    expect(run(tree(CLEAN))).toEqual({ status: 0, out: "" });
  });

  it.each([
    ["src/domain/bad.ts", 'import { r } from "../contracts/roles.ts";', "src/domain imports only"],
    ["src/domain/bad.ts", 'import fs from "node:fs";', "no node built-ins"],
    ["src/contracts/bad.ts", 'import { d } from "../db/schema.ts";', "src/contracts imports only"],
    ["src/web/bad.ts", 'import { s } from "../server/app.ts";', "src/web never imports src/server"],
    [
      "src/web/lazy.tsx",
      'const P = () => import("../db/schema.ts");',
      "src/web never imports src/db",
    ],
    [
      "src/server/bad.ts",
      'import { t } from "../../test/support/app.ts";',
      "src never imports test/",
    ],
    ["src/server/bad.ts", 'import { b } from "../../bench/run.ts";', "src never imports bench/"],
    [
      "bench/bad.ts",
      'import { t } from "../test/support/app.ts";',
      "bench/ imports src/, never test/",
    ],
    [
      "src/server/modules/b/routes.ts",
      'export { r } from "../a/routes.ts";',
      "another module's routes",
    ],
  ])("refuses %s: %s", (file, line, rule) => {
    const { status, out } = run(tree({ ...CLEAN, [file]: `\n${line}\n` }));
    expect(status).toBe(1);
    const spec = /["']([^"']+)["']/.exec(line)?.[1];
    expect(out).toContain(`${file}:2 imports ${spec} — `);
    expect(out).toContain(rule);
    expect(out.trim().split("\n")).toHaveLength(1);
  });

  it("refuses a web feature importing another, and a test under src importing test/ beyond test/support", () => {
    const root = tree({
      ...CLEAN,
      "src/web/features/b/page.tsx": 'import { p } from "../a/page.tsx";\n',
      "src/server/x.test.ts": 'import { w } from "../../test/access/world.ts";\n',
    });
    const { status, out } = run(root);
    expect(status).toBe(1);
    expect(out).toContain("src/web/features/b/page.tsx:1 imports ../a/page.tsx — a web feature");
    expect(out).toContain(
      "src/server/x.test.ts:1 imports ../../test/access/world.ts — a test under src imports only test/support",
    );
  });

  it("checks only the files and folders it is given", () => {
    const root = tree({
      ...CLEAN,
      "bench/bad.ts": 'import { t } from "../test/support/app.ts";\n',
    });
    expect(run(root, "src").status).toBe(0);
    expect(run(root, "bench").status).toBe(1);
  });
});
