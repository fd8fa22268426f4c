import type { Config } from "../config.ts";
import { describeDatabase, openConfiguredDatabase } from "../db/open-from-config.ts";
import { publicUrlWarning } from "../server/origin.ts";
import { VERSION } from "../version.ts";

/**
 * Runs the app until SIGINT or SIGTERM, then stops taking requests, lets the
 * ones in flight finish, checkpoints and closes the database, and exits.
 */
export async function serve(config: Config): Promise<void> {
  // The data directory is locked first; the app's code loads after, so a second
  // process on the same directory is turned away at once.
  const database = await openConfiguredDatabase(config, { migrate: true });
  const { buildApp } = await import("../server/app.ts");
  const { systemClock } = await import("../server/context.ts");
  const { createMailer } = await import("../server/mail/mailer.ts");
  const { sendDueReminders } = await import("../server/modules/reminders/service.ts");
  const { runRetentionIfDue } = await import("../server/modules/retention/job.ts");
  const mailer = createMailer(config.smtpUrl, config.mailFrom);
  const { app } = await buildApp(
    {
      db: database.db,
      engine: database.engine,
      config,
      mailer,
      clock: systemClock,
      version: VERSION,
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
    clearInterval(retention);
    app.log.info(`${signal} received: closing`);
    try {
      await app.close();
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
    await database.close();
    throw error;
  }
  const warning = publicUrlWarning(config);
  if (warning) app.log.warn(warning);
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  console.log(
    `Cascade ${VERSION} is listening on http://${config.host}:${port} (${describeDatabase(config)})`,
  );
}
