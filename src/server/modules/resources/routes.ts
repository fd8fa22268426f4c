import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { type ZodType, z } from "zod";
import {
  materialToLibrarySchema,
  readingListInputSchema,
  readingListItemsSchema,
  readingListSchema,
  readingListsSchema,
  readingListUpdateSchema,
  resourceChoicesSchema,
  resourceDetailsSchema,
  resourceLinkSchema,
  resourceListSchema,
  resourceSchema,
  resourceSearchSchema,
  resourceUpdateSchema,
  shelfSchema,
} from "../../../contracts/resources.ts";
import { authorize } from "../../access/authorize.ts";
import { auditedChange } from "../../audit/change.ts";
import { type Actor, type AppDeps, anyOf, SIGNED_IN } from "../../context.ts";
import { NotFound, ValidationProblem } from "../../errors.ts";
import {
  ACCEPTED_MATERIALS,
  sniffMaterialType,
  UnsupportedMaterial,
} from "../../imports/sniff-type.ts";
import { readUpload } from "../../imports/upload.ts";
import { actorOf } from "../../request-info.ts";
import { materialById, workshopInScope } from "../workshops/store.ts";
import { resourcePolicy } from "./policy.ts";
import {
  archiveResource,
  existingResources,
  insertReadingList,
  insertResource,
  knownThemes,
  listReadingLists,
  presentReadingList,
  presentShelf,
  readingListRow,
  removeFromShelf,
  replaceReadingListItems,
  resourceById,
  resourceChoices,
  resourceFile,
  resourceOfMaterial,
  resourceRow,
  saveToShelf,
  searchResources,
  shelfSchoolInScope,
  updateReadingList,
  updateResource,
} from "./store.ts";

const idParams = z.strictObject({ id: z.uuid() });
const shelfParams = z.strictObject({ id: z.uuid(), resourceId: z.uuid() });
const MANAGERS_ONLY = "Network administrators and programme leads look after the library.";
const CHANGE_ONLY = "A resource is changed by an administrator or the programme lead who added it.";
const LIST_ONLY =
  "A reading list is changed by an administrator or the programme lead who made it.";

/** A body checked by its schema here (a route that also takes multipart has no body schema). */
function parse<T>(schema: ZodType<T>, body: unknown, detail: string): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ValidationProblem(
      detail,
      parsed.error.issues.map((i) => ({ field: i.path.join(".") || "body", message: i.message })),
    );
  }
  return parsed.data;
}

/** The themes given all exist, or a 400 naming the field. */
async function checkThemes(deps: AppDeps, themeIds: readonly string[] | undefined) {
  if (!themeIds || themeIds.length === 0) return;
  const known = await knownThemes(deps.db, themeIds);
  if (known.length !== new Set(themeIds).size) {
    throw new ValidationProblem("A theme chosen is not one of the programme's themes.", [
      { field: "themeIds", message: "Choose themes from the list." },
    ]);
  }
}

/** The workshop a resource is said to belong to, within the actor's reach and theirs to attach to. */
async function checkWorkshop(deps: AppDeps, actor: Actor, workshopId: string | null | undefined) {
  if (!workshopId) return;
  const workshop = await workshopInScope(deps.db, actor, workshopId);
  authorize(
    resourcePolicy.attachToWorkshop(actor, workshop),
    "A resource belongs to a workshop only when that workshop's programme lead (or an administrator) says so.",
  );
}

/**
 * The resource library (issue 16): administrators and programme leads add
 * files (up to 20 MB, the workshop materials' storage and type sniffing) and
 * links, build reading lists, and put a workshop's materials in the library;
 * everyone signed in searches it and downloads; a school's staff keep a shelf.
 */
export async function resourceRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const managers = anyOf("network_admin", "programme_lead");
  const staff = anyOf("school_leader", "teacher", "para_professional");

  r.get(
    "/api/resources",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ["resources"],
        summary:
          "Search the library (English full text, best match first) and filter by kind, theme, audience and workshop",
        querystring: resourceSearchSchema,
        response: { 200: resourceListSchema },
      },
    },
    async (request) => ({
      resources: await searchResources(deps.db, actorOf(request), request.query),
    }),
  );

  r.get(
    "/api/resources/choices",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ["resources"],
        summary: "The themes and workshops the library's filters and form choose from",
        response: { 200: resourceChoicesSchema },
      },
    },
    async (request) => resourceChoices(deps.db, actorOf(request)),
  );

  r.post(
    "/api/resources",
    {
      config: { access: managers, acceptsMultipart: true },
      schema: {
        tags: ["resources"],
        summary:
          "Add a resource: a link (JSON: details and url) or a file up to 20 MB (multipart: file, and details as JSON)",
        consumes: ["application/json", "multipart/form-data"],
        response: { 201: resourceSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      authorize(resourcePolicy.manage(actor), MANAGERS_ONLY);
      let details: z.infer<typeof resourceDetailsSchema>;
      let file: { name: string; mime: string; bytes: Buffer } | null = null;
      let url: string | null = null;
      if (request.isMultipart()) {
        const upload = await readUpload(request);
        let fields: unknown;
        try {
          fields = JSON.parse(upload.fields.details ?? "{}");
        } catch {
          throw new ValidationProblem("The resource's details are not valid JSON.", [
            { field: "details", message: "Send the details as JSON." },
          ]);
        }
        details = parse(resourceDetailsSchema, fields, "The resource's details need correcting.");
        const type = sniffMaterialType(upload.file);
        if (!type) {
          throw new UnsupportedMaterial(
            `This file is not a document or image Cascade accepts. Attach ${ACCEPTED_MATERIALS}.`,
          );
        }
        file = { name: upload.filename.slice(0, 255), mime: type.mime, bytes: upload.file };
      } else {
        const link = parse(resourceLinkSchema, request.body, "The link's details need correcting.");
        const { url: address, ...rest } = link;
        details = rest;
        url = address;
      }
      await checkThemes(deps, details.themeIds);
      await checkWorkshop(deps, actor, details.workshopId);
      const created = await auditedChange(
        deps,
        actor,
        (trx, now) =>
          insertResource(
            trx,
            now,
            actor,
            {
              title: details.title,
              summary: details.summary ?? "",
              kind: details.kind,
              url,
              file_name: file?.name ?? null,
              content_type: file?.mime ?? null,
              size_bytes: file?.bytes.length ?? null,
              content: file?.bytes ?? null,
              workshop_id: details.workshopId ?? null,
              workshop_material_id: null,
              audience: [...new Set(details.audience ?? [])],
            },
            details.themeIds ?? [],
          ),
        (row) => ({
          action: "resource.created",
          targetType: "resource",
          targetId: row.id,
          details: { kind: details.kind, file: file !== null, bytes: file?.bytes.length ?? 0 },
        }),
      );
      reply.code(201);
      return resourceById(deps.db, actor, created.id);
    },
  );

  r.get(
    "/api/resources/:id",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ["resources"],
        summary: "One resource of the library",
        params: idParams,
        response: { 200: resourceSchema },
      },
    },
    async (request) => resourceById(deps.db, actorOf(request), request.params.id),
  );

  r.patch(
    "/api/resources/:id",
    {
      config: { access: managers },
      schema: {
        tags: ["resources"],
        summary: "Change a resource's details (and a link's address)",
        params: idParams,
        body: resourceUpdateSchema,
        response: { 200: resourceSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const row = await resourceRow(deps.db, request.params.id);
      authorize(resourcePolicy.change(actor, row), CHANGE_ONLY);
      const body = request.body;
      if (body.url !== undefined && row.url === null) {
        throw new ValidationProblem("Only a link has a web address to change.", [
          { field: "url", message: "This resource is a file, not a link." },
        ]);
      }
      await checkThemes(deps, body.themeIds);
      await checkWorkshop(deps, actor, body.workshopId);
      await auditedChange(
        deps,
        actor,
        (trx, now) =>
          updateResource(
            trx,
            now,
            row.id,
            {
              ...(body.title !== undefined ? { title: body.title } : {}),
              ...(body.summary !== undefined ? { summary: body.summary } : {}),
              ...(body.kind !== undefined ? { kind: body.kind } : {}),
              ...(body.url !== undefined ? { url: body.url } : {}),
              ...(body.workshopId !== undefined ? { workshop_id: body.workshopId } : {}),
              ...(body.audience !== undefined ? { audience: [...new Set(body.audience)] } : {}),
            },
            body.themeIds,
          ),
        () => ({
          action: "resource.updated",
          targetType: "resource",
          targetId: row.id,
          details: { fields: Object.keys(body) },
        }),
      );
      return resourceById(deps.db, actor, row.id);
    },
  );

  r.post(
    "/api/resources/:id/archive",
    {
      config: { access: managers },
      schema: {
        tags: ["resources"],
        summary:
          "Archive a resource: it leaves the library's search, lists and shelves stay readable",
        params: idParams,
        response: { 200: resourceSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const row = await resourceRow(deps.db, request.params.id);
      authorize(resourcePolicy.change(actor, row), CHANGE_ONLY);
      if (row.archived_at === null) {
        await auditedChange(
          deps,
          actor,
          (trx, now) => archiveResource(trx, now, row.id),
          () => ({ action: "resource.archived", targetType: "resource", targetId: row.id }),
        );
      }
      return resourceById(deps.db, actor, row.id);
    },
  );

  r.get(
    "/api/resources/:id/download",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ["resources"],
        summary: "Download a resource's file",
        params: idParams,
        produces: ["application/octet-stream"],
      },
    },
    async (request, reply) => {
      const file = await resourceFile(deps.db, request.params.id);
      if (!file) throw new NotFound("file");
      const name = (file.fileName ?? "resource").replaceAll(/[^\w.\- ]+/g, "_");
      return reply
        .header("content-type", "application/octet-stream")
        .header("content-disposition", `attachment; filename="${name}"`)
        .header("x-content-type-options", "nosniff")
        .send(Buffer.from(file.content));
    },
  );

  r.post(
    "/api/workshop-materials/:id/library",
    {
      config: { access: managers },
      schema: {
        tags: ["resources"],
        summary:
          "Put a workshop's material in the library: the resource reads the material's file or link (no copy)",
        params: idParams,
        body: materialToLibrarySchema,
        response: { 201: resourceSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const material = await materialById(deps.db, request.params.id);
      if (!material) throw new NotFound("material");
      const workshop = await workshopInScope(deps.db, actor, material.workshop_id);
      authorize(
        resourcePolicy.linkMaterial(actor, workshop),
        "A workshop's materials are put in the library by its programme lead or an administrator.",
      );
      const existing = await resourceOfMaterial(deps.db, material.id);
      if (existing) {
        throw new ValidationProblem("This material is already in the library.", [
          { field: "id", message: "Already in the library." },
        ]);
      }
      const body = request.body;
      await checkThemes(deps, body.themeIds);
      const created = await auditedChange(
        deps,
        actor,
        (trx, now) =>
          insertResource(
            trx,
            now,
            actor,
            {
              title: body.title ?? material.title,
              summary: body.summary ?? "",
              kind: body.kind,
              url: null,
              file_name: null,
              content_type: null,
              size_bytes: null,
              content: null,
              workshop_id: workshop.id,
              workshop_material_id: material.id,
              audience: [...new Set(body.audience ?? [])],
            },
            body.themeIds ?? [],
          ),
        (row) => ({
          action: "resource.created",
          targetType: "resource",
          targetId: row.id,
          details: { kind: body.kind, workshopMaterialId: material.id },
        }),
      );
      reply.code(201);
      return resourceById(deps.db, actor, created.id);
    },
  );

  // Reading lists.

  r.get(
    "/api/reading-lists",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ["resources"],
        summary: "The network's reading lists",
        response: { 200: readingListsSchema },
      },
    },
    async () => listReadingLists(deps.db),
  );

  r.post(
    "/api/reading-lists",
    {
      config: { access: managers },
      schema: {
        tags: ["resources"],
        summary: "Start a reading list",
        body: readingListInputSchema,
        response: { 201: readingListSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      authorize(resourcePolicy.manage(actor), MANAGERS_ONLY);
      const created = await auditedChange(
        deps,
        actor,
        (trx, now) =>
          insertReadingList(trx, now, actor, {
            title: request.body.title,
            summary: request.body.summary ?? "",
          }),
        (row) => ({ action: "reading_list.created", targetType: "reading_list", targetId: row.id }),
      );
      reply.code(201);
      return presentReadingList(deps.db, actor, created.id);
    },
  );

  r.get(
    "/api/reading-lists/:id",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ["resources"],
        summary: "A reading list, in its order, with a note per resource",
        params: idParams,
        response: { 200: readingListSchema },
      },
    },
    async (request) => presentReadingList(deps.db, actorOf(request), request.params.id),
  );

  r.patch(
    "/api/reading-lists/:id",
    {
      config: { access: managers },
      schema: {
        tags: ["resources"],
        summary: "Change a reading list's title or summary",
        params: idParams,
        body: readingListUpdateSchema,
        response: { 200: readingListSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const list = await readingListRow(deps.db, request.params.id);
      authorize(resourcePolicy.changeList(actor, list), LIST_ONLY);
      await auditedChange(
        deps,
        actor,
        (trx, now) => updateReadingList(trx, now, list.id, request.body),
        () => ({ action: "reading_list.updated", targetType: "reading_list", targetId: list.id }),
      );
      return presentReadingList(deps.db, actor, list.id);
    },
  );

  r.put(
    "/api/reading-lists/:id/items",
    {
      config: { access: managers },
      schema: {
        tags: ["resources"],
        summary:
          "Set a reading list's resources in order, each with its note (adds, removes and reorders at once)",
        params: idParams,
        body: readingListItemsSchema,
        response: { 200: readingListSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const list = await readingListRow(deps.db, request.params.id);
      authorize(resourcePolicy.changeList(actor, list), LIST_ONLY);
      const ids = request.body.items.map((i) => i.resourceId);
      const seen = new Set<string>();
      ids.forEach((id, index) => {
        if (seen.has(id)) {
          throw new ValidationProblem("A resource appears on the list twice.", [
            {
              field: `items.${index}.resourceId`,
              message: "This resource is already on the list.",
            },
          ]);
        }
        seen.add(id);
      });
      const known = new Set(await existingResources(deps.db, ids));
      const missing = ids.findIndex((id) => !known.has(id));
      if (missing >= 0) {
        throw new ValidationProblem("A resource on the list is not in the library.", [
          { field: `items.${missing}.resourceId`, message: "No such resource in the library." },
        ]);
      }
      await auditedChange(
        deps,
        actor,
        (trx, now) =>
          replaceReadingListItems(
            trx,
            now,
            list.id,
            request.body.items.map((i) => ({ resourceId: i.resourceId, note: i.note ?? "" })),
          ),
        () => ({
          action: "reading_list.items_set",
          targetType: "reading_list",
          targetId: list.id,
          details: { items: ids.length },
        }),
      );
      return presentReadingList(deps.db, actor, list.id);
    },
  );

  // A school's shelf.

  r.get(
    "/api/schools/:id/shelf",
    {
      config: { access: staff },
      schema: {
        tags: ["resources"],
        summary: "The school's shelf: resources its staff saved (its own staff only)",
        params: idParams,
        response: { 200: shelfSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const school = await shelfSchoolInScope(deps.db, actor, request.params.id);
      authorize(resourcePolicy.keepShelf(actor, school), "A shelf is its own school's staff's.");
      return presentShelf(deps.db, actor, school.id);
    },
  );

  r.put(
    "/api/schools/:id/shelf/:resourceId",
    {
      config: { access: staff },
      schema: {
        tags: ["resources"],
        summary: "Save a resource to the school's shelf",
        params: shelfParams,
        response: { 200: shelfSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const school = await shelfSchoolInScope(deps.db, actor, request.params.id);
      authorize(resourcePolicy.keepShelf(actor, school), "A shelf is its own school's staff's.");
      const resource = await resourceRow(deps.db, request.params.resourceId);
      await auditedChange(
        deps,
        actor,
        (trx, now) => saveToShelf(trx, now, actor, school.id, resource.id),
        () => ({
          action: "school_shelf.saved",
          targetType: "school",
          targetId: school.id,
          details: { resourceId: resource.id },
        }),
      );
      return presentShelf(deps.db, actor, school.id);
    },
  );

  r.delete(
    "/api/schools/:id/shelf/:resourceId",
    {
      config: { access: staff },
      schema: {
        tags: ["resources"],
        summary: "Take a resource off the school's shelf",
        params: shelfParams,
        response: { 200: shelfSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const school = await shelfSchoolInScope(deps.db, actor, request.params.id);
      authorize(resourcePolicy.keepShelf(actor, school), "A shelf is its own school's staff's.");
      await auditedChange(
        deps,
        actor,
        (trx) => removeFromShelf(trx, school.id, request.params.resourceId),
        () => ({
          action: "school_shelf.removed",
          targetType: "school",
          targetId: school.id,
          details: { resourceId: request.params.resourceId },
        }),
      );
      return presentShelf(deps.db, actor, school.id);
    },
  );
}
