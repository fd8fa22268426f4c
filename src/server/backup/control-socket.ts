import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import type { Clock } from "../context.ts";
import { type BackupSource, writeBackup } from "./backup.ts";

/** The socket a running `cascade serve` on PGlite answers backups on, inside its data directory. */
export const CONTROL_SOCKET_NAME = "control.sock";

/** Unix socket paths longer than this cannot be bound (Linux's sun_path is 108 bytes). */
const MAX_SOCKET_PATH = 100;

export function controlSocketPath(dataDir: string): string {
  return path.join(dataDir, CONTROL_SOCKET_NAME);
}

/**
 * While the app serves on PGlite, the data directory is locked, so `cascade backup`
 * asks the serving process for the backup over a Unix socket in that directory. The
 * socket is created owner-only (0600), so only whoever may read the data directory
 * anyway can ask; it is not on the network and carries nothing but backups.
 * Returns undefined (and the caller logs why) when the path is too long to bind.
 */
export async function startControlSocket(
  dataDir: string,
  source: BackupSource,
  clock: Clock,
  log: { error(obj: object, msg: string): void },
): Promise<{ close(): Promise<void> } | undefined> {
  const socketPath = controlSocketPath(dataDir);
  if (socketPath.length > MAX_SOCKET_PATH) return undefined;
  // The lock is held: a socket file left here is a dead process's.
  fs.rmSync(socketPath, { force: true });
  const server = http.createServer((req, res) => {
    if (req.method !== "POST" || req.url !== "/backup") {
      res
        .writeHead(404, { "content-type": "text/plain" })
        .end("Only POST /backup is answered here.\n");
      return;
    }
    res.writeHead(200, { "content-type": "application/gzip" });
    writeBackup(source, res, { now: clock.now(), reason: "cascade backup (running server)" }).catch(
      (error: unknown) => {
        log.error({ err: error }, "backup over the control socket failed");
        // Cut the response short: the client sees a truncated file and says so.
        res.destroy(error as Error);
      },
    );
  });
  const previous = process.umask(0o177);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(socketPath, () => resolve());
    });
  } finally {
    process.umask(previous);
  }
  fs.chmodSync(socketPath, 0o600);
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Asks the running server for a backup and writes it to `file` (via `file.partial`). */
export async function backupThroughControlSocket(dataDir: string, file: string): Promise<void> {
  const socketPath = controlSocketPath(dataDir);
  if (!fs.existsSync(socketPath)) {
    throw new Error(
      `The data directory ${dataDir} is in use by a running Cascade, but it has no backup socket (${socketPath}). Upgrade and restart that server, or stop it and run cascade backup again.`,
    );
  }
  const partial = `${file}.partial`;
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  try {
    await new Promise<void>((resolve, reject) => {
      const req = http.request({ socketPath, path: "/backup", method: "POST" }, (res) => {
        if (res.statusCode !== 200) {
          reject(new Error(`The running server refused the backup (HTTP ${res.statusCode}).`));
          res.resume();
          return;
        }
        const out = fs.createWriteStream(partial, { mode: 0o600 });
        res.pipe(out);
        res.on("aborted", () => reject(new Error("The running server stopped mid-backup.")));
        res.on("error", reject);
        out.on("error", reject);
        out.on("finish", () => {
          if (res.complete) resolve();
          else reject(new Error("The running server stopped mid-backup."));
        });
      });
      req.on("error", reject);
      req.end();
    });
    fs.renameSync(partial, file);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
}
