import type { Kysely } from "kysely";
import type { ClusterImpactReport, SchoolImpactReport } from "../../../contracts/impact.ts";
import { CASCADE_STAGES, type STRATEGY_STATUSES } from "../../../contracts/strategies.ts";
import type { DB } from "../../../db/schema.ts";
import { formatCalendarDate } from "../../../domain/calendar.ts";
import { summariseGroup } from "../../../domain/gap.ts";
import {
  countOrSuppressed,
  SUPPRESSION_REASON,
  suppressBreakdown,
  tooSmallToCount,
} from "../../../domain/suppression.ts";
import type { Actor } from "../../context.ts";
import { headlineEvaluation } from "../cost-effectiveness/comparison.ts";
import { strategiesOfSchool } from "../cost-effectiveness/store.ts";
import { gapAsShown, gapTrendAsShown } from "../gap/figures.ts";
import { disadvantageRuleOfSchool, valuesForGap } from "../gap/store.ts";
import { buildMatrix, summaryAsShown } from "../matrix/build.ts";
import { enrolmentSchoolView, resolveView } from "../matrix/view.ts";
import { pointsOfSchool, type SchoolPoint } from "../measures/points-store.ts";
import { definitionOf, measuresOfSchool } from "../measures/store.ts";
import { comparatorFor } from "../national/store.ts";
import { progressOfCluster } from "../workshops/progress.ts";
import { impactPolicy } from "./policy.ts";
import {
  cascadeStagesOf,
  cohortJoinings,
  doneActionTitles,
  latestDecisions,
  type ReportEnrolment,
  schoolLabels,
  whatNextOf,
} from "./store.ts";

type Matrix = Awaited<ReturnType<typeof buildMatrix>>;
type Period = { from?: string | undefined; to?: string | undefined };

/** The school's points of the programme year (within the dates asked) that have data. */
function pointsInPeriod(points: SchoolPoint[], academicYear: string, period: Period) {
  return points.filter(
    (p) =>
      p.academicYear === academicYear &&
      p.observationCount > 0 &&
      (!period.from || p.startsOn >= period.from) &&
      (!period.to || p.startsOn <= period.to),
  );
}

const pointLabel = (p: { name: string; academicYear: string }) => `${p.name} ${p.academicYear}`;

/** The matrix between the period's first and latest points (its defaults when they have no cohort data). */
async function matrixFor(
  db: Kysely<DB>,
  actor: Actor,
  view: Parameters<typeof buildMatrix>[1],
  first: SchoolPoint | undefined,
  latest: SchoolPoint | undefined,
): Promise<Matrix> {
  const matrix = await buildMatrix(db, view, {}, actor);
  const key = (p: SchoolPoint | undefined) =>
    p && matrix.points.some((m) => m.key === `${p.academicYear}|${p.name}`)
      ? `${p.academicYear}|${p.name}`
      : undefined;
  const from = key(first);
  const to = key(latest);
  if (!from || !to || from === to || (from === matrix.from && to === matrix.to)) return matrix;
  return buildMatrix(db, view, { from, to }, actor);
}

function movementOf(
  matrix: Matrix,
  rows: Matrix["summary"],
  missing: number | null,
): SchoolImpactReport["movement"] {
  const label = (key: string | null) => matrix.points.find((p) => p.key === key)?.label ?? null;
  return {
    from: label(matrix.from),
    to: label(matrix.to),
    xLabel: matrix.x.label,
    yLabel: matrix.y.label,
    rows: rows.map((r) => ({
      quadrant: r.quadrant,
      label: matrix.quadrants.find((q) => q.key === r.quadrant)?.label ?? r.quadrant,
      movedIn: r.movedIn,
      movedOut: r.movedOut,
      stayed: r.stayed,
      now: r.now,
      suppressed: r.suppressed,
    })),
    missing,
  };
}

/** Mean change (latest − first) of the pupils with a value at both points, as the gap summarises a group. */
function changeOf(
  values: ReadonlyArray<{ pupilId: string; pointId: string; value: number }>,
  pupils: (id: string) => boolean,
  first: string,
  latest: string,
) {
  const at = (pointId: string) =>
    new Map(
      values
        .filter((v) => v.pointId === pointId && pupils(v.pupilId))
        .map((v) => [v.pupilId, v.value]),
    );
  const before = at(first);
  const after = at(latest);
  const both = [...before.keys()].filter((id) => after.has(id));
  const none = () => null;
  const b = summariseGroup(
    both.map((id) => before.get(id) ?? 0),
    null,
    none,
  );
  const a = summariseGroup(
    both.map((id) => after.get(id) ?? 0),
    null,
    none,
  );
  const change = summariseGroup(
    both.map((id) => (after.get(id) ?? 0) - (before.get(id) ?? 0)),
    null,
    none,
  );
  return { n: both.length, meanFirst: b.mean, meanLatest: a.mean, meanChange: change.mean };
}

/**
 * The school impact report (issue 17), in one structure that the JSON answer,
 * the PDF and the web page all present. Figures come from the gap, matrix,
 * strategy evaluation and programme-year modules; no pupil is named (the
 * movement is counts). The caller has found the enrolment in the actor's scope.
 */
export async function buildSchoolReport(
  db: Kysely<DB>,
  actor: Actor,
  enrolment: ReportEnrolment,
  period: Period,
  today: string,
): Promise<SchoolImpactReport> {
  const schoolId = enrolment.schoolId;
  const [allPoints, measures, rule, joinings] = await Promise.all([
    pointsOfSchool(db, schoolId, today),
    measuresOfSchool(db, schoolId),
    disadvantageRuleOfSchool(db, schoolId),
    cohortJoinings(db, enrolment.id),
  ]);
  const points = pointsInPeriod(allPoints, enrolment.academicYear, period);
  const first = points[0];
  const latest = points.at(-1);

  // Cohort: who is in it now, by year group, and how it was chosen.
  const current = joinings.filter((j) => j.left_on === null);
  const yearGroups = [...new Set(current.map((c) => c.year_group))].sort(
    (a, b) => (a === "R" ? -1 : Number(a)) - (b === "R" ? -1 : Number(b)),
  );
  const left = joinings.length - current.length;
  const firstJoined = joinings[0]?.joined_on;
  const howChosen = firstJoined
    ? `Confirmed by the school's leaders from the pupils Cascade proposed, first on ${formatCalendarDate(firstJoined)}.` +
      (left > 0
        ? ` ${left} ${left === 1 ? "pupil has" : "pupils have"} left the cohort since.`
        : "")
    : "The cohort has not been chosen yet.";

  const view = await enrolmentSchoolView(db, actor, enrolment);
  const matrix = await matrixFor(db, actor, view, first, latest);

  // Each measure's change: the cohort, the school's other disadvantaged pupils, its other pupils.
  const values = await valuesForGap(db, {
    schoolId,
    rule,
    measureIds: measures.map((m) => m.id),
    pointIds: points.map((p) => p.id),
  });
  const inCohort = new Set(current.map((c) => c.pupil_id));
  const disadvantaged = new Set(values.filter((v) => v.disadvantaged).map((v) => v.pupilId));
  const measureRows =
    first && latest && first.id !== latest.id
      ? measures.map((m) => {
          const own = values.filter((v) => v.measureId === m.id);
          return {
            measureName: m.name,
            cohort: changeOf(own, (id) => inCohort.has(id), first.id, latest.id),
            otherDisadvantaged: changeOf(
              own,
              (id) => !inCohort.has(id) && disadvantaged.has(id),
              first.id,
              latest.id,
            ),
            nonDisadvantaged: changeOf(
              own,
              (id) => !inCohort.has(id) && !disadvantaged.has(id),
              first.id,
              latest.id,
            ),
          };
        })
      : [];

  // The gap trend on the core measures, as the school's dashboard shows it to its own team.
  const gaps = [];
  for (const m of measures.filter((x) => x.core)) {
    const { trend, direction } = gapTrendAsShown(
      values.filter((v) => v.measureId === m.id),
      definitionOf(m),
      points,
      null,
      false,
    );
    gaps.push({
      measureName: m.name,
      points: trend.map((t) => ({
        label: pointLabel(t),
        disadvantagedMean: t.disadvantagedMean,
        otherMean: t.otherMean,
        gap: t.gap,
        tooSmall: t.tooSmall,
      })),
      direction,
      nationalComparator: await comparatorFor(db, m.id),
    });
  }

  // Strategies of the year, each with its headline evaluation and latest decision.
  const rows = (await strategiesOfSchool(db, schoolId)).filter(
    (s) => s.programme_year_id === null || s.programme_year_id === enrolment.programmeYearId,
  );
  const decisions = await latestDecisions(
    db,
    rows.map((r) => r.id),
  );
  const strategies = [];
  for (const row of rows) {
    const { evaluation, gap } = await headlineEvaluation(db, row, {
      measures,
      points: allPoints,
      today,
      comparison: "disadvantaged",
    });
    strategies.push({
      title: row.title,
      status: row.status as (typeof STRATEGY_STATUSES)[number],
      cascadeStage: row.cascade_stage,
      participants: Number(row.participant_count ?? 0),
      evaluation: evaluation ? `${evaluation.period}: ${evaluation.headline}` : (gap ?? ""),
      hedgesG: evaluation?.hedgesG ?? null,
      decision: decisions.get(row.id) ?? null,
    });
  }

  // Workshops and actions, as the cluster's year at a glance counts them.
  const progress = await progressOfCluster(db, actor, { id: enrolment.clusterId, name: "" }, today);
  const mine = progress.schools.find((s) => s.enrolmentId === enrolment.id);
  const whatNext = await whatNextOf(db, enrolment.id);

  return {
    school: { id: schoolId, name: enrolment.schoolName },
    programmeYear: { id: enrolment.programmeYearId, academicYear: enrolment.academicYear },
    programmeYears: enrolment.years,
    period: {
      first: first ? pointLabel(first) : null,
      latest: latest ? pointLabel(latest) : null,
    },
    generatedOn: today,
    cohort: {
      size: current.length,
      yearGroups: yearGroups.map((yearGroup) => ({
        yearGroup,
        pupils: current.filter((c) => c.year_group === yearGroup).length,
      })),
      howChosen,
    },
    movement: movementOf(
      matrix,
      matrix.summary,
      matrix.missing.reduce((n, m) => n + (m.pupils ?? 0), 0),
    ),
    measures: measureRows,
    gaps,
    strategies,
    workshops: {
      held: progress.workshops
        .filter((w) => w.registerTaken)
        .map((w) => ({ title: w.title, startsAt: w.startsAt })),
      present: mine?.attendance.present ?? 0,
      recorded: mine?.attendance.recorded ?? 0,
    },
    actions: {
      done: mine?.actions.done ?? 0,
      open: mine?.actions.open ?? 0,
      overdue: mine?.actions.overdue ?? 0,
      doneTitles: await doneActionTitles(db, enrolment.id),
    },
    whatNext: {
      text: whatNext?.body ?? "",
      updatedOn: whatNext ? new Date(whatNext.updated_at).toISOString().slice(0, 10) : null,
      canChange: impactPolicy.writeWhatNext(actor, { id: schoolId }),
    },
  };
}

/**
 * The cluster report for its programme lead: the same story at cluster level.
 * Schools appear by name only where they chose to be; no pupil is named; no
 * count of 1 to 5, nor a figure about 5 or fewer pupils, is shown, and counts
 * shown beside their total are suppressed together so none comes back by
 * subtraction. Nothing a school typed (strategy titles, actions, what next).
 */
export async function buildClusterReport(
  db: Kysely<DB>,
  actor: Actor,
  cluster: { id: string; name: string },
  today: string,
): Promise<ClusterImpactReport> {
  const progress = await progressOfCluster(db, actor, cluster, today);
  // No school enrolled yet: an empty report (the cluster's matrix has nothing to show).
  if (progress.schools.length === 0) {
    return {
      cluster: { id: cluster.id, name: cluster.name },
      generatedOn: today,
      cohortSize: 0,
      movement: { from: null, to: null, xLabel: "", yLabel: "", rows: [], missing: 0 },
      schools: [],
      stages: CASCADE_STAGES.map((cascadeStage) => ({ cascadeStage, strategies: 0 })),
      suppressedReason: SUPPRESSION_REASON,
    };
  }
  const view = await resolveView(db, actor, { view: "cluster", clusterId: cluster.id }, today);
  const matrix = await buildMatrix(db, view, {}, actor);
  const labels = await schoolLabels(db, view.schools);

  // The cluster's movement as one group: shown only when no count in it is 1 to 5.
  const moves = matrix.dots.map((d) => ({
    group: "cluster",
    from: d.quadrantFrom,
    to: d.quadrantTo,
  }));
  const totalRows =
    matrix.x.expected === null || matrix.y.expected === null
      ? []
      : summaryAsShown(moves, new Set());
  const missing = countOrSuppressed(
    matrix.dots.filter((d) => !d.quadrantFrom || !d.quadrantTo).length,
  );

  // Cohort sizes beside their total: suppressed as one breakdown.
  const sizes = progress.schools.map((s) => ({
    key: s.enrolmentId,
    sizes: [
      view.schools.some((v) => v.enrolmentId === s.enrolmentId)
        ? cohortCount(matrix, view, s.enrolmentId)
        : 0,
    ],
  }));
  const decision = suppressBreakdown(sizes, tooSmallToCount);
  const total = sizes.reduce((n, s) => n + (s.sizes[0] ?? 0), 0);

  const schools = [];
  for (const s of progress.schools) {
    const school = view.schools.find((v) => v.enrolmentId === s.enrolmentId);
    if (!school) continue;
    const [rule, points, measures] = await Promise.all([
      disadvantageRuleOfSchool(db, school.schoolId),
      pointsOfSchool(db, school.schoolId, today),
      measuresOfSchool(db, school.schoolId),
    ]);
    const withData = points.filter((p) => p.observationCount > 0);
    const core = measures.filter((m) => m.core);
    const values = await valuesForGap(db, {
      schoolId: school.schoolId,
      rule,
      measureIds: core.map((m) => m.id),
      pointIds: withData.map((p) => p.id),
    });
    const latest = withData.at(-1);
    const label = labels.get(school.schoolId) ?? { label: "School", named: false };
    schools.push({
      label: label.label,
      named: label.named,
      cohortSize: decision.hidden.has(s.enrolmentId)
        ? null
        : (sizes.find((x) => x.key === s.enrolmentId)?.sizes[0] ?? 0),
      attendance: s.attendance,
      actionsDone: s.actions.done,
      strategies: Object.values(s.strategies).reduce((n, c) => n + c, 0),
      gaps: core.map((m) => {
        const own = values.filter((v) => v.measureId === m.id);
        const definition = definitionOf(m);
        const now = latest
          ? // Outside the school: figures of 5 or fewer withheld, decided on the whole breakdown.
            gapAsShown(
              own.filter((v) => v.pointId === latest.id),
              definition,
              null,
              true,
            )
          : null;
        const { direction } = gapTrendAsShown(own, definition, withData, null, true);
        return {
          measureName: m.name,
          gap: now?.gap ?? null,
          direction,
          suppressed: now?.suppressed ?? false,
        };
      }),
    });
  }
  schools.sort((a, b) => a.label.localeCompare(b.label));

  const stages = await cascadeStagesOf(
    db,
    view.schools.map((s) => s.schoolId),
  );
  return {
    cluster: { id: cluster.id, name: cluster.name },
    generatedOn: today,
    cohortSize: decision.totalHidden ? null : total,
    movement: movementOf(matrix, totalRows, missing),
    schools,
    stages: CASCADE_STAGES.map((cascadeStage) => ({
      cascadeStage,
      strategies: stages.filter((s) => s.cascade_stage === cascadeStage).length,
    })),
    suppressedReason: SUPPRESSION_REASON,
  };
}

/** A school's current cohort size, as the matrix counted its members. */
function cohortCount(
  matrix: Matrix,
  view: { schools: Array<{ enrolmentId: string; code: string }> },
  enrolmentId: string,
) {
  const code = view.schools.find((s) => s.enrolmentId === enrolmentId)?.code;
  return matrix.dots.filter((d) => d.schoolCode === code).length;
}
