// Builds the web app when it is missing or older than its sources, so that
// `npm start` on a fresh clone serves a working app without another step.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const index = "dist/web/index.html";
const sources = ["src/web", "src/contracts"];

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
const source = Math.max(...sources.map(newestMtime), fs.statSync("package.json").mtimeMs);
if (built < source) {
  console.log("Building the web app…");
  const result = spawnSync(
    process.execPath,
    ["node_modules/vite/bin/vite.js", "build", "--logLevel", "warn"],
    {
      stdio: "inherit",
    },
  );
  process.exit(result.status ?? 1);
}
