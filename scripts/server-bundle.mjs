// The server, bundled: `npm start` (through ensure-built) bundles src/ into
// dist/server/ with esbuild when the sources are newer, and bin/cascade.mjs runs
// the bundle when it is fresh, else the TypeScript sources through tsx. The
// bundle keeps node_modules outside it and loads lazily what the sources load
// lazily; it saves compiling and resolving several hundred files at each start.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const bundleDir = path.join(root, "dist", "server");
export const bundleEntry = path.join(bundleDir, "main.mjs");
const entries = ["src/cli/main.ts", "src/server/imports/read-table-worker.mjs"];

/** The newest modification time under dir, leaving out what the server never loads. */
export function newestMtime(dir, skip = () => false) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (skip(full, entry)) continue;
    newest = Math.max(
      newest,
      entry.isDirectory() ? newestMtime(full, skip) : fs.statSync(full).mtimeMs,
    );
  }
  return newest;
}

const notServer = (full, entry) =>
  full === path.join(root, "src", "web") ||
  (!entry.isDirectory() && /\.test\.ts$/.test(entry.name));

function sourcesMtime() {
  return Math.max(
    newestMtime(path.join(root, "src"), notServer),
    fs.statSync(path.join(root, "package.json")).mtimeMs,
    fs.statSync(path.join(root, "package-lock.json")).mtimeMs,
  );
}

/** True when the bundle (dist/server/main.mjs) exists and no server source is newer. */
export function bundleIsFresh(entry = bundleEntry) {
  try {
    return fs.statSync(entry).mtimeMs >= sourcesMtime();
  } catch {
    return false;
  }
}

/** Bundles the server into dist/server/ (about a second), or into outDir. */
export async function buildServerBundle(outDir = bundleDir) {
  const { build } = await import("esbuild");
  const staging = `${outDir}.tmp`;
  fs.rmSync(staging, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: entries,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    outdir: staging,
    entryNames: "[name]",
    outExtension: { ".js": ".mjs" },
    logLevel: "warning",
  });
  // Swapped in whole, so a running process never sees half a bundle.
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.renameSync(staging, outDir);
}
