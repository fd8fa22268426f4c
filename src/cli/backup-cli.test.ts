import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { testEngine } from "../../test/support/engines.ts";
import { startServe } from "../../test/support/serve-process.ts";
import { openDatabase } from "../db/database.ts";

function cascade(args: string[], env: Record<string, string>, input?: string) {
  return spawnSync(process.execPath, ["bin/cascade.mjs", ...args], {
    env: { ...process.env, ...env },
    input,
    encoding: "utf8",
    timeout: 120_000,
  });
}

/** Like cascade(), without blocking the event loop (the server under test runs in this process's children). */
function cascadeAsync(args: string[], env: Record<string, string>) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ["bin/cascade.mjs", ...args], {
      env: { ...process.env, ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.on("exit", (status) => resolve({ status, stdout, stderr }));
  });
}

async function userEmails(dataDir: string): Promise<string[]> {
  const database = await openDatabase({ engine: "pglite", dataDir });
  try {
    const rows = await database.db.selectFrom("users").select("email").orderBy("email").execute();
    return rows.map((r) => r.email);
  } finally {
    await database.close();
  }
}

describe.skipIf(testEngine() !== "pglite")("cascade backup and cascade restore", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "cb-"));
  const source = { CASCADE_DATA_DIR: path.join(root, "a") };
  const target = { CASCADE_DATA_DIR: path.join(root, "b") };
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it("backs up a stopped embedded database, and one a running server holds, then restores into a fresh directory", async () => {
    const created = cascade(
      [
        "user",
        "create",
        "--role",
        "network_admin",
        "--email",
        "ops@school.test",
        "--name",
        "Ops",
        "--password-stdin",
      ],
      source,
      "tangerine bicycle harbour\n",
    );
    expect(created.status).toBe(0);

    const offline = cascade(["backup", path.join(root, "offline.gz")], source);
    expect(offline.stderr).toBe("");
    expect(offline.status).toBe(0);
    expect(offline.stdout).toMatch(
      /Backed up .* to .*offline\.gz: \d+ rows, migration level \d{8}-\d{4}-/,
    );

    const server = startServe(source);
    try {
      await server.listening;
      // The server holds the lock: the backup is taken inside it, over its socket.
      const online = await cascadeAsync(["backup", path.join(root, "online.gz")], source);
      expect(online.stderr).toBe("");
      expect(online.status).toBe(0);
      expect(online.stdout).toContain("through the running server");
      const manifest = JSON.parse(
        gunzipSync(fs.readFileSync(path.join(root, "online.gz")))
          .toString("utf8")
          .split("\n")[0] ?? "",
      );
      expect(manifest.engine).toBe("pglite");
      expect(manifest.tables.find((t: { name: string }) => t.name === "users").rows).toBe(1);
      // Restoring needs the directory to itself.
      const refused = await cascadeAsync(
        ["restore", path.join(root, "online.gz"), "--replace"],
        source,
      );
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain("is in use by another Cascade process");
    } finally {
      server.child.kill("SIGTERM");
      await server.exited;
    }

    const restored = cascade(["restore", path.join(root, "online.gz")], target);
    expect(restored.stderr).toBe("");
    expect(restored.status).toBe(0);
    expect(restored.stdout).toMatch(/Restored \d+ rows from .*online\.gz \(made .* on pglite/);
    expect(await userEmails(target.CASCADE_DATA_DIR)).toEqual(["ops@school.test"]);
  }, 240_000);

  it("refuses to restore over a database in use, and a damaged file, with a one-line message (exit 1)", async () => {
    const again = cascade(["restore", path.join(root, "offline.gz")], target);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(
      /^cascade: The target database already holds data \(.*1 in users.*--replace/,
    );

    const cut = path.join(root, "cut.gz");
    const whole = fs.readFileSync(path.join(root, "offline.gz"));
    fs.writeFileSync(cut, whole.subarray(0, whole.length - 40));
    const damaged = cascade(["restore", cut, "--replace"], target);
    expect(damaged.status).toBe(1);
    expect(damaged.stderr).toMatch(/^cascade: The backup file .*cut\.gz is (truncated|damaged)/);

    const replaced = cascade(["restore", path.join(root, "offline.gz"), "--replace"], target);
    expect(replaced.status).toBe(0);
    expect(await userEmails(target.CASCADE_DATA_DIR)).toEqual(["ops@school.test"]);
  }, 240_000);
});
