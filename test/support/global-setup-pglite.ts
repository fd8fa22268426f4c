import fs from "node:fs";
import path from "node:path";
import { openDatabase } from "../../src/db/database.ts";
import { migrateToLatest } from "../../src/db/migrate.ts";
import { PGLITE_TEMPLATE_FILE } from "./engines.ts";

/**
 * Migrates once per run; every test file then starts from a copy of the result
 * (a dumped PGlite data directory).
 */
export default async function setup() {
  console.log("[integration] running on PGlite (embedded PostgreSQL, in memory per test file)");
  const database = await openDatabase({ engine: "pglite-memory" });
  await migrateToLatest(database.db);
  const dump = await database.dumpDataDir?.();
  await database.close();
  if (!dump) throw new Error("PGlite could not dump its data directory");
  fs.mkdirSync(path.dirname(PGLITE_TEMPLATE_FILE), { recursive: true });
  fs.writeFileSync(PGLITE_TEMPLATE_FILE, Buffer.from(await dump.arrayBuffer()));
}
