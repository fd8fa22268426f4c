import fs from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";

/**
 * PGlite on Node never forces a write to the disk: it starts PostgreSQL with fsync off
 * (`-F`), its file system (Emscripten's NODEFS) has no fsync, and `syncToFs()` does
 * nothing there. A killed process loses nothing (the kernel holds the writes), but a
 * machine that loses power may lose commits already acknowledged. Called after each
 * commit, this flushes the WAL that holds it: the segment of the commit record, every
 * segment filled since the last call, and the pg_wal directory when a segment is new
 * to it. Data files are still not fsynced at a checkpoint (docs/crash-drill.md).
 */
export function walFlusher(pglite: PGlite, pgdata: string): () => Promise<void> {
  const walDir = path.join(pgdata, "pg_wal");
  let last: string | undefined;
  return async () => {
    const { rows } = await pglite.query<{ name: string }>(
      "select pg_walfile_name(pg_current_wal_insert_lsn() - 1) as name",
    );
    const name = rows[0]?.name;
    if (!name) return;
    if (name === last) {
      fsyncPath(path.join(walDir, name));
      return;
    }
    const segments = fs
      .readdirSync(walDir)
      .filter((f) => /^[0-9A-F]{24}$/.test(f) && f <= name && (last === undefined || f >= last));
    for (const segment of last === undefined ? [name] : segments)
      fsyncPath(path.join(walDir, segment));
    fsyncPath(walDir);
    last = name;
  };
}

function fsyncPath(file: string): void {
  const fd = fs.openSync(file, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
