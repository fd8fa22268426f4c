import type { AccessWorld } from "../support/world.ts";
import { schoolId } from "../support/world.ts";
import type { RouteCase } from "./route-cases.ts";
import { scoped } from "./route-cases.ts";

export async function strategyOf(world: AccessWorld, schoolKey: string) {
  return world.t.deps.db
    .selectFrom("strategies")
    .select(["id", "version", "success_measure_id"])
    .where("school_id", "=", schoolId(world, schoolKey))
    .orderBy("created_at")
    .executeTakeFirstOrThrow();
}

export async function points(world: AccessWorld, schoolKey: string) {
  const rows = await world.t.deps.db
    .selectFrom("assessment_points")
    .select("id")
    .where("school_id", "=", schoolId(world, schoolKey))
    .orderBy("starts_on")
    .limit(2)
    .execute();
  return { from: rows[0]?.id ?? "", to: rows[1]?.id ?? "" };
}

/** A different rate on every call, so each allowed call changes something (and is audited). */
let rateCalls = 0;

export const strategyCases: Record<string, RouteCase> = {
  "GET /api/schools/:id/strategies": async (world, actor, target) => ({
    url: `/api/schools/${schoolId(world, scoped(actor, target).school)}/strategies`,
  }),
  "GET /api/schools/:id/strategy-options": async (world, actor, target) => ({
    url: `/api/schools/${schoolId(world, scoped(actor, target).school)}/strategy-options`,
  }),
  "POST /api/schools/:id/strategies": async (world, actor, target) => ({
    url: `/api/schools/${schoolId(world, scoped(actor, target).school)}/strategies`,
    body: { title: `Strategy ${crypto.randomUUID().slice(0, 8)}` },
  }),
  "GET /api/strategies/:id": async (world, actor, target) => ({
    url: `/api/strategies/${(await strategyOf(world, scoped(actor, target).school)).id}`,
  }),
  "PATCH /api/strategies/:id": async (world, actor, target) => {
    const s = await strategyOf(world, scoped(actor, target).school);
    return { url: `/api/strategies/${s.id}`, body: { version: s.version, staffHours: 31 } };
  },
  "POST /api/strategies/:id/reviews": async (world, actor, target) => ({
    url: `/api/strategies/${(await strategyOf(world, scoped(actor, target).school)).id}/reviews`,
    body: {
      reviewedOn: "2026-11-20",
      done: "Sessions ran.",
      dataShows: "Early days.",
      decision: "Continue.",
    },
  }),
  "PUT /api/strategies/:id/participants": async (world, actor, target) => {
    const s = await strategyOf(world, scoped(actor, target).school);
    const current = await world.t.deps.db
      .selectFrom("strategy_participants")
      .select("pupil_id")
      .where("strategy_id", "=", s.id)
      .execute();
    return {
      url: `/api/strategies/${s.id}/participants`,
      body: { pupilIds: current.map((p) => p.pupil_id) },
    };
  },
  "GET /api/strategies/:id/evaluation": async (world, actor, target) => {
    const school = scoped(actor, target).school;
    const s = await strategyOf(world, school);
    const p = await points(world, school);
    return {
      url: `/api/strategies/${s.id}/evaluation?measureId=${s.success_measure_id}&from=${p.from}&to=${p.to}&comparison=disadvantaged`,
    };
  },
  "POST /api/strategies/:id/share": async (world, actor, target) => {
    const school = scoped(actor, target).school;
    const s = await strategyOf(world, school);
    const p = await points(world, school);
    return {
      url: `/api/strategies/${s.id}/share`,
      // All other pupils of the year groups: a comparison group always big enough for an effect.
      body: {
        measureId: s.success_measure_id,
        from: p.from,
        to: p.to,
        comparison: "non_participants",
        named: false,
      },
    };
  },
  "DELETE /api/strategies/:id/share": async (world, actor, target) => {
    const school = scoped(actor, target).school;
    const s = await strategyOf(world, school);
    const p = await points(world, school);
    // Share it first (directly), so there is something to withdraw.
    const { evaluate } = await import("../../src/server/modules/strategies/evaluate.ts");
    const { storeSharedResult } = await import("../../src/server/modules/strategies/share.ts");
    const row = await world.t.deps.db
      .selectFrom("strategies")
      .selectAll()
      .where("id", "=", s.id)
      .executeTakeFirstOrThrow();
    const evaluation = await evaluate(world.t.deps.db, row, {
      measureId: s.success_measure_id ?? "",
      from: p.from,
      to: p.to,
      comparison: "non_participants",
    });
    await world.t.deps.db.transaction().execute((trx) =>
      storeSharedResult(trx, row, evaluation, {
        named: false,
        comparison: "non_participants",
        actorId: null,
        now: world.now,
      }),
    );
    return { url: `/api/strategies/${s.id}/share` };
  },
  "GET /api/schools/:id/cost-effectiveness": async (world, actor, target) => ({
    url: `/api/schools/${schoolId(world, scoped(actor, target).school)}/cost-effectiveness`,
  }),
  "PUT /api/schools/:id/staff-hourly-rate": async (world, actor, target) => {
    rateCalls += 1;
    return {
      url: `/api/schools/${schoolId(world, scoped(actor, target).school)}/staff-hourly-rate`,
      body: { poundsPerHour: 20 + (rateCalls % 40) + 0.25 },
    };
  },
  "GET /api/eef-strands": async () => ({ url: "/api/eef-strands" }),
  "PATCH /api/eef-strands/:id": async (world) => {
    const strand = await world.t.deps.db
      .selectFrom("eef_strands")
      .select("id")
      .where("key", "=", "homework")
      .executeTakeFirstOrThrow();
    return { url: `/api/eef-strands/${strand.id}`, body: { months: 5 } };
  },
  "POST /api/eef-strands/:id/confirm": async (world) => {
    const strand = await world.t.deps.db
      .selectFrom("eef_strands")
      .select("id")
      .where("key", "=", "arts-participation")
      .executeTakeFirstOrThrow();
    return { url: `/api/eef-strands/${strand.id}/confirm`, body: { checkedOn: "2026-11-20" } };
  },
  "GET /api/evidence": async () => ({ url: "/api/evidence" }),
};
