import fs from "node:fs";
import path from "node:path";
import { today } from "../../domain/calendar.ts";
import type { Clock } from "../context.ts";
import { type BackupSource, writeBackupFile } from "./backup.ts";

const PREFIX = "cascade-";
const SUFFIX = ".cascade-backup";

export interface BackupSchedule {
  dir: string;
  /** How many of the newest scheduled backups to keep (at least 1). */
  keep: number;
}

/** The scheduled backups in `dir`, oldest first (their names sort by date). */
export function scheduledBackups(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.startsWith(PREFIX) && name.endsWith(SUFFIX))
    .sort();
}

/**
 * Takes today's backup (London date, from the app's clock) unless one is already
 * there, then deletes the oldest scheduled backups beyond `keep`. Returns the file
 * written, or undefined when today's backup already existed.
 */
export async function runScheduledBackup(
  source: BackupSource,
  schedule: BackupSchedule,
  clock: Clock,
): Promise<string | undefined> {
  const day = today(clock);
  let written: string | undefined;
  if (!scheduledBackups(schedule.dir).some((name) => name.startsWith(`${PREFIX}${day}`))) {
    const now = clock.now();
    const stamp = now.toISOString().slice(11, 19).replaceAll(":", "");
    written = path.join(schedule.dir, `${PREFIX}${day}-${stamp}Z${SUFFIX}`);
    await writeBackupFile(source, written, { now, reason: "scheduled" });
  }
  const all = scheduledBackups(schedule.dir);
  for (const name of all.slice(0, Math.max(0, all.length - Math.max(1, schedule.keep)))) {
    fs.rmSync(path.join(schedule.dir, name), { force: true });
  }
  return written;
}

/** Checks every `everyMs` (an hour by default) whether today's backup is due; the first check is at once. */
export function startBackupSchedule(
  source: BackupSource,
  schedule: BackupSchedule,
  clock: Clock,
  log: { error(obj: object, msg: string): void; info(msg: string): void },
  everyMs = 60 * 60 * 1000,
): { stop(): void; idle(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = running
      .then(() => runScheduledBackup(source, schedule, clock))
      .then((file) => {
        if (file) log.info(`scheduled backup written to ${file}`);
      })
      .catch((error: unknown) => log.error({ err: error }, "scheduled backup failed"));
  };
  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer), idle: () => running };
}
