import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  linkMaterialSchema,
  planWorkshopSchema,
  registerInputSchema,
  registerSchema,
  taskInputSchema,
  workshopInputSchema,
  workshopSchema,
  workshopUpdateSchema,
} from "../../../contracts/programme-year.ts";
import { londonToUtc, planDate, today, toLondon } from "../../../domain/calendar.ts";
import { recordClosedReason } from "../../../domain/record-window.ts";
import { leadsCluster, schoolIdsOf } from "../../access/scope.ts";
import { recordAudit } from "../../audit/store.ts";
import { type Actor, type AppDeps, anyOf, SIGNED_IN } from "../../context.ts";
import { Conflict, Forbidden, NotFound, ValidationProblem } from "../../errors.ts";
import {
  ACCEPTED_MATERIALS,
  sniffMaterialType,
  UnsupportedMaterial,
} from "../../imports/sniff-type.ts";
import { readUpload } from "../../imports/upload.ts";
import { actorOf } from "../../request-info.ts";
import { teamMembersOf } from "../enrolments/store.ts";
import {
  clusterLedBy,
  presentWorkshop,
  seesCluster,
  type WorkshopRow,
  workshopInScope,
} from "./store.ts";

const idParams = z.strictObject({ id: z.uuid() });

/** Refuses a workshop's register or summary before the workshop's day (London). */
function refuseBeforeTheDay(opens: string, date: string, on: string): void {
  const reason = recordClosedReason(
    { opens, opensOn: date, occasion: "the day of the workshop" },
    on,
  );
  if (reason) throw new Conflict(reason, { opensOn: date });
}

export async function workshopRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const leads = anyOf("programme_lead");

  /** The register as this actor may see it: every school's team for the lead, their own team for school staff. */
  async function loadRegister(actor: Actor, workshop: WorkshopRow) {
    const own = new Set(schoolIdsOf(actor));
    const everyone = leadsCluster(actor, workshop.cluster_id);
    const enrolments = await deps.db
      .selectFrom("enrolments")
      .innerJoin("schools", "schools.id", "enrolments.school_id")
      .select(["enrolments.id", "enrolments.school_id", "schools.name"])
      .where("enrolments.cluster_id", "=", workshop.cluster_id)
      .orderBy("schools.name")
      .execute();
    const visible = enrolments.filter((e) => everyone || own.has(e.school_id));
    const teams = await teamMembersOf(
      deps.db,
      visible.map((e) => e.id),
    );
    const marks = await deps.db
      .selectFrom("workshop_attendance")
      .select(["user_id", "status"])
      .where("workshop_id", "=", workshop.id)
      .execute();
    const status = new Map(marks.map((m) => [m.user_id, m.status]));
    return {
      workshopId: workshop.id,
      schools: visible.map((e) => ({
        enrolmentId: e.id,
        schoolName: e.name,
        members: (teams.get(e.id) ?? []).map((m) => ({
          userId: m.userId,
          name: m.name,
          teamRole: m.teamRole,
          status: status.get(m.userId) ?? null,
        })),
      })),
    };
  }

  r.get(
    "/api/clusters/:id/workshops",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ["workshops"],
        summary:
          "The cluster's workshops, in date order, and the programme's plan they are scheduled from",
        params: idParams,
        response: {
          200: z.object({ items: z.array(workshopSchema), plan: z.array(planWorkshopSchema) }),
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (!(await seesCluster(deps.db, actor, request.params.id))) throw new NotFound("cluster");
      const rows = await deps.db
        .selectFrom("workshops")
        .selectAll()
        .where("cluster_id", "=", request.params.id)
        .orderBy("starts_at")
        .execute();
      const plan = await deps.db
        .selectFrom("clusters")
        .innerJoin("programme_years", "programme_years.id", "clusters.programme_year_id")
        .innerJoin(
          "programme_workshops",
          "programme_workshops.programme_id",
          "programme_years.programme_id",
        )
        .leftJoin("programme_themes", "programme_themes.id", "programme_workshops.theme_id")
        .select([
          "programme_workshops.id",
          "programme_workshops.position",
          "programme_workshops.month",
          "programme_workshops.title",
          "programme_workshops.focus",
          "programme_themes.name as theme",
          "programme_years.academic_year",
        ])
        .where("clusters.id", "=", request.params.id)
        .orderBy("programme_workshops.position")
        .execute();
      return {
        items: await Promise.all(rows.map((row) => presentWorkshop(deps.db, actor, row))),
        plan: plan.map((p) => ({
          id: p.id,
          position: p.position,
          month: p.month,
          title: p.title,
          focus: p.focus,
          theme: p.theme,
          suggestedDate: planDate(p.academic_year, p.month),
          scheduled: rows.filter((w) => w.plan_workshop_id === p.id).length,
        })),
      };
    },
  );

  r.post(
    "/api/workshops",
    {
      config: { access: leads },
      schema: {
        tags: ["workshops"],
        summary:
          "Schedule a workshop for a cluster (from the programme's plan, or one of the lead's own); date and times in London time",
        body: workshopInputSchema,
        response: { 201: workshopSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const now = deps.clock.now();
      const body = request.body;
      const cluster = await clusterLedBy(deps.db, actor, body.clusterId);
      let plan: { id: string; title: string; focus: string; theme_id: string | null } | undefined;
      if (body.planWorkshopId) {
        plan = await deps.db
          .selectFrom("programme_workshops")
          .innerJoin(
            "programme_years",
            "programme_years.programme_id",
            "programme_workshops.programme_id",
          )
          .select([
            "programme_workshops.id",
            "programme_workshops.title",
            "programme_workshops.focus",
            "programme_workshops.theme_id",
          ])
          .where("programme_workshops.id", "=", body.planWorkshopId)
          .where("programme_years.id", "=", cluster.programme_year_id)
          .executeTakeFirst();
        if (!plan)
          throw new ValidationProblem("Not a workshop of this programme's plan.", [
            { field: "planWorkshopId", message: "Choose one of the programme's workshops." },
          ]);
      }
      const title = body.title ?? plan?.title;
      if (!title)
        throw new ValidationProblem("Give the workshop a title.", [
          { field: "title", message: "Give the workshop a title, or choose one from the plan." },
        ]);
      const row = await deps.db.transaction().execute(async (trx) => {
        const created = await trx
          .insertInto("workshops")
          .values({
            cluster_id: cluster.id,
            plan_workshop_id: plan?.id ?? null,
            title,
            focus: body.focus ?? plan?.focus ?? "",
            theme_id: plan?.theme_id ?? null,
            starts_at: londonToUtc(body.date, body.startTime),
            ends_at: londonToUtc(body.date, body.endTime),
            venue: body.venue ?? "",
            online_link: body.onlineLink ?? "",
            created_by: actor.userId,
            created_at: now,
            updated_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(trx, now, {
          action: "workshop.scheduled",
          actorUserId: actor.userId,
          targetType: "workshop",
          targetId: created.id,
          ip: request.ip,
        });
        return created;
      });
      reply.code(201);
      return presentWorkshop(deps.db, actor, row);
    },
  );

  r.get(
    "/api/workshops/:id",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ["workshops"],
        summary: "A workshop with its materials and tasks",
        params: idParams,
        response: { 200: workshopSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return presentWorkshop(
        deps.db,
        actor,
        await workshopInScope(deps.db, actor, request.params.id),
      );
    },
  );

  r.patch(
    "/api/workshops/:id",
    {
      config: { access: leads },
      schema: {
        tags: ["workshops"],
        summary: "Change a workshop, or write its summary afterwards",
        params: idParams,
        body: workshopUpdateSchema,
        response: { 200: workshopSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const now = deps.clock.now();
      const current = await workshopInScope(deps.db, actor, request.params.id);
      if (!leadsCluster(actor, current.cluster_id))
        throw new Forbidden("Only the cluster's programme lead changes its workshops.");
      const body = request.body;
      const start = toLondon(current.starts_at);
      const end = toLondon(current.ends_at);
      const date = body.date ?? start.date;
      const startsAt = londonToUtc(date, body.startTime ?? start.time);
      const endsAt = londonToUtc(date, body.endTime ?? end.time);
      if (endsAt <= startsAt)
        throw new ValidationProblem("The workshop ends after it starts.", [
          { field: "endTime", message: "The workshop ends after it starts." },
        ]);
      if (body.summary !== undefined && body.summary.trim() !== "")
        refuseBeforeTheDay("The summary opens", date, today(deps.clock));
      const row = await deps.db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable("workshops")
          .set({
            ...(body.title !== undefined ? { title: body.title } : {}),
            ...(body.focus !== undefined ? { focus: body.focus } : {}),
            ...(body.venue !== undefined ? { venue: body.venue } : {}),
            ...(body.onlineLink !== undefined ? { online_link: body.onlineLink } : {}),
            ...(body.summary !== undefined
              ? { summary: body.summary, summary_by: actor.userId }
              : {}),
            starts_at: startsAt,
            ends_at: endsAt,
            updated_at: now,
          })
          .where("id", "=", current.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(trx, now, {
          action: "workshop.updated",
          actorUserId: actor.userId,
          targetType: "workshop",
          targetId: current.id,
          ip: request.ip,
        });
        return updated;
      });
      return presentWorkshop(deps.db, actor, row);
    },
  );

  r.post(
    "/api/workshops/:id/tasks",
    {
      config: { access: leads },
      schema: {
        tags: ["workshops"],
        summary: "Set a pre-work or follow-up task for every team",
        params: idParams,
        body: taskInputSchema,
        response: { 201: workshopSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const now = deps.clock.now();
      const workshop = await workshopInScope(deps.db, actor, request.params.id);
      if (!leadsCluster(actor, workshop.cluster_id))
        throw new Forbidden("Only the cluster's programme lead sets tasks.");
      await deps.db.transaction().execute(async (trx) => {
        const task = await trx
          .insertInto("workshop_tasks")
          .values({
            workshop_id: workshop.id,
            kind: request.body.kind,
            title: request.body.title,
            description: request.body.description ?? "",
            due_on: request.body.dueOn ?? null,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await recordAudit(trx, now, {
          action: "workshop.task_set",
          actorUserId: actor.userId,
          targetType: "workshop_task",
          targetId: task.id,
          ip: request.ip,
        });
      });
      reply.code(201);
      return presentWorkshop(deps.db, actor, workshop);
    },
  );

  r.post(
    "/api/workshops/:id/materials",
    {
      config: { access: leads, acceptsMultipart: true },
      schema: {
        tags: ["workshops"],
        summary:
          "Attach a material: a link (JSON { title, url }) or a file up to 20 MB (multipart: file, title)",
        params: idParams,
        consumes: ["application/json", "multipart/form-data"],
        response: { 201: workshopSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const now = deps.clock.now();
      const workshop = await workshopInScope(deps.db, actor, request.params.id);
      if (!leadsCluster(actor, workshop.cluster_id))
        throw new Forbidden("Only the cluster's programme lead attaches materials.");
      let values: {
        title: string;
        url: string | null;
        file_name: string | null;
        content_type: string | null;
        size_bytes: number | null;
        content: Buffer | null;
      };
      if (request.isMultipart()) {
        const upload = await readUpload(request);
        const type = sniffMaterialType(upload.file);
        if (!type) {
          throw new UnsupportedMaterial(
            `This file is not a document or image Cascade accepts. Attach ${ACCEPTED_MATERIALS}.`,
          );
        }
        const title =
          (upload.fields.title ?? upload.filename).trim().slice(0, 200) || upload.filename;
        values = {
          title,
          url: null,
          file_name: upload.filename.slice(0, 255),
          content_type: type.mime,
          size_bytes: upload.file.length,
          content: upload.file,
        };
      } else {
        const parsed = linkMaterialSchema.safeParse(request.body);
        if (!parsed.success) {
          throw new ValidationProblem(
            "A link needs a title and a web address.",
            parsed.error.issues.map((i) => ({
              field: i.path.join(".") || "body",
              message: i.message,
            })),
          );
        }
        values = {
          title: parsed.data.title,
          url: parsed.data.url,
          file_name: null,
          content_type: null,
          size_bytes: null,
          content: null,
        };
      }
      await deps.db.transaction().execute(async (trx) => {
        const material = await trx
          .insertInto("workshop_materials")
          .values({
            ...values,
            workshop_id: workshop.id,
            created_by: actor.userId,
            created_at: now,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await recordAudit(trx, now, {
          action: "workshop.material_added",
          actorUserId: actor.userId,
          targetType: "workshop_material",
          targetId: material.id,
          ip: request.ip,
          details: { bytes: values.size_bytes ?? 0 },
        });
      });
      reply.code(201);
      return presentWorkshop(deps.db, actor, workshop);
    },
  );

  r.get(
    "/api/workshop-materials/:id/download",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ["workshops"],
        summary: "Download a workshop's file",
        params: idParams,
        produces: ["application/octet-stream"],
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const material = await deps.db
        .selectFrom("workshop_materials")
        .selectAll()
        .where("id", "=", request.params.id)
        .executeTakeFirst();
      if (!material || material.content === null) throw new NotFound("file");
      await workshopInScope(deps.db, actor, material.workshop_id);
      const name = (material.file_name ?? "material").replaceAll(/[^\w.\- ]+/g, "_");
      return reply
        .header("content-type", "application/octet-stream")
        .header("content-disposition", `attachment; filename="${name}"`)
        .header("x-content-type-options", "nosniff")
        .send(Buffer.from(material.content));
    },
  );

  r.get(
    "/api/workshops/:id/register",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ["workshops"],
        summary:
          "The register: every team member of every school (the lead), or the viewer's own team",
        params: idParams,
        response: { 200: registerSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const workshop = await workshopInScope(deps.db, actor, request.params.id);
      return loadRegister(actor, workshop);
    },
  );

  r.put(
    "/api/workshops/:id/register",
    {
      config: { access: leads },
      schema: {
        tags: ["workshops"],
        summary: "Take the register: present, absent or apologies for each team member",
        params: idParams,
        body: registerInputSchema,
        response: { 200: registerSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const now = deps.clock.now();
      const workshop = await workshopInScope(deps.db, actor, request.params.id);
      if (!leadsCluster(actor, workshop.cluster_id))
        throw new Forbidden("Only the cluster's programme lead takes the register.");
      refuseBeforeTheDay(
        "The register opens",
        toLondon(workshop.starts_at).date,
        today(deps.clock),
      );
      const enrolments = await deps.db
        .selectFrom("enrolments")
        .select("id")
        .where("cluster_id", "=", workshop.cluster_id)
        .execute();
      const teams = await teamMembersOf(
        deps.db,
        enrolments.map((e) => e.id),
      );
      const enrolmentOf = new Map<string, string>();
      for (const [enrolmentId, members] of teams)
        for (const m of members) enrolmentOf.set(m.userId, enrolmentId);
      const errors = request.body.entries.flatMap((e, i) =>
        enrolmentOf.has(e.userId)
          ? []
          : [{ field: `entries.${i}.userId`, message: "Not a member of a team in this cluster." }],
      );
      if (errors.length > 0)
        throw new ValidationProblem("Some people on the register are not on a team here.", errors);
      await deps.db.transaction().execute(async (trx) => {
        for (const entry of request.body.entries) {
          await trx
            .insertInto("workshop_attendance")
            .values({
              workshop_id: workshop.id,
              user_id: entry.userId,
              enrolment_id: enrolmentOf.get(entry.userId) ?? "",
              status: entry.status,
              recorded_by: actor.userId,
              recorded_at: now,
            })
            .onConflict((oc) =>
              oc
                .columns(["workshop_id", "user_id"])
                .doUpdateSet({ status: entry.status, recorded_by: actor.userId, recorded_at: now }),
            )
            .execute();
        }
        await recordAudit(trx, now, {
          action: "workshop.register_taken",
          actorUserId: actor.userId,
          targetType: "workshop",
          targetId: workshop.id,
          ip: request.ip,
          details: { entries: request.body.entries.length },
        });
      });
      return loadRegister(actor, workshop);
    },
  );
}
