import { Command, Option } from "commander";
import { loadConfig } from "../config.ts";
import { setupBodySchema } from "../contracts/auth.ts";
import { describeDatabase, openConfiguredDatabase } from "../db/open-from-config.ts";
import { ask, readStdin } from "./prompt.ts";

export function createUserCommand(): Command {
  const user = new Command("user").description("Manage accounts from the terminal");
  user
    .command("create")
    .description("Create an account (the first network administrator, or another one)")
    .addOption(
      new Option("--role <role>", "the account's role")
        .choices(["network_admin"])
        .makeOptionMandatory(),
    )
    .option("--email <email>", "email address (asked for when left out)")
    .option("--name <name>", "full name (asked for when left out)")
    .option("--password-stdin", "read the password from standard input instead of asking")
    .action(
      async (options: {
        role: "network_admin";
        email?: string;
        name?: string;
        passwordStdin?: boolean;
      }) => {
        const interactive = process.stdin.isTTY && !options.passwordStdin;
        const name = options.name ?? (interactive ? await ask("Name: ") : "");
        const email = options.email ?? (interactive ? await ask("Email: ") : "");
        const password = options.passwordStdin
          ? await readStdin()
          : interactive
            ? await ask("Password (at least 12 characters): ", true)
            : "";
        const parsed = setupBodySchema.safeParse({ name, email, password });
        if (!parsed.success) {
          for (const issue of parsed.error.issues)
            console.error(`${issue.path.join(".")}: ${issue.message}`);
          process.exitCode = 1;
          return;
        }
        const input = parsed.data;
        // Loaded when the command runs, so other commands start fast.
        const { HttpProblem, ValidationProblem } = await import("../server/errors.ts");
        const { recordAudit } = await import("../server/audit/store.ts");
        const { assertAcceptablePassword, hashPassword } = await import(
          "../server/modules/auth/passwords.ts"
        );
        const { createFirstAdmin } = await import("../server/modules/setup/first-admin.ts");
        const { addMembership, countUsers, findUserByEmail, insertUser } = await import(
          "../server/modules/users/store.ts"
        );
        const config = loadConfig();
        const database = await openConfiguredDatabase(config, { migrate: true });
        try {
          const now = new Date();
          await database.db.transaction().execute(async (trx) => {
            if ((await countUsers(trx)) === 0) {
              await createFirstAdmin(trx, input, now, null);
              return;
            }
            if (await findUserByEmail(trx, input.email)) {
              throw new ValidationProblem("Email in use.", [
                { field: "email", message: `An account for ${input.email} already exists.` },
              ]);
            }
            assertAcceptablePassword(input.password, [input.email, input.name]);
            const userId = await insertUser(trx, {
              email: input.email,
              name: input.name,
              passwordHash: await hashPassword(input.password),
              createdAt: now,
            });
            await addMembership(trx, {
              userId,
              role: options.role,
              scopeType: "network",
              scopeId: null,
            });
            await recordAudit(trx, now, {
              action: "user.created_from_terminal",
              actorUserId: null,
              targetType: "user",
              targetId: userId,
              details: { role: options.role },
            });
          });
          console.log(
            `Created network administrator ${input.email} in ${describeDatabase(config)}.`,
          );
        } catch (error) {
          if (error instanceof HttpProblem) {
            const fieldErrors =
              (error.extra.errors as { field: string; message: string }[] | undefined) ?? [];
            console.error(
              fieldErrors.length
                ? fieldErrors.map((e) => `${e.field}: ${e.message}`).join("\n")
                : error.detail,
            );
            process.exitCode = 1;
            return;
          }
          throw error;
        } finally {
          await database.close();
        }
      },
    );
  return user;
}
