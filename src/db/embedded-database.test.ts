import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { testEngine } from "../../test/support/engines.ts";
import { startServe } from "../../test/support/serve-process.ts";

const origin = (port: number) => `http://127.0.0.1:${port}`;

async function post(port: number, url: string, body: unknown) {
  return fetch(`${origin(port)}${url}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: origin(port) },
    body: JSON.stringify(body),
  });
}

// These run real processes on a real data directory; the engine of the run does not matter.
describe.skipIf(testEngine() !== "pglite")("the embedded database's guards", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cascade-guard-"));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("refuses a second process on the same data directory, naming the holder, while the first keeps serving", async () => {
    const first = startServe({ CASCADE_DATA_DIR: dataDir });
    const port = await first.listening;
    try {
      const started = Date.now();
      const second = startServe({ CASCADE_DATA_DIR: dataDir });
      const code = await second.exited;
      expect(code).not.toBe(0);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(second.output()).toContain(`PID ${first.child.pid}`);
      expect(second.output()).toContain("in use by another Cascade process");
      const health = await fetch(`${origin(port)}/api/health`);
      expect(health.status).toBe(200);
    } finally {
      first.child.kill("SIGTERM");
      await first.exited;
    }
  }, 60_000);

  it("keeps every acknowledged write across a SIGTERM and restart", async () => {
    const first = startServe({ CASCADE_DATA_DIR: dataDir });
    const port = await first.listening;
    const setup = await post(port, "/api/setup", {
      name: "Durable Admin",
      email: "durable@school.test",
      password: "granite meadow fiddle",
    });
    expect(setup.status).toBe(201);
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    expect(fs.existsSync(path.join(dataDir, "cascade.lock"))).toBe(false);

    const second = startServe({ CASCADE_DATA_DIR: dataDir });
    const port2 = await second.listening;
    try {
      const login = await post(port2, "/api/auth/login", {
        email: "durable@school.test",
        password: "granite meadow fiddle",
      });
      expect(login.status).toBe(200);
    } finally {
      second.child.kill("SIGINT");
      expect(await second.exited).toBe(0);
    }
  }, 60_000);

  it("takes over a lock left by a process that died", async () => {
    fs.writeFileSync(
      path.join(dataDir, "cascade.lock"),
      JSON.stringify({ pid: 2 ** 22 + 12345, startedAt: "2026-01-01T00:00:00Z" }),
    );
    const server = startServe({ CASCADE_DATA_DIR: dataDir });
    await server.listening;
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
  }, 60_000);
});
