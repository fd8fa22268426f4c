import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { testEngine } from "../../test/support/engines.ts";
import { sizeBomb } from "../../test/support/xlsx-bomb.ts";
import { openDatabase } from "../db/database.ts";
import { insertSchool } from "../server/modules/schools/store.ts";

function cascade(args: string[], env: Record<string, string>, input?: string) {
  return spawnSync(process.execPath, ["bin/cascade.mjs", ...args], {
    env: { ...process.env, ...env },
    input,
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe.skipIf(testEngine() !== "pglite")("the cascade command", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cascade-cli-"));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const env = { CASCADE_DATA_DIR: dataDir };

  it("migrates an empty data directory, then reports it up to date", () => {
    const first = cascade(["migrate"], env);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain("Applied");
    const second = cascade(["migrate"], env);
    expect(second.stdout).toContain("up to date");
  }, 60_000);

  it("creates the first network administrator from the terminal", async () => {
    const weak = cascade(
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
      env,
      "password1234\n",
    );
    expect(weak.status).toBe(1);
    expect(weak.stderr).toContain("commonly used");

    const created = cascade(
      [
        "user",
        "create",
        "--role",
        "network_admin",
        "--email",
        "Ops@School.test",
        "--name",
        "Ops Person",
        "--password-stdin",
      ],
      env,
      "tangerine bicycle harbour\n",
    );
    expect(created.stderr).toBe("");
    expect(created.status).toBe(0);
    expect(created.stdout).toContain("Created network administrator ops@school.test");

    const database = await openDatabase({ engine: "pglite", dataDir });
    try {
      const users = await database.db
        .selectFrom("users")
        .innerJoin("memberships", "memberships.user_id", "users.id")
        .select(["users.email", "memberships.role"])
        .execute();
      expect(users).toEqual([{ email: "ops@school.test", role: "network_admin" }]);
    } finally {
      await database.close();
    }
  }, 60_000);

  it("verifies the audit chain, and names the first broken link (exit code 2)", async () => {
    const intact = cascade(["audit", "verify"], env);
    expect(intact.stdout).toContain("The audit log is intact");
    expect(intact.status).toBe(0);

    const database = await openDatabase({ engine: "pglite", dataDir });
    try {
      const { sql } = await import("kysely");
      const first = await database.db
        .selectFrom("audit_events")
        .select(["id", "chain_seq"])
        .orderBy("chain_seq")
        .executeTakeFirstOrThrow();
      await sql`alter table audit_events disable trigger audit_events_no_update`.execute(
        database.db,
      );
      await sql`delete from audit_events where id = ${first.id}`.execute(database.db);
      await sql`alter table audit_events enable trigger audit_events_no_update`.execute(
        database.db,
      );
    } finally {
      await database.close();
    }
    const broken = cascade(["audit", "verify"], env);
    expect(broken.status).toBe(2);
    expect(broken.stdout).toContain("The audit log is broken");
    // The only row (the administrator's creation) is gone: the chain head still counts it.
    expect(broken.stdout).toContain("missing from the end of the log, from position 1");
  }, 60_000);

  it("holds a file imported from the terminal to the same limits: a decompression bomb is refused", async () => {
    const database = await openDatabase({ engine: "pglite", dataDir });
    try {
      await insertSchool(
        database.db,
        {
          urn: "990001",
          name: "Terminal Fictional School",
          phase: "secondary",
          localAuthority: "Fictionshire",
          postcode: "ZZ1 1ZZ",
          hubId: null,
        },
        new Date(),
      );
    } finally {
      await database.close();
    }
    const bombFile = path.join(dataDir, "bomb.xlsx");
    fs.writeFileSync(bombFile, await sizeBomb(300, { lie: true }));
    const result = cascade(["import", "pupils", bombFile, "--school", "990001"], env);
    expect(result.status).toBe(1);
    // Refused, not killed: the command's own 60 s timeout would leave no exit status of 1.
    expect(result.stderr).toContain("unpacks to more than 32 MB");
  }, 60_000);

  it("refuses an unknown role", () => {
    const result = cascade(["user", "create", "--role", "head", "--password-stdin"], env, "x\n");
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("network_admin");
  }, 60_000);
});
