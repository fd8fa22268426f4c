import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { registerInputSchema, registerSchema } from "../../../contracts/programme-year.ts";
import { today, toLondon } from "../../../domain/calendar.ts";
import { authorize } from "../../access/authorize.ts";
import { schoolIdsOf } from "../../access/scope.ts";
import { auditedChange } from "../../audit/change.ts";
import { type Actor, type AppDeps, anyOf, SIGNED_IN } from "../../context.ts";
import { ValidationProblem } from "../../errors.ts";
import { actorOf } from "../../request-info.ts";
import { teamMembersOf } from "../enrolments/team-store.ts";
import { workshopPolicy } from "./policy.ts";
import { refuseBeforeTheDay } from "./record-window.ts";
import {
  attendanceOf,
  enrolmentsOfCluster,
  type WorkshopRow,
  workshopInScope,
  writeAttendance,
} from "./store.ts";

const idParams = z.strictObject({ id: z.uuid() });

/** The register as this actor may see it: every school's team for the lead, their own team for school staff. */
async function loadRegister(
  deps: AppDeps,
  actor: Actor,
  workshop: WorkshopRow,
): Promise<z.infer<typeof registerSchema>> {
  const own = new Set(schoolIdsOf(actor));
  const everyone = workshopPolicy.seeWholeRegister(actor, workshop);
  const enrolments = await enrolmentsOfCluster(deps.db, workshop.cluster_id);
  const visible = enrolments.filter((e) => everyone || own.has(e.school_id));
  const [teams, marks] = await Promise.all([
    teamMembersOf(
      deps.db,
      visible.map((e) => e.id),
    ),
    attendanceOf(deps.db, workshop.id),
  ]);
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

/** A workshop's register: reading it, and the lead taking it on or after the day. */
export async function registerRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const leads = anyOf("programme_lead");

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
      return loadRegister(deps, actor, workshop);
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
      const workshop = await workshopInScope(deps.db, actor, request.params.id);
      authorize(
        workshopPolicy.takeRegister(actor, workshop),
        "Only the cluster's programme lead takes the register.",
      );
      refuseBeforeTheDay(
        "the day of the workshop",
        "The register opens",
        toLondon(workshop.starts_at).date,
        today(deps.clock),
      );
      const enrolments = await enrolmentsOfCluster(deps.db, workshop.cluster_id);
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
      const entries = request.body.entries.map((e) => ({
        ...e,
        enrolmentId: enrolmentOf.get(e.userId) ?? "",
      }));
      await auditedChange(
        deps,
        actor,
        (trx, now) => writeAttendance(trx, now, workshop.id, actor.userId, entries),
        () => ({
          action: "workshop.register_taken",
          targetType: "workshop",
          targetId: workshop.id,
          details: { entries: entries.length },
        }),
      );
      return loadRegister(deps, actor, workshop);
    },
  );
}
