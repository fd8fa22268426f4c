import { unsubscribeToken } from "../../src/server/modules/newsletters/token.ts";
import { makeUser } from "../support/factories.ts";
import type { AccessWorld } from "../support/world.ts";
import type { RouteCase } from "./route-cases.ts";

/** A new draft issue, so each allowed send or edit has one of its own. */
async function freshDraft(world: AccessWorld): Promise<string> {
  const now = world.t.clock.now();
  const row = await world.t.deps.db
    .insertInto("newsletters")
    .values({
      title: "Access matrix issue",
      term_label: "Autumn 2026",
      introduction: "A fictional introduction.",
      items: "[]",
      created_by: world.admin.id,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

const sentIssues = new WeakMap<AccessWorld, string>();

/** One sent issue per world (with no deliveries), for the back-issue and retry routes. */
async function sentIssue(world: AccessWorld): Promise<string> {
  const known = sentIssues.get(world);
  if (known) return known;
  const id = await freshDraft(world);
  await world.t.deps.db
    .updateTable("newsletters")
    .set({ status: "sent", sent_at: world.t.clock.now(), evidence_snapshot: "{}" })
    .where("id", "=", id)
    .execute();
  sentIssues.set(world, id);
  return id;
}

/** The unsubscribe link's token of someone made for the call (no one else's subscription changes). */
async function freshToken(world: AccessWorld): Promise<string> {
  const user = await makeUser(world.t, { role: null });
  return unsubscribeToken(world.t.deps.secrets, user.id);
}

export const newsletterCases: Record<string, RouteCase> = {
  "GET /api/newsletters": async () => ({ url: "/api/newsletters" }),
  "POST /api/newsletters": async () => ({
    url: "/api/newsletters",
    body: { title: "A fictional issue", termLabel: "Autumn 2026" },
  }),
  "GET /api/newsletters/:id": async (world) => ({
    url: `/api/newsletters/${await sentIssue(world)}`,
  }),
  "PUT /api/newsletters/:id": async (world) => ({
    url: `/api/newsletters/${await freshDraft(world)}`,
    body: { title: "Edited", termLabel: "Autumn 2026", introduction: "Hello.", items: [] },
  }),
  "GET /api/newsletters/:id/preview": async (world) => ({
    url: `/api/newsletters/${await sentIssue(world)}/preview`,
  }),
  "GET /api/newsletters/:id/progress": async (world) => ({
    url: `/api/newsletters/${await sentIssue(world)}/progress`,
  }),
  "POST /api/newsletters/:id/send": async (world) => ({
    url: `/api/newsletters/${await freshDraft(world)}/send`,
  }),
  "POST /api/newsletters/:id/retry": async (world) => ({
    url: `/api/newsletters/${await sentIssue(world)}/retry`,
  }),
  "GET /api/newsletter-issues": async () => ({ url: "/api/newsletter-issues" }),
  "GET /api/newsletter-issues/:id": async (world) => ({
    url: `/api/newsletter-issues/${await sentIssue(world)}`,
  }),
  "GET /api/me/newsletter": async () => ({ url: "/api/me/newsletter" }),
  "PUT /api/me/newsletter": async () => ({ url: "/api/me/newsletter", body: { subscribed: true } }),
  "POST /api/newsletter-unsubscribe": async (world) => ({
    url: "/api/newsletter-unsubscribe",
    body: { token: await freshToken(world) },
  }),
};
