import { Command } from "commander";
import { loadConfig } from "../config.ts";
import { ROLE_LABELS } from "../contracts/roles.ts";
import { describeDatabase, openConfiguredDatabase } from "../db/open-from-config.ts";

export function createDemoCommand(): Command {
  return new Command("demo")
    .description("Fill an empty Cascade with a fictional demo network, and print its accounts once")
    .option("--seed <n>", "the generator's seed (the same seed gives the same network)", "2026")
    .action(async (options: { seed: string }) => {
      // Loaded when the command runs, so other commands start fast.
      const { HttpProblem } = await import("../server/errors.ts");
      const { loadDemoNetwork, newDemoPassword } = await import(
        "../server/modules/demo/load-demo.ts"
      );
      const seed = Number(options.seed);
      if (!Number.isInteger(seed)) {
        console.error("--seed must be a whole number.");
        process.exitCode = 1;
        return;
      }
      const config = loadConfig();
      const database = await openConfiguredDatabase(config, { migrate: true });
      try {
        const password = newDemoPassword();
        const demo = await database.db
          .transaction()
          .execute((trx) => loadDemoNetwork(trx, { now: new Date(), password, seed }));
        console.log(`Loaded the demo network into ${describeDatabase(config)}:`);
        console.log(
          `  ${demo.network.hubs.length} hubs, ${demo.network.schools.length} schools, ${demo.network.clusters.length} clusters, ${demo.network.people.length} people.`,
        );
        console.log("\nSign in as any of these (the password is shown only now):");
        for (const c of demo.credentials)
          console.log(`  ${ROLE_LABELS[c.role].padEnd(22)} ${c.email}`);
        console.log(`\n  Password for all of them: ${password}\n`);
      } catch (error) {
        if (error instanceof HttpProblem) {
          console.error(error.detail);
          process.exitCode = 1;
          return;
        }
        throw error;
      } finally {
        await database.close();
      }
    });
}
