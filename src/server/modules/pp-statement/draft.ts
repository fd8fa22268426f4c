import type { Kysely } from "kysely";
import { type PpStatement, ppEnteredSchema } from "../../../contracts/pp-statement.ts";
import type { DB } from "../../../db/schema.ts";
import { parseAcademicYear } from "../../../domain/academic-year.ts";
import { defaultPoint } from "../../../domain/assessment-points.ts";
import {
  activityTables,
  buildStatement,
  EMPTY_ENTERED,
  evidenceCell,
  type GapFact,
  type PpEntered,
  type PpFacts,
  type PpTemplate,
  proportionEligible,
  type StrategyFacts,
  suggestChallenges,
  totalBudgetOf,
} from "../../../domain/pp-statement.ts";
import { costComparison } from "../cost-effectiveness/comparison.ts";
import { hourlyRateOf } from "../cost-effectiveness/store.ts";
import { gapAsShown } from "../gap/figures.ts";
import { valuesForGap } from "../gap/store.ts";
import { pointsOfSchool } from "../measures/points-store.ts";
import { definitionOf, measuresOfSchool } from "../measures/store.ts";
import { pupilCounts, type StatementSchool, statementOf, strategyStrands } from "./store.ts";

/** What was stored for the year, read back through the contract (an empty draft when none). */
function enteredOf(raw: unknown): PpEntered {
  const parsed = ppEnteredSchema.safeParse(raw);
  return parsed.success ? parsed.data : EMPTY_ENTERED;
}

/** Whether a strategy's dates overlap the academic year (one with no start date ran in none). */
function ranIn(s: { starts_on: string | null; ends_on: string | null }, year: string): boolean {
  const parsed = parseAcademicYear(year);
  if (!parsed.ok || !s.starts_on) return false;
  return s.starts_on <= parsed.endsOn && (s.ends_on === null || s.ends_on >= parsed.startsOn);
}

const previousYear = (year: string) => {
  const parsed = parseAcademicYear(year);
  const start = parsed.ok ? parsed.startYear - 1 : 0;
  return `${start}/${String((start + 1) % 100).padStart(2, "0")}`;
};

/** Challenges suggested from the school's gap on each measure at its default point. */
async function suggestions(db: Kysely<DB>, school: StatementSchool, today: string) {
  const [measures, points] = await Promise.all([
    measuresOfSchool(db, school.id),
    pointsOfSchool(db, school.id, today),
  ]);
  const point = defaultPoint(points, today);
  if (!point || measures.length === 0) return [];
  const values = await valuesForGap(db, {
    schoolId: school.id,
    rule: school.disadvantage_rule,
    measureIds: measures.map((m) => m.id),
    pointIds: [point.id],
  });
  const facts: GapFact[] = measures.map((m) => {
    // Inside the school: the figures as its own staff see them on the gap dashboard.
    const g = gapAsShown(
      values.filter((v) => v.measureId === m.id),
      definitionOf(m),
      null,
      false,
    );
    return {
      measureName: m.name,
      disadvantagedN: g.disadvantaged.n ?? 0,
      otherN: g.other.n ?? 0,
      gap: g.gap,
      gapInSd: g.gapInSd,
    };
  });
  return suggestChallenges(facts);
}

/**
 * Everything the year's statement is drafted from: what the team entered, the
 * pupil numbers, and each strategy's cost, strand and own evaluation (the
 * cost-effectiveness comparison's, not worked out again here).
 */
export async function draftStatement(
  db: Kysely<DB>,
  template: PpTemplate,
  school: StatementSchool,
  input: { academicYear: string; today: string },
) {
  const [row, pupils, hourlyRate, strands] = await Promise.all([
    statementOf(db, school.id, input.academicYear),
    pupilCounts(db, school, input.today),
    hourlyRateOf(db, school.id),
    strategyStrands(db, school.id),
  ]);
  const comparison = await costComparison(db, school.id, {
    comparison: "disadvantaged",
    today: input.today,
    hourlyRate,
  });
  const strandOf = new Map(strands.map((s) => [s.id, s]));
  const strategies: StrategyFacts[] = comparison.strategies.map((c) => {
    const s = strandOf.get(c.id);
    return {
      id: c.id,
      title: c.title,
      totalCost: c.totalCost,
      strand: s?.strand_name
        ? {
            name: s.strand_name,
            months: s.strand_months === null ? null : Number(s.strand_months),
            evidence: s.strand_evidence === null ? null : Number(s.strand_evidence),
          }
        : null,
      evaluation: c.evaluation
        ? {
            headline: c.evaluation.headline,
            period: c.evaluation.period,
            nParticipants: c.evaluation.nParticipants,
            nComparison: c.evaluation.nComparison,
          }
        : null,
    };
  });
  const last = previousYear(input.academicYear);
  const lastYear = strategies.filter((s) => {
    const dates = strandOf.get(s.id);
    return dates ? ranIn(dates, last) : false;
  });
  const entered = enteredOf(row?.entered);
  const facts: PpFacts = {
    schoolName: school.name,
    academicYear: input.academicYear,
    pupils,
    entered,
    strategies,
    lastYear,
  };
  return { row, facts, blocks: buildStatement(template, facts) };
}

/** The draft as the API answers it. */
export async function presentDraft(
  db: Kysely<DB>,
  template: PpTemplate,
  school: StatementSchool,
  input: { academicYear: string; today: string },
  abilities: PpStatement["abilities"],
): Promise<PpStatement> {
  const { row, facts, blocks } = await draftStatement(db, template, school, input);
  const proportion = proportionEligible(facts.pupils);
  const e = facts.entered;
  return {
    schoolId: school.id,
    schoolName: school.name,
    academicYear: input.academicYear,
    entered: e,
    publishedAt: row?.published_at ? new Date(row.published_at).toISOString() : null,
    updatedAt: row ? new Date(row.updated_at).toISOString() : null,
    computed: {
      pupilsOnRoll: facts.pupils.onRoll,
      disadvantaged: facts.pupils.disadvantaged,
      proportionPct: proportion.pct,
      proportionWithheld: proportion.withheld,
      totalBudget: totalBudgetOf(e),
    },
    strategies: facts.strategies.map((s) => ({
      id: s.id,
      title: s.title,
      totalCost: s.totalCost,
      strandName: s.strand?.name ?? null,
      evidence: evidenceCell(template, s),
    })),
    tables: activityTables(facts).map((t) => ({
      tag: t.tag,
      heading: template.partA.activity.tables[t.tag].heading,
      budget: t.budget,
    })),
    suggestedChallenges: await suggestions(db, school, input.today),
    blocks,
    abilities,
  };
}
