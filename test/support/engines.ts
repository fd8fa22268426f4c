/** Which database the integration tests in this process run on. */
export type TestEngine = "pglite" | "postgres";

export function testEngine(): TestEngine {
  return process.env.CASCADE_TEST_ENGINE === "postgres" ? "postgres" : "pglite";
}

export const PGLITE_TEMPLATE_FILE = ".tmp/test-pglite-template.tar";

export function postgresUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("TEST_DATABASE_URL is not set");
  return url;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
