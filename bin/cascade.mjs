#!/usr/bin/env node
// Runs the bundled server when dist/server/ is up to date with the sources
// (`npm start` builds it), else the TypeScript sources directly through tsx.
import { pathToFileURL } from "node:url";
import { bundleEntry, bundleIsFresh } from "../scripts/server-bundle.mjs";

if (process.env.CASCADE_FROM_SOURCE !== "1" && bundleIsFresh()) {
  await import(pathToFileURL(bundleEntry).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli/main.ts");
}
