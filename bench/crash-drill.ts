// npm run drill:crash — the crash drill in full (docs/crash-drill.md): on PGlite and on
// PostgreSQL, at least 20 SIGKILLs of the real server while a driver writes through the
// API, then a check that every acknowledged write survived and no import is half-applied.
//   npm run drill:crash -- [--seed N] [--kills N] [--writes N] [--engine pglite|postgres]
// Exits 1 when any acknowledged write is lost or any import half-applied.
import { parseArgs } from "node:util";
// @ts-expect-error: a plain JavaScript build script, without type declarations
import { buildServerBundle, bundleIsFresh } from "../scripts/server-bundle.mjs";
import { type DrillEngine, type DrillResult, describeDrill, runCrashDrill } from "./crash/drill.ts";

const { values } = parseArgs({
  options: {
    seed: { type: "string" },
    kills: { type: "string", default: "20" },
    writes: { type: "string", default: "1000" },
    engine: { type: "string", multiple: true },
    quiet: { type: "boolean", default: false },
    "up-min": { type: "string", default: "10000" },
    "up-max": { type: "string", default: "25000" },
    concurrency: { type: "string", default: "8" },
  },
});
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
const engines = (values.engine ?? ["pglite", "postgres"]) as DrillEngine[];
const postgresUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
console.log(
  `Crash drill: seed ${seed}, engines ${engines.join(" and ")}, at least ${values.kills} kills and ${values.writes} acknowledged writes each (repeat with --seed ${seed}).`,
);

// The bundled server starts faster than the sources through tsx, and each restart counts.
if (!bundleIsFresh()) {
  console.log("Bundling the server…");
  await buildServerBundle();
}

// Ctrl-C stops driving at the next kill and still checks what was acknowledged.
const stop = new AbortController();
process.once("SIGINT", () => {
  console.log("Stopping at the next kill; the check still runs.");
  stop.abort();
});

const results: DrillResult[] = [];
for (const engine of engines) {
  const result = await runCrashDrill({
    engine,
    seed,
    kills: Number(values.kills),
    minAcknowledged: Number(values.writes),
    upMs: [Number(values["up-min"]), Number(values["up-max"])],
    concurrency: Number(values.concurrency),
    postgresUrl,
    stop: stop.signal,
    log: values.quiet ? undefined : (line) => console.log(line),
  });
  results.push(result);
  console.log(describeDrill(result));
  for (const line of [...result.lost, ...result.halfApplied].slice(0, 20)) console.log(`  ${line}`);
}
const total = results.reduce((n, r) => n + r.acknowledged.total, 0);
const lost = results.reduce((n, r) => n + r.lost.length, 0);
const half = results.reduce((n, r) => n + r.halfApplied.length, 0);
const kills = results.reduce((n, r) => n + r.kills, 0);
console.log(
  `Total: ${kills} kills, ${total.toLocaleString("en-GB")} acknowledged writes, ${lost} lost, ${half} half-applied imports.`,
);
process.exitCode = lost > 0 || half > 0 ? 1 : 0;
