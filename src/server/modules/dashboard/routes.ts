import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  clusterSummarySchema,
  compositionSchema,
  schoolRefSchema,
  trioSchema,
} from "../../../contracts/network.ts";
import { roleSchema } from "../../../contracts/roles.ts";
import type { SchoolPhase } from "../../../domain/team-composition.ts";
import { clusterIdsLedBy, isNetworkAdmin, schoolIdsOf } from "../../access/scope.ts";
import { type AppDeps, SIGNED_IN } from "../../context.ts";
import { actorOf } from "../../request-info.ts";
import { listClusters } from "../clusters/store.ts";
import { triosOfCluster } from "../enrolments/present.ts";
import { compositionOf, teamMembersOf } from "../enrolments/team-store.ts";

const count = z.number().int();

export const dashboardSchema = z.object({
  network: z
    .object({
      hubs: count,
      schools: count,
      programmes: count,
      programmeYears: count,
      clusters: count,
      enrolments: count,
      pendingInvitations: count,
    })
    .nullable(),
  clusters: z.array(clusterSummarySchema.extend({ teamsMeetingGuidance: count })),
  schools: z.array(
    z.object({
      school: schoolRefSchema,
      roles: z.array(roleSchema),
      enrolments: z.array(
        z.object({
          id: z.uuid(),
          academicYear: z.string(),
          programmeName: z.string(),
          clusterName: z.string(),
          trio: trioSchema.nullable(),
          trioRole: z.enum(["lead", "accelerator"]).nullable(),
          teamSize: count,
          composition: compositionSchema,
        }),
      ),
    }),
  ),
});

export async function dashboardRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/dashboard",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ["dashboard"],
        summary:
          "What the signed-in person's roles open to them: the network, their clusters, their schools",
        response: { 200: dashboardSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const now = deps.clock.now();
      const db = deps.db;

      let network: z.infer<typeof dashboardSchema>["network"] = null;
      if (isNetworkAdmin(actor)) {
        const n = (
          table: "hubs" | "schools" | "programmes" | "programme_years" | "clusters" | "enrolments",
        ) =>
          db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
            .then((r) => Number(r.n));
        const pending = await db
          .selectFrom("invitations")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("accepted_at", "is", null)
          .where("revoked_at", "is", null)
          .where("expires_at", ">", now)
          .executeTakeFirstOrThrow();
        network = {
          hubs: await n("hubs"),
          schools: await n("schools"),
          programmes: await n("programmes"),
          programmeYears: await n("programme_years"),
          clusters: await n("clusters"),
          enrolments: await n("enrolments"),
          pendingInvitations: Number(pending.n),
        };
      }

      const clusters = [];
      if (clusterIdsLedBy(actor).length > 0) {
        // Administrators see every cluster on their own pages; here, only the ones a person leads.
        const led = new Set(clusterIdsLedBy(actor));
        for (const cluster of (await listClusters(db, actor, now)).filter((c) => led.has(c.id))) {
          const enrolments = await db
            .selectFrom("enrolments")
            .innerJoin("schools", "schools.id", "enrolments.school_id")
            .select(["enrolments.id", "schools.phase"])
            .where("enrolments.cluster_id", "=", cluster.id)
            .execute();
          const teams = await teamMembersOf(
            db,
            enrolments.map((e) => e.id),
          );
          const meeting = enrolments.filter(
            (e) => compositionOf(e.phase as SchoolPhase, teams.get(e.id) ?? []).meets,
          ).length;
          clusters.push({ ...cluster, teamsMeetingGuidance: meeting });
        }
      }

      const schools = [];
      const schoolIds = [...new Set(schoolIdsOf(actor))];
      if (schoolIds.length > 0) {
        const schoolRows = await db
          .selectFrom("schools")
          .select(["id", "name", "short_code", "phase"])
          .where("id", "in", schoolIds)
          .orderBy("name")
          .execute();
        const enrolments = await db
          .selectFrom("enrolments")
          .innerJoin("programme_years", "programme_years.id", "enrolments.programme_year_id")
          .innerJoin("programmes", "programmes.id", "programme_years.programme_id")
          .innerJoin("clusters", "clusters.id", "enrolments.cluster_id")
          .select([
            "enrolments.id",
            "enrolments.school_id",
            "enrolments.cluster_id",
            "enrolments.trio_id",
            "enrolments.trio_role",
            "programme_years.academic_year",
            "programmes.name as programme_name",
            "clusters.name as cluster_name",
          ])
          .where("enrolments.school_id", "in", schoolIds)
          .orderBy("programme_years.academic_year", "desc")
          .execute();
        const teams = await teamMembersOf(
          db,
          enrolments.map((e) => e.id),
        );
        for (const school of schoolRows) {
          const phase = school.phase as SchoolPhase;
          const own = enrolments.filter((e) => e.school_id === school.id);
          const presented = [];
          for (const e of own) {
            const members = teams.get(e.id) ?? [];
            const trio = e.trio_id
              ? ((await triosOfCluster(db, e.cluster_id)).find((t) => t.id === e.trio_id) ?? null)
              : null;
            presented.push({
              id: e.id,
              academicYear: e.academic_year,
              programmeName: e.programme_name,
              clusterName: e.cluster_name,
              trio,
              trioRole: e.trio_role,
              teamSize: members.length,
              composition: compositionOf(phase, members),
            });
          }
          schools.push({
            school: { id: school.id, name: school.name, shortCode: school.short_code, phase },
            roles: actor.memberships
              .filter((m) => m.scopeType === "school" && m.scopeId === school.id)
              .map((m) => m.role),
            enrolments: presented,
          });
        }
      }
      return { network, clusters, schools };
    },
  );
}
