import { configDefaults, defineConfig } from "vitest/config";

const integration = [
  "src/server/**/*.test.ts",
  "src/db/**/*.test.ts",
  "src/cli/**/*.test.ts",
  "test/**/*.test.ts",
];
/** Tests of several app processes on one database server: PostgreSQL only. */
const postgresOnly = ["test/scale/**/*.test.ts"];

/**
 * Three projects: pure unit tests, and the same integration tests once on PGlite
 * and once on PostgreSQL (only when TEST_DATABASE_URL is set).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: [
            "src/domain/**/*.test.ts",
            "src/contracts/**/*.test.ts",
            "src/web/**/*.test.ts",
            "src/demo/**/*.test.ts",
            "bench/**/*.test.ts",
          ],
        },
      },
      {
        test: {
          name: "integration-pglite",
          include: integration,
          exclude: [...configDefaults.exclude, ...postgresOnly],
          globalSetup: ["test/support/global-setup-pglite.ts"],
          env: { CASCADE_TEST_ENGINE: "pglite" },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      ...(process.env.TEST_DATABASE_URL
        ? [
            {
              test: {
                name: "integration-postgres",
                include: integration,
                globalSetup: ["test/support/global-setup-postgres.ts"],
                env: { CASCADE_TEST_ENGINE: "postgres" },
                testTimeout: 30_000,
                hookTimeout: 60_000,
              },
            },
          ]
        : []),
    ],
  },
});
