// Builds what `npm start` serves when it is missing or older than its sources,
// so that a fresh clone serves a working app without another step: the web app
// (vite, into dist/web/) and the bundled server (esbuild, into dist/server/).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { buildServerBundle, bundleIsFresh, newestMtime } from "./server-bundle.mjs";

const index = "dist/web/index.html";
const sources = ["src/web", "src/contracts"];

const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
const source = Math.max(
  ...sources.map((dir) => newestMtime(dir)),
  fs.statSync("package.json").mtimeMs,
);
if (built < source) {
  console.log("Building the web app…");
  const result = spawnSync(
    process.execPath,
    ["node_modules/vite/bin/vite.js", "build", "--logLevel", "warn"],
    {
      stdio: "inherit",
    },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
}
if (!bundleIsFresh()) {
  console.log("Bundling the server…");
  await buildServerBundle();
}
