import { type AccessWorld, clusterId, enrolmentId } from "../support/world.ts";
import type { RouteCase } from "./route-cases.ts";
import { scoped } from "./route-cases.ts";

async function workshopOf(world: AccessWorld, clusterKey: string) {
  return world.t.deps.db
    .selectFrom("workshops")
    .select("id")
    .where("cluster_id", "=", clusterId(world, clusterKey))
    .orderBy("starts_at")
    .executeTakeFirstOrThrow();
}

async function fileMaterialOf(world: AccessWorld, clusterKey: string) {
  const workshop = await workshopOf(world, clusterKey);
  return world.t.deps.db
    .insertInto("workshop_materials")
    .values({
      workshop_id: workshop.id,
      title: "Slides",
      file_name: "slides.pdf",
      content_type: "application/pdf",
      size_bytes: 4,
      content: Buffer.from("%PDF"),
      created_at: world.now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

async function visitOf(world: AccessWorld, schoolKey: string) {
  return world.t.deps.db
    .insertInto("school_visits")
    .values({
      enrolment_id: enrolmentId(world, schoolKey),
      visit_on: "2026-11-20",
      created_at: world.now,
      updated_at: world.now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

async function actionOf(world: AccessWorld, schoolKey: string) {
  return world.t.deps.db
    .insertInto("actions")
    .values({
      enrolment_id: enrolmentId(world, schoolKey),
      title: "Matrix action",
      created_at: world.now,
      updated_at: world.now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

export const programmeYearCases: Record<string, RouteCase> = {
  "GET /api/clusters/:id/workshops": async (world, actor, target) => ({
    url: `/api/clusters/${clusterId(world, scoped(actor, target).cluster)}/workshops`,
  }),
  "POST /api/workshops": async (world, actor, target) => ({
    url: "/api/workshops",
    body: {
      clusterId: clusterId(world, scoped(actor, target).cluster),
      title: "Extra session",
      date: "2027-02-09",
      startTime: "15:45",
      endTime: "17:00",
    },
  }),
  "GET /api/workshops/:id": async (world, actor, target) => ({
    url: `/api/workshops/${(await workshopOf(world, scoped(actor, target).cluster)).id}`,
  }),
  "PATCH /api/workshops/:id": async (world, actor, target) => ({
    url: `/api/workshops/${(await workshopOf(world, scoped(actor, target).cluster)).id}`,
    body: { venue: "Room 2 (fictional)" },
  }),
  "POST /api/workshops/:id/tasks": async (world, actor, target) => ({
    url: `/api/workshops/${(await workshopOf(world, scoped(actor, target).cluster)).id}/tasks`,
    body: { kind: "follow_up", title: "Try it" },
  }),
  "POST /api/workshops/:id/materials": async (world, actor, target) => ({
    url: `/api/workshops/${(await workshopOf(world, scoped(actor, target).cluster)).id}/materials`,
    body: { title: "Reading", url: "https://example.org/reading" },
  }),
  "GET /api/workshop-materials/:id/download": async (world, actor, target) => ({
    url: `/api/workshop-materials/${(await fileMaterialOf(world, scoped(actor, target).cluster)).id}/download`,
  }),
  "GET /api/workshops/:id/register": async (world, actor, target) => ({
    url: `/api/workshops/${(await workshopOf(world, scoped(actor, target).cluster)).id}/register`,
  }),
  "PUT /api/workshops/:id/register": async (world, actor, target) => ({
    url: `/api/workshops/${(await workshopOf(world, scoped(actor, target).cluster)).id}/register`,
    body: { entries: [] },
  }),
  "GET /api/clusters/:id/progress": async (world, actor, target) => ({
    url: `/api/clusters/${clusterId(world, scoped(actor, target).cluster)}/progress`,
  }),
  "GET /api/enrolments/:id/actions": async (world, actor, target) => ({
    url: `/api/enrolments/${enrolmentId(world, scoped(actor, target).school)}/actions`,
  }),
  "POST /api/enrolments/:id/actions": async (world, actor, target) => ({
    url: `/api/enrolments/${enrolmentId(world, scoped(actor, target).school)}/actions`,
    body: { title: "Follow up", dueOn: "2026-12-10" },
  }),
  "PATCH /api/actions/:id": async (world, actor, target) => ({
    url: `/api/actions/${(await actionOf(world, scoped(actor, target).school)).id}`,
    body: { status: "done" },
  }),
  "POST /api/visits": async (world, actor, target) => ({
    url: "/api/visits",
    body: { enrolmentId: enrolmentId(world, scoped(actor, target).school), visitOn: "2027-01-20" },
  }),
  "GET /api/enrolments/:id/visits": async (world, actor, target) => ({
    url: `/api/enrolments/${enrolmentId(world, scoped(actor, target).school)}/visits`,
  }),
  "GET /api/visits/:id": async (world, actor, target) => ({
    url: `/api/visits/${(await visitOf(world, scoped(actor, target).school)).id}`,
  }),
  "PATCH /api/visits/:id": async (world, actor, target) => ({
    url: `/api/visits/${(await visitOf(world, scoped(actor, target).school)).id}`,
    body: { strengths: "A clear plan." },
  }),
  "POST /api/visits/:id/response": async (world, actor, target) => ({
    url: `/api/visits/${(await visitOf(world, scoped(actor, target).school)).id}/response`,
    body: { response: "Thank you; we will act on it." },
  }),
  "GET /api/calendar": async () => ({ url: "/api/calendar" }),
  "GET /api/me/settings": async () => ({ url: "/api/me/settings" }),
  "PATCH /api/me/settings": async () => ({
    url: "/api/me/settings",
    body: { remindersEnabled: true },
  }),
  "POST /api/me/calendar-feed": async () => ({ url: "/api/me/calendar-feed" }),
  "DELETE /api/me/calendar-feed": async () => ({ url: "/api/me/calendar-feed" }),
  "GET /api/calendar/feed/:file": async () => ({ url: `/api/calendar/feed/${"x".repeat(43)}.ics` }),
  "GET /api/outbox": async () => ({ url: "/api/outbox" }),
  "POST /api/outbox/send-due": async () => ({ url: "/api/outbox/send-due" }),
};
