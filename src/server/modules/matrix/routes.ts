import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  matrixQuerySchema,
  matrixSchema,
  matrixSettingsSchema,
} from "../../../contracts/cohort.ts";
import { today as londonToday } from "../../../domain/calendar.ts";
import { parseAxis } from "../../../domain/matrix.ts";
import { authorize } from "../../access/authorize.ts";
import { isNetworkAdmin, schoolIdsOf } from "../../access/scope.ts";
import { auditedChange } from "../../audit/change.ts";
import { recordAudit } from "../../audit/store.ts";
import { type AppDeps, SIGNED_IN } from "../../context.ts";
import { NotFound, ValidationProblem } from "../../errors.ts";
import { toCsv } from "../../exports/csv.ts";
import { actorOf } from "../../request-info.ts";
import { buildMatrix } from "./build.ts";
import { matchesEtag, matrixCache, visibilityClassOf } from "./cache.ts";
import { matrixPolicy } from "./policy.ts";
import { clusterHasAnyOf, dataVersionsOf, saveAxes } from "./store.ts";
import { resolveView } from "./view.ts";

export async function matrixRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const today = () => londonToday(deps.clock);
  const cache = matrixCache();

  r.get(
    "/api/matrix",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ["matrix"],
        summary:
          "The matrix: cohort pupils as dots at two points, for my school, my trio or a cluster",
        description:
          "Points are keyed across schools as `<academic year>|<name>`, e.g. `2026/27|Autumn 2`. Axes: " +
          "`composite:attainment`, `composite:learning-behaviours` or `measure:<key>`. Labels are names inside the " +
          "viewer's school and pseudonyms outside it.",
        querystring: matrixQuerySchema,
        response: { 200: matrixSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const view = await resolveView(deps.db, actor, request.query, today());
      const auditRead = async (namedPupils: number, notModified: boolean) => {
        // A read of named data, served or confirmed (304: the browser shows the names
        // again), is acknowledged only once its audit row is committed.
        if (namedPupils === 0) return;
        await recordAudit(deps.db, deps.clock.now(), {
          action: "matrix.read",
          actorUserId: actor.userId,
          targetType: view.view,
          targetId: view.settingsScope.scopeId,
          ip: request.ip,
          details: notModified ? { namedPupils, notModified } : { namedPupils },
        });
      };
      const visibility = visibilityClassOf(actor, view);
      if (visibility === null) {
        const matrix = await buildMatrix(deps.db, view, request.query, actor);
        await auditRead(matrix.dots.filter((d) => d.own).length, false);
        return matrix;
      }
      // The versions are read before the build: whatever the build then reads is at
      // least as new as what they name, so an entry is never older than its versions.
      const versions = await dataVersionsOf(deps.db, {
        schoolIds: view.schools.map((s) => s.schoolId),
        clusterId: view.clusterId,
      });
      const { from, to, x, y } = request.query;
      const key = JSON.stringify([view, from, to, x, y, visibility]);
      const etag = cache.etagFor(key, versions);
      let entry = cache.get(key, etag);
      if (!entry) {
        const matrix = await buildMatrix(deps.db, view, request.query, actor);
        entry = {
          etag,
          body: JSON.stringify(z.encode(matrixSchema, matrix)),
          namedPupils: matrix.dots.filter((d) => d.own).length,
        };
        cache.set(key, entry);
      }
      const notModified = matchesEtag(request.headers["if-none-match"], etag);
      await auditRead(entry.namedPupils, notModified);
      // The body is already serialised (as the schema's serializer writes it), so it goes
      // out as it is; a 304 carries none.
      const raw = reply as unknown as FastifyReply;
      raw.header("etag", etag);
      if (notModified) return raw.code(304).send();
      return raw.type("application/json; charset=utf-8").send(entry.body);
    },
  );

  r.get(
    "/api/matrix/export.csv",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ["matrix"],
        summary: "The matrix's table as CSV (pseudonyms outside the viewer's school)",
        querystring: matrixQuerySchema,
        produces: ["text/csv"],
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const view = await resolveView(deps.db, actor, request.query, today());
      const matrix = await buildMatrix(deps.db, view, request.query, actor);
      const label = (key: string | null) => matrix.points.find((p) => p.key === key)?.label ?? "";
      const quadrant = (q: string | null) => matrix.quadrants.find((x) => x.key === q)?.label ?? "";
      const round = (n: number | undefined) =>
        n === undefined ? null : Math.round(n * 1000) / 1000;
      const csv = toCsv(
        [
          "School",
          "Pupil",
          `${matrix.x.label} (${label(matrix.from)})`,
          `${matrix.y.label} (${label(matrix.from)})`,
          `Quadrant (${label(matrix.from)})`,
          `${matrix.x.label} (${label(matrix.to)})`,
          `${matrix.y.label} (${label(matrix.to)})`,
          `Quadrant (${label(matrix.to)})`,
        ],
        matrix.dots.map((d) => [
          d.schoolCode,
          d.label,
          round(d.from?.x),
          round(d.from?.y),
          quadrant(d.quadrantFrom),
          round(d.to?.x),
          round(d.to?.y),
          quadrant(d.quadrantTo),
        ]),
      );
      await recordAudit(deps.db, deps.clock.now(), {
        action: "matrix.exported",
        actorUserId: actor.userId,
        targetType: view.view,
        targetId: view.settingsScope.scopeId,
        ip: request.ip,
        details: { rows: matrix.dots.length, namedPupils: matrix.dots.filter((d) => d.own).length },
      });
      const name = `matrix-${view.view}-${view.title.toLowerCase().replaceAll(/[^a-z0-9]+/g, "-")}.csv`;
      return reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="${name}"`)
        .send(csv);
    },
  );

  r.put(
    "/api/matrix/settings",
    {
      config: { access: { kind: "roles", roles: ["school_leader", "programme_lead"] } },
      schema: {
        tags: ["matrix"],
        summary:
          "Save the axes of a school's matrix (its leader) or a cluster's (its programme lead)",
        body: matrixSettingsSchema,
        response: {
          200: z.object({
            scopeType: z.enum(["school", "cluster"]),
            scopeId: z.uuid(),
            x: z.string(),
            y: z.string(),
          }),
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { scopeType, scopeId, x, y } = request.body;
      const scope = { scopeType, scopeId };
      if (!matrixPolicy.saveAxes(actor, scope)) {
        // Outside the actor's sight it is not there at all; within it, their role does not reach.
        const cluster =
          scopeType === "cluster" && !isNetworkAdmin(actor)
            ? { hasOwnSchool: await clusterHasAnyOf(deps.db, scopeId, schoolIdsOf(actor)) }
            : undefined;
        if (!matrixPolicy.seesScope(actor, scope, cluster)) throw new NotFound(scopeType);
      }
      authorize(
        matrixPolicy.saveAxes(actor, scope),
        "Only the school's leaders, or the cluster's programme lead, set these axes.",
      );
      for (const [field, spec] of [
        ["x", x],
        ["y", y],
      ] as const) {
        if (!parseAxis(spec)) {
          throw new ValidationProblem(`No axis "${spec}".`, [
            {
              field,
              message: "Use composite:attainment, composite:learning-behaviours, or measure:<key>.",
            },
          ]);
        }
      }
      await auditedChange(
        deps,
        actor,
        (trx, now) => saveAxes(trx, { scopeType, scopeId, x, y }, actor.userId, now),
        () => ({
          action: "matrix.axes_saved",
          targetType: scopeType,
          targetId: scopeId,
          details: { x, y },
        }),
      );
      return { scopeType, scopeId, x, y };
    },
  );
}
