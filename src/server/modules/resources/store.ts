import { type Kysely, sql } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import type {
  ReadingList,
  ReadingLists,
  Resource,
  ResourceChoices,
  ResourceSearch,
  Shelf,
} from "../../../contracts/resources.ts";
import { inIds } from "../../../db/in-ids.ts";
import type { DB } from "../../../db/schema.ts";
import type { ResourceAudience, ResourceKind } from "../../../domain/resources.ts";
import { clusterIdsLedBy, isNetworkAdmin, schoolIdsOf } from "../../access/scope.ts";
import type { Actor } from "../../context.ts";
import { NotFound } from "../../errors.ts";
import { resourcePolicy } from "./policy.ts";

/**
 * All of the resource library's SQL. Every signed-in person reads the library
 * (resources, reading lists); a school's shelf is its own staff's. A workshop's
 * material put in the library is read from the material itself (its link or
 * file), never copied.
 */

const iso = (d: Date | string) => new Date(d).toISOString();

/** Resources with what a card shows, the viewer's shelves that hold each, in one query. */
function presentable(db: Kysely<DB>, actor: Actor) {
  const schools = inIds(schoolIdsOf(actor));
  return db
    .selectFrom("resources")
    .leftJoin("workshop_materials", "workshop_materials.id", "resources.workshop_material_id")
    .leftJoin("workshops", "workshops.id", "resources.workshop_id")
    .select((eb) => [
      "resources.id",
      "resources.title",
      "resources.summary",
      "resources.kind",
      eb.fn.coalesce("resources.url", "workshop_materials.url").as("url"),
      eb.fn.coalesce("resources.file_name", "workshop_materials.file_name").as("file_name"),
      eb.fn.coalesce("resources.size_bytes", "workshop_materials.size_bytes").as("size_bytes"),
      "resources.audience",
      "resources.workshop_id",
      "workshops.title as workshop_title",
      "resources.workshop_material_id",
      "resources.created_by",
      "resources.created_at",
      "resources.updated_at",
      "resources.archived_at",
      jsonArrayFrom(
        eb
          .selectFrom("resource_themes")
          .innerJoin("programme_themes", "programme_themes.id", "resource_themes.theme_id")
          .select(["programme_themes.id", "programme_themes.name"])
          .whereRef("resource_themes.resource_id", "=", "resources.id")
          .orderBy("programme_themes.position")
          .orderBy("programme_themes.name"),
      ).as("themes"),
      jsonArrayFrom(
        eb
          .selectFrom("school_shelf")
          .select("school_shelf.school_id")
          .whereRef("school_shelf.resource_id", "=", "resources.id")
          .where("school_shelf.school_id", "in", schools),
      ).as("shelves"),
    ]);
}

type PresentableRow = Awaited<
  ReturnType<ReturnType<typeof presentable>["executeTakeFirstOrThrow"]>
>;

function toResource(actor: Actor, row: PresentableRow): Resource {
  return {
    id: row.id,
    title: row.title,
    summary: row.summary,
    kind: row.kind,
    url: row.url,
    fileName: row.url ? null : row.file_name,
    sizeBytes: row.url ? null : row.size_bytes,
    themes: row.themes,
    audience: row.audience as ResourceAudience[],
    workshop:
      row.workshop_id && row.workshop_title
        ? { id: row.workshop_id, title: row.workshop_title }
        : null,
    workshopMaterialId: row.workshop_material_id,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    archivedAt: row.archived_at ? iso(row.archived_at) : null,
    onShelfOf: row.shelves.map((s) => s.school_id),
    canChange: resourcePolicy.change(actor, row),
  };
}

/** The library's resources (not archived) matching the search and filters: best match first, else newest. */
export async function searchResources(
  db: Kysely<DB>,
  actor: Actor,
  search: ResourceSearch,
): Promise<Resource[]> {
  let query = presentable(db, actor).where("resources.archived_at", "is", null);
  const q = search.q?.trim();
  if (q) {
    query = query
      .where(sql<boolean>`resources.search_vector @@ websearch_to_tsquery('english', ${q})`)
      .orderBy(
        sql`ts_rank(resources.search_vector, websearch_to_tsquery('english', ${q}))`,
        "desc",
      );
  }
  if (search.kind) query = query.where("resources.kind", "=", search.kind);
  if (search.audience) {
    query = query.where(sql<boolean>`${search.audience} = any(resources.audience)`);
  }
  if (search.workshop) query = query.where("resources.workshop_id", "=", search.workshop);
  const theme = search.theme;
  if (theme) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("resource_themes")
          .select("resource_themes.theme_id")
          .whereRef("resource_themes.resource_id", "=", "resources.id")
          .where("resource_themes.theme_id", "=", theme),
      ),
    );
  }
  const rows = await query
    .orderBy("resources.created_at", "desc")
    .orderBy("resources.title")
    .limit(200)
    .execute();
  return rows.map((row) => toResource(actor, row));
}

/** One resource, archived or not, as the viewer sees it; 404 when there is none. */
export async function resourceById(db: Kysely<DB>, actor: Actor, id: string): Promise<Resource> {
  const row = await presentable(db, actor).where("resources.id", "=", id).executeTakeFirst();
  if (!row) throw new NotFound("resource");
  return toResource(actor, row);
}

/** The stored row (for the policy), 404 when there is none. */
export async function resourceRow(db: Kysely<DB>, id: string) {
  const row = await db
    .selectFrom("resources")
    .select(["id", "created_by", "archived_at", "url", "content", "workshop_material_id"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw new NotFound("resource");
  return row;
}

/** A file resource's bytes and name: its own, or its workshop material's. Null for a link. */
export async function resourceFile(db: Kysely<DB>, id: string) {
  const row = await db
    .selectFrom("resources")
    .leftJoin("workshop_materials", "workshop_materials.id", "resources.workshop_material_id")
    .select((eb) => [
      eb.fn.coalesce("resources.content", "workshop_materials.content").as("content"),
      eb.fn.coalesce("resources.file_name", "workshop_materials.file_name").as("file_name"),
    ])
    .where("resources.id", "=", id)
    .executeTakeFirst();
  if (!row) throw new NotFound("resource");
  return row.content === null ? null : { content: row.content, fileName: row.file_name };
}

/** The workshop a resource is said to belong to, for the policy; 404 when there is none. */
export async function workshopForResource(db: Kysely<DB>, id: string) {
  const row = await db
    .selectFrom("workshops")
    .select(["id", "cluster_id"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw new NotFound("workshop");
  return row;
}

/** Themes that exist, of the ids given (the rest are unknown). */
export async function knownThemes(db: Kysely<DB>, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("programme_themes")
    .select("id")
    .where("id", "in", [...ids])
    .execute();
  return rows.map((r) => r.id);
}

export interface ResourceValues {
  title: string;
  summary: string;
  kind: ResourceKind;
  url: string | null;
  file_name: string | null;
  content_type: string | null;
  size_bytes: number | null;
  content: Buffer | null;
  workshop_id: string | null;
  workshop_material_id: string | null;
  audience: string[];
}

export async function insertResource(
  trx: Kysely<DB>,
  now: Date,
  actor: Actor,
  values: ResourceValues,
  themeIds: readonly string[],
): Promise<{ id: string }> {
  const row = await trx
    .insertInto("resources")
    .values({ ...values, created_by: actor.userId, created_at: now, updated_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  await setThemes(trx, row.id, themeIds);
  return row;
}

async function setThemes(trx: Kysely<DB>, resourceId: string, themeIds: readonly string[]) {
  await trx.deleteFrom("resource_themes").where("resource_id", "=", resourceId).execute();
  const unique = [...new Set(themeIds)];
  if (unique.length > 0) {
    await trx
      .insertInto("resource_themes")
      .values(unique.map((theme_id) => ({ resource_id: resourceId, theme_id })))
      .execute();
  }
}

export async function updateResource(
  trx: Kysely<DB>,
  now: Date,
  id: string,
  values: Partial<
    Pick<ResourceValues, "title" | "summary" | "kind" | "url" | "workshop_id" | "audience">
  >,
  themeIds: readonly string[] | undefined,
): Promise<void> {
  await trx
    .updateTable("resources")
    .set({ ...values, updated_at: now })
    .where("id", "=", id)
    .execute();
  if (themeIds) await setThemes(trx, id, themeIds);
}

export async function archiveResource(trx: Kysely<DB>, now: Date, id: string): Promise<void> {
  await trx
    .updateTable("resources")
    .set({ archived_at: now, updated_at: now })
    .where("id", "=", id)
    .where("archived_at", "is", null)
    .execute();
}

/** The library resource made from a workshop's material, if there is one. */
export async function resourceOfMaterial(db: Kysely<DB>, materialId: string) {
  return db
    .selectFrom("resources")
    .select("id")
    .where("workshop_material_id", "=", materialId)
    .executeTakeFirst();
}

/** What the filters and the add form choose from. */
export async function resourceChoices(db: Kysely<DB>, actor: Actor): Promise<ResourceChoices> {
  const themes = await db
    .selectFrom("programme_themes")
    .innerJoin("programmes", "programmes.id", "programme_themes.programme_id")
    .select(["programme_themes.id", "programme_themes.name", "programmes.name as programme"])
    .orderBy("programmes.name")
    .orderBy("programme_themes.position")
    .execute();
  const workshops = await db
    .selectFrom("workshops")
    .select(["workshops.id", "workshops.title"])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("resources")
          .select("resources.id")
          .whereRef("resources.workshop_id", "=", "workshops.id")
          .where("resources.archived_at", "is", null),
      ),
    )
    .orderBy("workshops.starts_at", "desc")
    .execute();
  let attachable = db
    .selectFrom("workshops")
    .select(["workshops.id", "workshops.title"])
    .orderBy("workshops.starts_at", "desc")
    .limit(500);
  if (!isNetworkAdmin(actor)) {
    attachable = attachable.where("workshops.cluster_id", "in", inIds(clusterIdsLedBy(actor)));
  }
  return { themes, workshops, attachableWorkshops: await attachable.execute() };
}

// Reading lists.

export async function listReadingLists(db: Kysely<DB>): Promise<ReadingLists> {
  const rows = await db
    .selectFrom("reading_lists")
    .select((eb) => [
      "reading_lists.id",
      "reading_lists.title",
      "reading_lists.summary",
      "reading_lists.updated_at",
      eb
        .selectFrom("reading_list_items")
        .innerJoin("resources", "resources.id", "reading_list_items.resource_id")
        .select((e) => e.fn.countAll<string>().as("n"))
        .whereRef("reading_list_items.reading_list_id", "=", "reading_lists.id")
        .where("resources.archived_at", "is", null)
        .as("items"),
    ])
    .orderBy("reading_lists.title")
    .execute();
  return {
    readingLists: rows.map((r) => ({
      id: r.id,
      title: r.title,
      summary: r.summary,
      items: Number(r.items ?? 0),
      updatedAt: iso(r.updated_at),
    })),
  };
}

export async function readingListRow(db: Kysely<DB>, id: string) {
  const row = await db
    .selectFrom("reading_lists")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw new NotFound("reading list");
  return row;
}

/** A reading list in its order; an archived resource drops out of what readers see. */
export async function presentReadingList(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
): Promise<ReadingList> {
  const list = await readingListRow(db, id);
  const items = await db
    .selectFrom("reading_list_items")
    .select(["resource_id", "note"])
    .where("reading_list_id", "=", id)
    .orderBy("position")
    .execute();
  const rows = await presentable(db, actor)
    .where("resources.id", "in", inIds(items.map((i) => i.resource_id)))
    .where("resources.archived_at", "is", null)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, toResource(actor, r)]));
  return {
    id: list.id,
    title: list.title,
    summary: list.summary,
    updatedAt: iso(list.updated_at),
    canChange: resourcePolicy.changeList(actor, list),
    items: items.flatMap((i) => {
      const resource = byId.get(i.resource_id);
      return resource ? [{ note: i.note, resource }] : [];
    }),
  };
}

export async function insertReadingList(
  trx: Kysely<DB>,
  now: Date,
  actor: Actor,
  values: { title: string; summary: string },
): Promise<{ id: string }> {
  return trx
    .insertInto("reading_lists")
    .values({ ...values, created_by: actor.userId, created_at: now, updated_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
}

export async function updateReadingList(
  trx: Kysely<DB>,
  now: Date,
  id: string,
  values: { title?: string; summary?: string },
): Promise<void> {
  await trx
    .updateTable("reading_lists")
    .set({ ...values, updated_at: now })
    .where("id", "=", id)
    .execute();
}

/** Resources among the ids that exist (archived ones included: a list may keep them). */
export async function existingResources(db: Kysely<DB>, ids: readonly string[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("resources")
    .select("id")
    .where("id", "in", [...ids])
    .execute();
  return rows.map((r) => r.id);
}

/** Replaces the list's items with these, in this order. */
export async function replaceReadingListItems(
  trx: Kysely<DB>,
  now: Date,
  id: string,
  items: readonly { resourceId: string; note: string }[],
): Promise<void> {
  await trx.deleteFrom("reading_list_items").where("reading_list_id", "=", id).execute();
  if (items.length > 0) {
    await trx
      .insertInto("reading_list_items")
      .values(
        items.map((item, position) => ({
          reading_list_id: id,
          resource_id: item.resourceId,
          position,
          note: item.note,
        })),
      )
      .execute();
  }
  await trx.updateTable("reading_lists").set({ updated_at: now }).where("id", "=", id).execute();
}

// A school's shelf.

/** The school, if the actor works there (404 otherwise: a shelf is its own staff's). */
export async function shelfSchoolInScope(db: Kysely<DB>, actor: Actor, schoolId: string) {
  const school = await db
    .selectFrom("schools")
    .select("id")
    .where("id", "=", schoolId)
    .executeTakeFirst();
  if (!school || !schoolIdsOf(actor).includes(school.id)) throw new NotFound("school");
  return school;
}

export async function presentShelf(db: Kysely<DB>, actor: Actor, schoolId: string): Promise<Shelf> {
  const saved = await db
    .selectFrom("school_shelf")
    .leftJoin("users", "users.id", "school_shelf.saved_by")
    .select(["school_shelf.resource_id", "school_shelf.saved_at", "users.name as saved_by"])
    .where("school_shelf.school_id", "=", schoolId)
    .orderBy("school_shelf.saved_at", "desc")
    .execute();
  const rows = await presentable(db, actor)
    .where("resources.id", "in", inIds(saved.map((s) => s.resource_id)))
    .execute();
  const byId = new Map(rows.map((r) => [r.id, toResource(actor, r)]));
  return {
    schoolId,
    items: saved.flatMap((s) => {
      const resource = byId.get(s.resource_id);
      return resource ? [{ savedAt: iso(s.saved_at), savedBy: s.saved_by ?? null, resource }] : [];
    }),
  };
}

/** Saves the resource to the school's shelf; true when it was not there before. */
export async function saveToShelf(
  trx: Kysely<DB>,
  now: Date,
  actor: Actor,
  schoolId: string,
  resourceId: string,
): Promise<boolean> {
  const inserted = await trx
    .insertInto("school_shelf")
    .values({ school_id: schoolId, resource_id: resourceId, saved_by: actor.userId, saved_at: now })
    .onConflict((oc) => oc.columns(["school_id", "resource_id"]).doNothing())
    .returning("resource_id")
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Takes the resource off the school's shelf; true when it was there. */
export async function removeFromShelf(
  trx: Kysely<DB>,
  schoolId: string,
  resourceId: string,
): Promise<boolean> {
  const removed = await trx
    .deleteFrom("school_shelf")
    .where("school_id", "=", schoolId)
    .where("resource_id", "=", resourceId)
    .returning("resource_id")
    .executeTakeFirst();
  return removed !== undefined;
}
