import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { testEngine } from "../../../test/support/engines.ts";
import { makeUser } from "../../../test/support/factories.ts";
import { createTestApp, type TestApp } from "../../../test/support/test-app.ts";
import type { Actor } from "../context.ts";
import { auditedChange } from "./change.ts";
import { requestClient } from "./store.ts";

describe(`a change and its audit row [${testEngine()}]`, () => {
  let t: TestApp;
  let actor: Actor;
  beforeEach(async () => {
    t = await createTestApp();
    const user = await makeUser(t);
    actor = {
      userId: user.id,
      name: user.name,
      email: user.email,
      sessionId: "s",
      memberships: [],
    };
  });
  afterEach(async () => t.close());

  const rows = (action: string) =>
    t.deps.db
      .selectFrom("audit_events")
      .select(["actor_user_id", "ip", "user_agent", "target_id", "occurred_at"])
      .where("action", "=", action)
      .execute();

  it("commits the change with its rows, who, when and from where filled in", async () => {
    const id = await requestClient.run({ ip: "203.0.113.9", userAgent: "Test/1" }, () =>
      auditedChange(
        t.deps,
        actor,
        async (trx) => {
          await trx
            .updateTable("users")
            .set({ name: "Renamed" })
            .where("id", "=", actor.userId)
            .execute();
          return actor.userId;
        },
        (result) => [
          { action: "test.changed", targetType: "user", targetId: result },
          { action: "test.changed", targetType: "user", targetId: `${result}-2` },
        ],
      ),
    );
    expect(id).toBe(actor.userId);
    const written = await rows("test.changed");
    expect(written).toHaveLength(2);
    expect(written.map((r) => r.target_id).sort()).toEqual([id, `${id}-2`].sort());
    for (const r of written) {
      expect(r.actor_user_id).toBe(actor.userId);
      expect(r.ip).toBe("203.0.113.9");
      expect(r.user_agent).toBe("Test/1");
      expect(new Date(r.occurred_at).getTime()).toBe(t.clock.now().getTime());
    }
  });

  it("writes nothing, neither the change nor its row, when the work fails", async () => {
    await expect(
      auditedChange(
        t.deps,
        actor,
        async (trx) => {
          await trx
            .updateTable("users")
            .set({ name: "Half done" })
            .where("id", "=", actor.userId)
            .execute();
          throw new Error("stopped half way");
        },
        () => ({ action: "test.failed" }),
      ),
    ).rejects.toThrow("stopped half way");
    expect(await rows("test.failed")).toHaveLength(0);
    const user = await t.deps.db
      .selectFrom("users")
      .select("name")
      .where("id", "=", actor.userId)
      .executeTakeFirstOrThrow();
    expect(user.name).not.toBe("Half done");
  });
});
