import type { Config } from "../config.ts";
import { describeDatabase, openConfiguredDatabase } from "../db/open-from-config.ts";
import { publicUrlWarning } from "../server/origin.ts";
import { VERSION } from "../version.ts";

/**
 * Runs the app until SIGINT or SIGTERM, then stops taking requests, lets the
 * ones in flight finish, checkpoints and closes the database, and exits.
 */
export async function serve(
  config: Config,
  options: { backups?: { dir: string; keep: number } | undefined } = {},
): Promise<void> {
  // The data directory is locked first; the app's code loads after, so a second
  // process on the same directory is turned away at once.
  const database = await openConfiguredDatabase(config, { migrate: true });
  const { buildApp } = await import("../server/app.ts");
  const { systemClock } = await import("../server/context.ts");
  const { createMailer } = await import("../server/mail/mailer.ts");
  const { sendDueReminders } = await import("../server/modules/reminders/service.ts");
  const { resolveKeyring } = await import("../server/secrets/key-file.ts");
  const { runRetentionIfDue } = await import("../server/modules/retention/job.ts");
  const mailer = createMailer(config.smtpUrl, config.mailFrom);
  let secrets: Awaited<ReturnType<typeof resolveKeyring>>;
  try {
    secrets = resolveKeyring(config);
  } catch (error) {
    await database.close();
    throw error;
  }
  const { app } = await buildApp(
    {
      db: database.db,
      engine: database.engine,
      config,
      mailer,
      clock: systemClock,
      version: VERSION,
      secrets: secrets.keyring,
    },
    { logger: true, trustProxy: process.env.CASCADE_TRUST_PROXY === "1" },
  );

  // Reminders go out every quarter of an hour; each is claimed once in the
  // database, so several app servers can all run this safely.
  const runReminders = () =>
    sendDueReminders({ db: database.db, mailer, publicUrl: config.publicUrl }, new Date()).catch(
      (error) => app.log.error({ err: error }, "reminders failed"),
    );
  const reminders = setInterval(runReminders, 15 * 60 * 1000);
  reminders.unref();
  setTimeout(runReminders, 30_000).unref();

  // The embedded database: `cascade backup` asks this process over a socket in the
  // data directory, and the daily backups (when asked for) run here too.
  const backupSource = { db: database.db, engine: database.engine, version: VERSION };
  let controlSocket: { close(): Promise<void> } | undefined;
  let schedule: { stop(): void; idle(): Promise<void> } | undefined;
  if (database.engine === "pglite") {
    const { startControlSocket } = await import("../server/backup/control-socket.ts");
    controlSocket = await startControlSocket(config.dataDir, backupSource, systemClock, app.log);
    if (!controlSocket) {
      app.log.warn(
        `The data directory's path is too long for a backup socket: stop the app to run cascade backup.`,
      );
    }
    if (options.backups) {
      const { startBackupSchedule } = await import("../server/backup/schedule.ts");
      schedule = startBackupSchedule(backupSource, options.backups, systemClock, app.log);
    }
  } else if (options.backups) {
    app.log.warn(
      "--backup-dir is for the embedded database; on PostgreSQL schedule cascade backup (or pg_dump) outside the app.",
    );
  }
  // Retention runs once a day: every hour the app checks whether today's run
  // has happened (it is recorded in the database, so a restart or a second app
  // server does not run it twice in a day).
  const runRetention = () =>
    runRetentionIfDue({ db: database.db, clock: systemClock })
      .then((report) => {
        if (report) app.log.info({ retention: report.deleted }, "retention ran");
      })
      .catch((error) => app.log.error({ err: error }, "retention failed"));
  const retention = setInterval(runRetention, 60 * 60 * 1000);
  retention.unref();
  setTimeout(runRetention, 60_000).unref();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    clearInterval(reminders);
    schedule?.stop();
    clearInterval(retention);
    app.log.info(`${signal} received: closing`);
    try {
      await app.close();
      await controlSocket?.close();
      await schedule?.idle();
    } finally {
      await database.close();
    }
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));

  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    schedule?.stop();
    await controlSocket?.close();
    await database.close();
    throw error;
  }
  app.log.info(
    secrets.created
      ? `Made a new secret key for stored secrets in ${secrets.source} (keep it with your backups, apart from the database).`
      : `Stored secrets are sealed with the secret key from ${secrets.source} (key ${secrets.keyring.currentId}).`,
  );
  const warning = publicUrlWarning(config);
  if (warning) app.log.warn(warning);
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  console.log(
    `Cascade ${VERSION} is listening on http://${config.host}:${port} (${describeDatabase(config)})`,
  );
}
