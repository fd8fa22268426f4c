import pg from "pg";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../src/db/database.ts";
import { migrateToLatest } from "../../src/db/migrate.ts";
import { postgresUrl, withDatabase } from "./engines.ts";

/**
 * Migrates once per run into a template database; every test file then gets its
 * own database copied from it (CREATE DATABASE … TEMPLATE), dropped at the end.
 */
export default async function setup(project: TestProject) {
  const url = postgresUrl();
  const template = `cascade_test_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const server = (await admin.query("show server_version")).rows[0]?.server_version;
  console.log(`[integration] running on PostgreSQL ${server} at ${new URL(url).host}`);
  await admin.query(`drop database if exists ${template}`);
  await admin.query(`create database ${template}`);
  const database = await openDatabase({
    engine: "postgres",
    url: withDatabase(url, template),
    poolSize: 1,
  });
  await migrateToLatest(database.db);
  await database.close();
  project.provide("postgresTemplate", template);

  return async () => {
    // Per-file databases are named after the template; drop them all with it.
    const { rows } = await admin.query<{ datname: string }>(
      "select datname from pg_database where datname like $1",
      [`${template}%`],
    );
    for (const { datname } of rows.filter((r) => r.datname !== template)) {
      await admin.query(`drop database if exists ${datname} with (force)`);
    }
    await admin.query(`drop database if exists ${template} with (force)`);
    await admin.end();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    postgresTemplate: string;
  }
}
