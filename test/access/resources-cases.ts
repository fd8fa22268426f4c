import type { AccessActor, AccessWorld } from "../support/world.ts";
import { clusterId, schoolId } from "../support/world.ts";
import type { RouteCase } from "./route-cases.ts";
import { scoped } from "./route-cases.ts";

/** A fresh link in the library, added by the actor (by the administrator when the actor is nobody). */
async function resourceOf(world: AccessWorld, actor: AccessActor) {
  return world.t.deps.db
    .insertInto("resources")
    .values({
      title: "Matrix resource",
      kind: "reading",
      url: "https://example.org/matrix",
      created_by: actor.user?.id ?? world.admin.id,
      created_at: world.now,
      updated_at: world.now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

async function fileResource(world: AccessWorld) {
  return world.t.deps.db
    .insertInto("resources")
    .values({
      title: "Matrix file",
      kind: "template",
      file_name: "template.pdf",
      content_type: "application/pdf",
      size_bytes: 4,
      content: Buffer.from("%PDF"),
      created_by: world.admin.id,
      created_at: world.now,
      updated_at: world.now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

async function readingListOf(world: AccessWorld, actor: AccessActor) {
  return world.t.deps.db
    .insertInto("reading_lists")
    .values({
      title: "Matrix list",
      created_by: actor.user?.id ?? world.admin.id,
      created_at: world.now,
      updated_at: world.now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

/** A fresh material of the cluster's first workshop, not yet in the library. */
async function materialOf(world: AccessWorld, clusterKey: string) {
  const workshop = await world.t.deps.db
    .selectFrom("workshops")
    .select("id")
    .where("cluster_id", "=", clusterId(world, clusterKey))
    .orderBy("starts_at")
    .executeTakeFirstOrThrow();
  return world.t.deps.db
    .insertInto("workshop_materials")
    .values({
      workshop_id: workshop.id,
      title: "Matrix slides",
      url: "https://example.org/slides",
      created_at: world.now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

const LINK = { title: "A reading", url: "https://example.org/reading", kind: "reading" };

export const resourcesCases: Record<string, RouteCase> = {
  "GET /api/resources": async () => ({ url: "/api/resources?q=reading&kind=reading" }),
  "GET /api/resources/choices": async () => ({ url: "/api/resources/choices" }),
  "POST /api/resources": async () => ({ url: "/api/resources", body: LINK }),
  "GET /api/resources/:id": async (world, actor) => ({
    url: `/api/resources/${(await resourceOf(world, actor)).id}`,
  }),
  "PATCH /api/resources/:id": async (world, actor) => ({
    url: `/api/resources/${(await resourceOf(world, actor)).id}`,
    body: { summary: "Changed by the matrix." },
  }),
  "POST /api/resources/:id/archive": async (world, actor) => ({
    url: `/api/resources/${(await resourceOf(world, actor)).id}/archive`,
  }),
  "GET /api/resources/:id/download": async (world) => ({
    url: `/api/resources/${(await fileResource(world)).id}/download`,
  }),
  "POST /api/workshop-materials/:id/library": async (world, actor, target) => ({
    url: `/api/workshop-materials/${(await materialOf(world, scoped(actor, target).cluster)).id}/library`,
    body: { kind: "reading" },
  }),
  "GET /api/reading-lists": async () => ({ url: "/api/reading-lists" }),
  "POST /api/reading-lists": async () => ({
    url: "/api/reading-lists",
    body: { title: "Start here" },
  }),
  "GET /api/reading-lists/:id": async (world, actor) => ({
    url: `/api/reading-lists/${(await readingListOf(world, actor)).id}`,
  }),
  "PATCH /api/reading-lists/:id": async (world, actor) => ({
    url: `/api/reading-lists/${(await readingListOf(world, actor)).id}`,
    body: { summary: "For new leaders." },
  }),
  "PUT /api/reading-lists/:id/items": async (world, actor) => ({
    url: `/api/reading-lists/${(await readingListOf(world, actor)).id}/items`,
    body: { items: [{ resourceId: (await resourceOf(world, actor)).id, note: "First." }] },
  }),
  "GET /api/schools/:id/shelf": async (world, actor, target) => ({
    url: `/api/schools/${schoolId(world, scoped(actor, target).school)}/shelf`,
  }),
  "PUT /api/schools/:id/shelf/:resourceId": async (world, actor, target) => ({
    url: `/api/schools/${schoolId(world, scoped(actor, target).school)}/shelf/${(await resourceOf(world, actor)).id}`,
  }),
  "DELETE /api/schools/:id/shelf/:resourceId": async (world, actor, target) => ({
    url: `/api/schools/${schoolId(world, scoped(actor, target).school)}/shelf/${(await resourceOf(world, actor)).id}`,
  }),
};
