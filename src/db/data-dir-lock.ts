import fs from "node:fs";
import path from "node:path";

/**
 * PGlite does not lock its data directory (electric-sql/pglite#1106): a second
 * process opening it corrupts it silently. This lock file, holding the owner's
 * PID, makes the second process stop before it touches the database.
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly lockPath: string,
    readonly holderPid: number,
    readonly holderStartedAt: string,
  ) {
    super(
      `The data directory ${path.dirname(lockPath)} is in use by another Cascade process ` +
        `(PID ${holderPid}, started ${holderStartedAt}). Stop that process first, ` +
        "or set CASCADE_DATA_DIR to another directory.",
    );
  }
}

interface LockContent {
  pid: number;
  startedAt: string;
}

export interface DataDirLock {
  release(): void;
}

const LOCK_NAME = "cascade.lock";

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readLock(lockPath: string): LockContent | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(lockPath, "utf8")) as Partial<LockContent>;
    if (typeof parsed.pid === "number") {
      return { pid: parsed.pid, startedAt: String(parsed.startedAt ?? "an unknown time") };
    }
  } catch {
    // A lock we cannot read was left half-written by a crash; treat it as stale.
  }
  return undefined;
}

export function acquireDataDirLock(dataDir: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, LOCK_NAME);
  const mine: LockContent = { pid: process.pid, startedAt: new Date().toISOString() };

  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify(mine), { flag: "wx" });
      return {
        release() {
          const current = readLock(lockPath);
          if (current?.pid === process.pid) fs.rmSync(lockPath, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = readLock(lockPath);
    if (holder && holder.pid !== process.pid && isAlive(holder.pid)) {
      throw new DataDirLockedError(lockPath, holder.pid, holder.startedAt);
    }
    // The holder died without releasing: take the lock over.
    fs.rmSync(lockPath, { force: true });
  }
  const holder = readLock(lockPath);
  throw new DataDirLockedError(lockPath, holder?.pid ?? -1, holder?.startedAt ?? "an unknown time");
}
