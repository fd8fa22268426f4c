import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  clusterDetailSchema,
  clusterSummarySchema,
  createClusterSchema,
  createTrioSchema,
  trioSchema,
} from "../../../contracts/network.ts";
import { recordAudit } from "../../audit/store.ts";
import { type AppDeps, anyOf } from "../../context.ts";
import { Conflict, NotFound, ValidationProblem } from "../../errors.ts";
import { actorOf } from "../../request-info.ts";
import { triosOfCluster } from "../enrolments/present.ts";
import {
  deliverInvitation,
  type PreparedInvitation,
  prepareInvitation,
} from "../invitations/service.ts";
import { clusterDetail, listClusters } from "./store.ts";

const idParams = z.strictObject({ id: z.uuid() });

export async function clusterRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const admin = anyOf("network_admin");
  const adminOrLead = anyOf("network_admin", "programme_lead");

  r.get(
    "/api/clusters",
    {
      config: { access: adminOrLead },
      schema: {
        tags: ["network"],
        summary: "Clusters: every one for administrators, their own for programme leads",
        querystring: z.strictObject({ programmeYearId: z.uuid().optional() }),
        response: { 200: z.object({ items: z.array(clusterSummarySchema) }) },
      },
    },
    async (request) => ({
      items: await listClusters(deps.db, actorOf(request), deps.clock.now(), {
        programmeYearId: request.query.programmeYearId,
      }),
    }),
  );

  r.post(
    "/api/clusters",
    {
      config: { access: admin },
      schema: {
        tags: ["network"],
        summary:
          "Create a cluster in a programme year, with its facilitation school; its programme leads are invited",
        body: createClusterSchema,
        response: {
          201: clusterSummarySchema.extend({
            invitations: z.array(
              z.object({ email: z.string(), emailed: z.boolean(), url: z.string().optional() }),
            ),
          }),
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const now = deps.clock.now();
      const body = request.body;
      const { clusterId, invitations } = await deps.db.transaction().execute(async (trx) => {
        const year = await trx
          .selectFrom("programme_years")
          .select("id")
          .where("id", "=", body.programmeYearId)
          .executeTakeFirst();
        if (!year)
          throw new ValidationProblem("No such programme year.", [
            { field: "programmeYearId", message: "Choose an open programme year." },
          ]);
        const school = await trx
          .selectFrom("schools")
          .select(["id", "archived_at"])
          .where("id", "=", body.facilitationSchoolId)
          .executeTakeFirst();
        if (!school || school.archived_at) {
          throw new ValidationProblem("No such school.", [
            { field: "facilitationSchoolId", message: "Choose a school that is not archived." },
          ]);
        }
        const clash = await trx
          .selectFrom("clusters")
          .select("id")
          .where("programme_year_id", "=", body.programmeYearId)
          .where((eb) => eb(eb.fn("lower", ["name"]), "=", body.name.toLowerCase()))
          .executeTakeFirst();
        if (clash) {
          throw new Conflict(`A cluster called ${body.name} already exists this year.`, {
            errors: [{ field: "name", message: "This name is taken this year." }],
          });
        }
        const cluster = await trx
          .insertInto("clusters")
          .values({
            programme_year_id: body.programmeYearId,
            name: body.name,
            facilitation_school_id: body.facilitationSchoolId,
            created_at: now,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await recordAudit(trx, now, {
          action: "cluster.created",
          actorUserId: actor.userId,
          targetType: "cluster",
          targetId: cluster.id,
          ip: request.ip,
        });
        const invitations: PreparedInvitation[] = [];
        for (const email of new Set(body.programmeLeadEmails)) {
          invitations.push(
            await prepareInvitation(
              trx,
              actor,
              { email, role: "programme_lead", scopeType: "cluster", scopeId: cluster.id },
              now,
              request.ip,
            ),
          );
        }
        return { clusterId: cluster.id, invitations };
      });
      const [summary] = await listClusters(deps.db, actor, now, { id: clusterId });
      if (!summary) throw new NotFound("cluster");
      const delivered = [];
      for (const invitation of invitations) {
        delivered.push({
          email: invitation.email,
          ...(await deliverInvitation(
            deps,
            request,
            actor,
            invitation,
            `${summary.name} (${summary.academicYear})`,
          )),
        });
      }
      reply.code(201);
      return { ...summary, invitations: delivered };
    },
  );

  r.get(
    "/api/clusters/:id",
    {
      config: { access: adminOrLead },
      schema: {
        tags: ["network"],
        summary: "A cluster: its schools, trios and teams, each against the programme's guidance",
        params: idParams,
        response: { 200: clusterDetailSchema },
      },
    },
    async (request) =>
      clusterDetail(deps.db, actorOf(request), request.params.id, deps.clock.now()),
  );

  r.post(
    "/api/trios",
    {
      config: { access: admin },
      schema: {
        tags: ["network"],
        summary:
          "Form a trio in a cluster: one lead school and up to two accelerator schools, all enrolled in it",
        body: createTrioSchema,
        response: { 201: trioSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const now = deps.clock.now();
      const { clusterId, name, leadSchoolId, acceleratorSchoolIds } = request.body;
      const all = [leadSchoolId, ...acceleratorSchoolIds];
      if (new Set(all).size !== all.length) {
        throw new ValidationProblem("A school appears twice.", [
          { field: "acceleratorSchoolIds", message: "Each school takes one place in the trio." },
        ]);
      }
      const trioId = await deps.db.transaction().execute(async (trx) => {
        const cluster = await trx
          .selectFrom("clusters")
          .select("id")
          .where("id", "=", clusterId)
          .forUpdate()
          .executeTakeFirst();
        if (!cluster)
          throw new ValidationProblem("No such cluster.", [
            { field: "clusterId", message: "Choose an existing cluster." },
          ]);
        const enrolments = await trx
          .selectFrom("enrolments")
          .innerJoin("schools", "schools.id", "enrolments.school_id")
          .select(["enrolments.id", "enrolments.school_id", "enrolments.trio_id", "schools.name"])
          .where("enrolments.cluster_id", "=", clusterId)
          .where("enrolments.school_id", "in", all)
          .forUpdate("enrolments")
          .execute();
        const errors = all.flatMap((schoolId, i) => {
          const field = i === 0 ? "leadSchoolId" : `acceleratorSchoolIds.${i - 1}`;
          const enrolment = enrolments.find((e) => e.school_id === schoolId);
          if (!enrolment)
            return [{ field, message: "This school is not enrolled in the cluster." }];
          if (enrolment.trio_id)
            return [{ field, message: `${enrolment.name} is already in a trio.` }];
          return [];
        });
        if (errors.length > 0)
          throw new ValidationProblem("The trio cannot be formed as it is.", errors);
        const clash = await trx
          .selectFrom("trios")
          .select("id")
          .where("cluster_id", "=", clusterId)
          .where((eb) => eb(eb.fn("lower", ["name"]), "=", name.toLowerCase()))
          .executeTakeFirst();
        if (clash)
          throw new Conflict(`A trio called ${name} already exists in this cluster.`, {
            errors: [{ field: "name", message: "This name is taken." }],
          });
        const trio = await trx
          .insertInto("trios")
          .values({ cluster_id: clusterId, name, created_at: now })
          .returning("id")
          .executeTakeFirstOrThrow();
        await trx
          .updateTable("enrolments")
          .set({ trio_id: trio.id, trio_role: "lead" })
          .where("cluster_id", "=", clusterId)
          .where("school_id", "=", leadSchoolId)
          .execute();
        if (acceleratorSchoolIds.length > 0) {
          await trx
            .updateTable("enrolments")
            .set({ trio_id: trio.id, trio_role: "accelerator" })
            .where("cluster_id", "=", clusterId)
            .where("school_id", "in", acceleratorSchoolIds)
            .execute();
        }
        await recordAudit(trx, now, {
          action: "trio.created",
          actorUserId: actor.userId,
          targetType: "trio",
          targetId: trio.id,
          ip: request.ip,
        });
        return trio.id;
      });
      const trio = (await triosOfCluster(deps.db, clusterId)).find((t) => t.id === trioId);
      if (!trio) throw new NotFound("trio");
      reply.code(201);
      return trio;
    },
  );

  r.delete(
    "/api/trios/:id",
    {
      config: { access: admin },
      schema: {
        tags: ["network"],
        summary: "Dissolve a trio; its schools stay enrolled in the cluster",
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const now = deps.clock.now();
      await deps.db.transaction().execute(async (trx) => {
        const trio = await trx
          .selectFrom("trios")
          .select("id")
          .where("id", "=", request.params.id)
          .executeTakeFirst();
        if (!trio) throw new NotFound("trio");
        await trx
          .updateTable("enrolments")
          .set({ trio_id: null, trio_role: null })
          .where("trio_id", "=", trio.id)
          .execute();
        await trx.deleteFrom("trios").where("id", "=", trio.id).execute();
        await recordAudit(trx, now, {
          action: "trio.dissolved",
          actorUserId: actor.userId,
          targetType: "trio",
          targetId: trio.id,
          ip: request.ip,
        });
      });
      return reply.code(204).send(null);
    },
  );
}
