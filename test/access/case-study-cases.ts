import { buildCaseStudyFacts } from "../../src/domain/case-study-draft.ts";
import { type AccessWorld, clusterId, schoolId } from "../support/world.ts";
import type { RouteCase } from "./route-cases.ts";
import { scoped } from "./route-cases.ts";
import { points, strategyOf } from "./strategy-cases.ts";

const FACTS = JSON.stringify(
  buildCaseStudyFacts({
    title: "Reading buddies story",
    theme: null,
    strand: null,
    phase: "primary",
    participants: 12,
    yearGroups: ["5"],
    startsOn: null,
    endsOn: null,
    sessionsPerWeek: null,
    minutesPerSession: null,
    costPounds: null,
    cascadeStage: "target_cohort",
    decision: null,
    evaluation: {
      measureName: "Reading",
      measureKind: "attainment",
      fromLabel: "Autumn 1",
      toLabel: "Autumn 2",
      comparisonLabel: null,
      designKind: "pre-post",
      groups: [{ label: "Participants", n: 12, meanBefore: 1, meanAfter: 2, missing: 0 }],
      g: 0.4,
      ciLow: 0.1,
      ciHigh: 0.7,
      warnings: [],
      secondary: false,
    },
  }),
);

/** A new case study of the demo school (its strategy's, in its cluster), in the state a route acts on. */
async function freshCaseStudy(
  world: AccessWorld,
  schoolKey: string,
  clusterKey: string,
  status: "draft" | "submitted" = "draft",
): Promise<string> {
  const strategy = await strategyOf(world, schoolKey);
  const row = await world.t.deps.db
    .insertInto("case_studies")
    .values({
      school_id: schoolId(world, schoolKey),
      strategy_id: strategy.id,
      cluster_id: clusterId(world, clusterKey),
      status,
      title: "Reading buddies story",
      facts: FACTS,
      created_at: world.now,
      updated_at: world.now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

const study = async (
  world: AccessWorld,
  actor: Parameters<RouteCase>[1],
  target: Parameters<RouteCase>[2],
  status: "draft" | "submitted" = "draft",
) => {
  const s = scoped(actor, target);
  return freshCaseStudy(world, s.school, s.cluster, status);
};

export const caseStudyCases: Record<string, RouteCase> = {
  "POST /api/strategies/:id/case-studies": async (world, actor, target) => {
    const school = scoped(actor, target).school;
    const s = await strategyOf(world, school);
    const p = await points(world, school);
    return {
      url: `/api/strategies/${s.id}/case-studies`,
      body: {
        measureId: s.success_measure_id,
        from: p.from,
        to: p.to,
        comparison: "non_participants",
      },
    };
  },
  "GET /api/case-studies": async () => ({ url: "/api/case-studies?q=reading&sort=effect" }),
  "GET /api/case-studies/drafts": async () => ({ url: "/api/case-studies/drafts" }),
  "GET /api/case-studies/:id": async (world, actor, target) => ({
    url: `/api/case-studies/${await study(world, actor, target)}`,
  }),
  "PATCH /api/case-studies/:id": async (world, actor, target) => ({
    url: `/api/case-studies/${await study(world, actor, target)}`,
    body: { advice: "Start with one class." },
  }),
  "POST /api/case-studies/:id/refresh": async (world, actor, target) => {
    const school = scoped(actor, target).school;
    const s = await strategyOf(world, school);
    const p = await points(world, school);
    return {
      url: `/api/case-studies/${await study(world, actor, target)}/refresh`,
      body: {
        measureId: s.success_measure_id,
        from: p.from,
        to: p.to,
        comparison: "non_participants",
      },
    };
  },
  "POST /api/case-studies/:id/submit": async (world, actor, target) => ({
    url: `/api/case-studies/${await study(world, actor, target)}/submit`,
  }),
  "POST /api/case-studies/:id/comments": async (world, actor, target) => ({
    url: `/api/case-studies/${await study(world, actor, target, "submitted")}/comments`,
    body: { body: "Looks good." },
  }),
  "POST /api/case-studies/:id/request-changes": async (world, actor, target) => ({
    url: `/api/case-studies/${await study(world, actor, target, "submitted")}/request-changes`,
    body: { body: "Say more about the dose." },
  }),
  "POST /api/case-studies/:id/publish": async (world, actor, target) => ({
    url: `/api/case-studies/${await study(world, actor, target, "submitted")}/publish`,
    body: { audience: "network" },
  }),
  "POST /api/case-studies/:id/withdraw": async (world, actor, target) => ({
    url: `/api/case-studies/${await study(world, actor, target, "submitted")}/withdraw`,
    body: {},
  }),
  "GET /api/case-studies/:id/case-study.pdf": async (world, actor, target) => ({
    url: `/api/case-studies/${await study(world, actor, target)}/case-study.pdf`,
  }),
};
