import { Command } from "commander";
import { ConfigError, loadConfig } from "../config.ts";
import { DataDirLockedError } from "../db/data-dir-lock.ts";
import { DatabaseStartError } from "../db/database.ts";
import { MigrationError } from "../db/migrate.ts";
import { describeDatabase, openConfiguredDatabase } from "../db/open-from-config.ts";
import { VERSION } from "../version.ts";
import {
  BackupCommandError,
  createBackupCommand,
  createRestoreCommand,
  parseKeep,
} from "./backup.ts";
import { createDemoCommand } from "./demo.ts";
import { createImportCommand } from "./import.ts";
import { serve } from "./serve.ts";
import { createUserCommand } from "./user-create.ts";

const program = new Command();
program.name("cascade").description("Cascade: close the gap, school by school.").version(VERSION);

program
  .command("serve")
  .description("Start the app (migrations apply first)")
  .option(
    "--backup-dir <dir>",
    "embedded database only: take a backup into DIR once a day (env CASCADE_BACKUP_DIR)",
    process.env.CASCADE_BACKUP_DIR || undefined,
  )
  .option(
    "--backup-keep <n>",
    "how many daily backups to keep (env CASCADE_BACKUP_KEEP; default 7)",
    parseKeep,
    process.env.CASCADE_BACKUP_KEEP ? parseKeep(process.env.CASCADE_BACKUP_KEEP) : 7,
  )
  .action(async (options: { backupDir?: string; backupKeep: number }) => {
    await serve(loadConfig(), {
      backups: options.backupDir ? { dir: options.backupDir, keep: options.backupKeep } : undefined,
    });
  });

program
  .command("migrate")
  .description(
    "Apply database migrations and exit (as DATABASE_MIGRATION_URL's owner role when it is set)",
  )
  .action(async () => {
    const config = loadConfig();
    let applied: string[];
    if (config.databaseUrl && config.databaseMigrationUrl) {
      const { migrateAsOwner } = await import("../db/open-from-config.ts");
      applied = await migrateAsOwner(config);
    } else {
      const database = await openConfiguredDatabase(config, { migrate: false });
      try {
        const { migrateToLatest } = await import("../db/migrate.ts");
        applied = await migrateToLatest(database.db);
      } finally {
        await database.close();
      }
    }
    console.log(
      applied.length
        ? `Applied ${applied.length} migration(s) to ${describeDatabase(config)}: ${applied.join(", ")}`
        : `${describeDatabase(config)} is up to date.`,
    );
  });

const audit = program.command("audit").description("Check the audit log");
audit
  .command("verify")
  .description("Walk the audit chain and report the first broken link (exit code 2 when broken)")
  .action(async () => {
    const config = loadConfig();
    const database = await openConfiguredDatabase(config, { migrate: false });
    try {
      const { describeChainCheck, verifyAuditChain } = await import("../server/audit/chain.ts");
      const check = await verifyAuditChain(database.db);
      console.log(describeChainCheck(check));
      if (!check.ok) process.exitCode = 2;
    } finally {
      await database.close();
    }
  });

program.addCommand(createUserCommand());
program.addCommand(createDemoCommand());
program.addCommand(createImportCommand());
program.addCommand(createBackupCommand());
program.addCommand(createRestoreCommand());

program
  .command("reminders")
  .description("Send the reminders due now (workshops next week, overdue actions) and exit")
  .action(async () => {
    const config = loadConfig();
    const database = await openConfiguredDatabase(config, { migrate: true });
    try {
      const { createMailer } = await import("../server/mail/mailer.ts");
      const { sendDueReminders } = await import("../server/modules/reminders/service.ts");
      const sent = await sendDueReminders(
        {
          db: database.db,
          mailer: createMailer(config.smtpUrl, config.mailFrom),
          publicUrl: config.publicUrl,
        },
        new Date(),
      );
      console.log(
        `Reminders: ${sent.workshops} for workshops, ${sent.actions} for overdue actions, ${sent.ppStatements} for pupil premium statements.`,
      );
    } finally {
      await database.close();
    }
  });

const retention = program.command("retention").description("Apply the retention rules");
retention
  .command("run")
  .description(
    "Delete the pupil-level data and audit rows past retention (legal holds kept) and print the report",
  )
  .option("--dry-run", "Count what would be deleted, and delete nothing")
  .action(async (options: { dryRun?: boolean }) => {
    const config = loadConfig();
    const database = await openConfiguredDatabase(config, { migrate: true });
    try {
      const { describeReport, runRetention } = await import("../server/modules/retention/job.ts");
      const { systemClock } = await import("../server/context.ts");
      const report = await runRetention(
        { db: database.db, clock: systemClock },
        { dryRun: options.dryRun === true, trigger: "command" },
      );
      console.log(describeReport(report));
    } finally {
      await database.close();
    }
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  const known =
    error instanceof ConfigError ||
    error instanceof DataDirLockedError ||
    error instanceof DatabaseStartError ||
    error instanceof MigrationError ||
    error instanceof BackupCommandError;
  console.error(known ? `cascade: ${(error as Error).message}` : error);
  process.exit(1);
}
