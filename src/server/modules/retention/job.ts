import type { Kysely } from "kysely";
import type { RetentionReport } from "../../../contracts/retention.ts";
import type { DB } from "../../../db/schema.ts";
import { today } from "../../../domain/calendar.ts";
import { pupilDataCutoff } from "../../../domain/retention.ts";
import { recordAudit } from "../../audit/store.ts";
import type { Clock } from "../../context.ts";
import {
  countActiveHolds,
  deleteExpiredPupilData,
  insertRun,
  latestRun,
  lockRetention,
  pruneAuditLog,
  readRetentionSettings,
} from "./store.ts";

export interface RetentionRunOptions {
  dryRun: boolean;
  trigger: "schedule" | "command" | "admin";
  actorUserId?: string | null;
  ip?: string | null;
}

/** Thrown inside the daily run's transaction when another server has run retention today. */
class AlreadyRanToday extends Error {}

/** Thrown inside a dry run's transaction so that everything it did rolls back. */
class DryRunRollback extends Error {
  constructor(readonly report: RetentionReport) {
    super("dry run");
  }
}

/** The instant `years` before `now`. */
function yearsBefore(now: Date, years: number): Date {
  const at = new Date(now.getTime());
  at.setUTCFullYear(at.getUTCFullYear() - years);
  return at;
}

/**
 * Applies the retention rules once, in one transaction: deletes the pupil-level
 * data past retention (except what legal holds keep), prunes the audit log's
 * oldest rows, and records the report (in `retention_runs` and as an audit row).
 * A dry run does the same work and rolls it all back, so its counts are exact,
 * and records only that it was asked for (`retention.previewed`).
 * Running it again the same day deletes nothing more.
 */
export async function runRetention(
  deps: { db: Kysely<DB>; clock: Clock },
  options: RetentionRunOptions,
): Promise<RetentionReport> {
  return (await applyRetention(deps, options, false)) as RetentionReport;
}

/** The run; with `onceToday`, none (null) when a run is recorded today, checked under the lock. */
async function applyRetention(
  deps: { db: Kysely<DB>; clock: Clock },
  options: RetentionRunOptions,
  onceToday: boolean,
): Promise<RetentionReport | null> {
  const now = deps.clock.now();
  const day = today(deps.clock);
  try {
    return await deps.db.transaction().execute(async (trx) => {
      // One run at a time across app servers; the daily job looks again under the lock,
      // so two servers checking in the same moment do not both run it.
      await lockRetention(trx);
      if (onceToday && ranToday(await latestRun(trx), deps.clock)) throw new AlreadyRanToday();
      const settings = await readRetentionSettings(trx);
      const pupilCutoff = pupilDataCutoff(day, settings.pupilDataYears);
      const auditCutoff = yearsBefore(now, settings.auditLogYears);
      const kept = await countActiveHolds(trx);
      const pupil = await deleteExpiredPupilData(trx, pupilCutoff, now);
      const auditRows = await pruneAuditLog(trx, auditCutoff, now);
      const report: RetentionReport = {
        dryRun: options.dryRun,
        today: day,
        pupilCutoff,
        auditCutoff: auditCutoff.toISOString(),
        deleted: { ...pupil, auditRows },
        kept,
      };
      if (options.dryRun) throw new DryRunRollback(report);
      await insertRun(trx, {
        now,
        trigger: options.trigger,
        actorUserId: options.actorUserId ?? null,
        report,
      });
      await recordAudit(trx, now, {
        action: "retention.run",
        actorUserId: options.actorUserId ?? null,
        ip: options.ip ?? null,
        targetType: "retention",
        details: {
          trigger: options.trigger,
          pupilCutoff,
          auditCutoff: report.auditCutoff,
          ...report.deleted,
          ...kept,
        },
      });
      return report;
    });
  } catch (error) {
    if (error instanceof AlreadyRanToday) return null;
    if (!(error instanceof DryRunRollback)) throw error;
    // The preview changed nothing; that it was asked for is still recorded.
    await recordAudit(deps.db, now, {
      action: "retention.previewed",
      actorUserId: options.actorUserId ?? null,
      ip: options.ip ?? null,
      targetType: "retention",
      details: { trigger: options.trigger, ...error.report.deleted },
    });
    return error.report;
  }
}

/** Runs retention unless a run has already happened today (London): the daily job's check. */
export async function runRetentionIfDue(deps: {
  db: Kysely<DB>;
  clock: Clock;
}): Promise<RetentionReport | null> {
  if (ranToday(await latestRun(deps.db), deps.clock)) return null;
  return applyRetention(deps, { dryRun: false, trigger: "schedule" }, true);
}

function ranToday(last: { ranAt: Date } | null, clock: Clock): boolean {
  return last !== null && today({ now: () => last.ranAt }) === today(clock);
}

/** The report in words, for the command line. */
export function describeReport(report: RetentionReport): string {
  const d = report.deleted;
  const verb = report.dryRun ? "would delete" : "deleted";
  return [
    `Retention ${report.dryRun ? "dry run" : "run"} for ${report.today}: ${verb}`,
    `  observations: ${d.observations}`,
    `  cohort places: ${d.cohortPlaces}`,
    `  strategy participants: ${d.strategyParticipants}`,
    `  import and correction history rows: ${d.importHistory}`,
    `  pupils erased: ${d.pupilsErased}`,
    `  audit rows: ${d.auditRows}`,
    `Pupil-level data of programme years ended before ${report.pupilCutoff}; audit rows before ${report.auditCutoff}.`,
    `Kept by legal holds: ${report.kept.heldSchools} school(s), ${report.kept.heldProgrammeYears} programme year(s).`,
  ].join("\n");
}
