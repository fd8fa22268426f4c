/**
 * The pupil premium strategy statement (the DfE template): the draft Cascade
 * builds from what it holds, as a list of blocks (headings, paragraphs,
 * tables) that the Word and HTML outputs both render. Pure.
 *
 * The words of the template (headings, column labels, the introduction) come
 * from a template file, never from here: the DfE revises them. This file
 * decides which facts go where, the sums, and which figures are withheld.
 *
 * The statement is published on the school's website, so a figure about a group
 * of fewer than 6 pupils (5 or fewer, `tooSmallForFigures`) is withheld, and a
 * count of 1 to 5 pupils is not given either (`tooSmallToCount`).
 */
import { formatPounds } from "./cost-effectiveness.ts";
import { anyGroupTooSmall, tooSmallToCount } from "./suppression.ts";

/** The three activity tables, in the template's order. */
export const ACTIVITY_TAGS = ["teaching", "targeted_academic_support", "wider_strategies"] as const;
export type ActivityTag = (typeof ACTIVITY_TAGS)[number];

/** The words of the template, as the template file gives them. */
export interface PpTemplate {
  /** With {school}. */
  title: string;
  /** With {school}. */
  introduction: string;
  /** What a withheld figure says instead. */
  withheld: string;
  /** What an empty field or table says. */
  notEntered: string;
  schoolOverview: {
    heading: string;
    columns: [string, string];
    rows: {
      schoolName: string;
      pupilsInSchool: string;
      proportionEligible: string;
      yearsCovered: string;
      publishedOn: string;
      reviewOn: string;
      authorisedBy: string;
      ppLead: string;
      governorLead: string;
    };
  };
  funding: {
    heading: string;
    columns: [string, string];
    rows: { allocation: string; carriedForward: string; total: string };
  };
  partA: {
    heading: string;
    intent: { heading: string };
    challenges: { heading: string; columns: [string, string] };
    outcomes: { heading: string; columns: [string, string] };
    activity: {
      heading: string;
      /** With {amount}. */
      budgetedCost: string;
      columns: [string, string, string];
      tables: Record<ActivityTag, { heading: string; description: string }>;
    };
  };
  partB: {
    heading: string;
    outcomes: { heading: string; columns: [string, string] };
    programmes: { heading: string; columns: [string, string] };
    servicePupilPremium: { heading: string; spent: string; impact: string };
    furtherInformation: { heading: string };
  };
  /** The evidence cell's parts: {strand} {months} {padlocks}; {headline} {n}. */
  evidence: {
    strand: string;
    strandNoMonths: string;
    evaluation: string;
    evaluationWithheld: string;
    notEvaluated: string;
  };
}

/** What the school's team types into the statement, once a year. */
export interface PpEntered {
  yearsCovered: string;
  publishedOn: string | null;
  reviewOn: string | null;
  authorisedBy: string;
  ppLead: string;
  governorLead: string;
  allocation: number | null;
  carriedForward: number | null;
  intent: string;
  /** Numbered 1, 2, … in this order. */
  challenges: Array<{ detail: string }>;
  outcomes: Array<{ outcome: string; criteria: string }>;
  /** The school's strategies in the statement, each with its table and the challenges it addresses. */
  activities: Array<{ strategyId: string; tag: ActivityTag; challenges: number[] }>;
  partB: {
    performance: string;
    programmes: Array<{ programme: string; provider: string }>;
    servicePupilPremiumSpent: string;
    servicePupilPremiumImpact: string;
    furtherInformation: string;
  };
}

export const EMPTY_ENTERED: PpEntered = {
  yearsCovered: "",
  publishedOn: null,
  reviewOn: null,
  authorisedBy: "",
  ppLead: "",
  governorLead: "",
  allocation: null,
  carriedForward: null,
  intent: "",
  challenges: [],
  outcomes: [],
  activities: [],
  partB: {
    performance: "",
    programmes: [],
    servicePupilPremiumSpent: "",
    servicePupilPremiumImpact: "",
    furtherInformation: "",
  },
};

/** A strategy's own evaluation, as the cost-effectiveness comparison reduces it. */
export interface StrategyEvaluationFacts {
  headline: string;
  period: string;
  nParticipants: number;
  nComparison: number | null;
}

/** What Cascade holds about one of the school's strategies. */
export interface StrategyFacts {
  id: string;
  title: string;
  /** The strategy's total cost (direct cost and costed staff hours), or null when none is recorded. */
  totalCost: number | null;
  strand: { name: string; months: number | null; evidence: number | null } | null;
  evaluation: StrategyEvaluationFacts | null;
}

export interface PpFacts {
  schoolName: string;
  academicYear: string;
  /** Pupils on roll now, and how many of them count as disadvantaged under the school's rule. */
  pupils: { onRoll: number; disadvantaged: number };
  entered: PpEntered;
  /** Every strategy of the school. */
  strategies: readonly StrategyFacts[];
  /** The strategies that ran in the previous academic year. */
  lastYear: readonly StrategyFacts[];
}

export type Block =
  | { kind: "heading"; level: 1 | 2 | 3; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "table"; columns: string[]; rows: string[][] };

/** Replaces each {name} with its value; an unknown name stays as written. */
export function fill(text: string, values: Record<string, string>): string {
  return text.replaceAll(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

const dateFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});
/** 2026-12-31 → 31 December 2026. */
export const longDate = (iso: string) => dateFormat.format(new Date(`${iso}T00:00:00Z`));

/** The proportion eligible, to one decimal place, or null when it would reveal 1 to 5 pupils. */
export function proportionEligible(pupils: { onRoll: number; disadvantaged: number }): {
  pct: number | null;
  withheld: boolean;
} {
  if (tooSmallToCount(pupils.disadvantaged) || tooSmallToCount(pupils.onRoll))
    return { pct: null, withheld: true };
  if (pupils.onRoll === 0) return { pct: null, withheld: false };
  return { pct: Math.round((pupils.disadvantaged / pupils.onRoll) * 1000) / 10, withheld: false };
}

/** The sum of the costs recorded (a strategy with none adds nothing). */
export const budgetOf = (strategies: readonly StrategyFacts[]) =>
  Math.round(strategies.reduce((sum, s) => sum + (s.totalCost ?? 0), 0) * 100) / 100;

/** The year's total budget: the allocation and what was carried forward; null when neither is entered. */
export function totalBudgetOf(e: Pick<PpEntered, "allocation" | "carriedForward">): number | null {
  if (e.allocation === null && e.carriedForward === null) return null;
  return Math.round(((e.allocation ?? 0) + (e.carriedForward ?? 0)) * 100) / 100;
}

/** Whether an evaluation's figures may be published: every group has 6 or more pupils. */
export const evaluationPublishable = (e: StrategyEvaluationFacts) =>
  !anyGroupTooSmall(e.nParticipants, e.nComparison);

/** The evaluation sentence of a strategy, or what stands in for it. */
function evaluationText(template: PpTemplate, s: StrategyFacts): string {
  const e = s.evaluation;
  if (!e) return template.evidence.notEvaluated;
  if (!evaluationPublishable(e)) return template.evidence.evaluationWithheld;
  return fill(template.evidence.evaluation, {
    headline: e.headline,
    period: e.period,
    n: String(e.nParticipants),
  });
}

/** The evidence cell: the EEF strand's headline, then the strategy's own evaluation. */
export function evidenceCell(template: PpTemplate, s: StrategyFacts): string {
  const strand = s.strand
    ? s.strand.months === null
      ? fill(template.evidence.strandNoMonths, {
          strand: s.strand.name,
          padlocks: String(s.strand.evidence ?? 0),
        })
      : fill(template.evidence.strand, {
          strand: s.strand.name,
          months: `${s.strand.months >= 0 ? "+" : ""}${s.strand.months}`,
          padlocks: String(s.strand.evidence ?? 0),
        })
    : null;
  return [strand, evaluationText(template, s)].filter(Boolean).join(" ");
}

const orBlank = (template: PpTemplate, text: string | null | undefined) =>
  text?.trim() ? text.trim() : template.notEntered;

const money = (template: PpTemplate, pounds: number | null) =>
  pounds === null ? template.notEntered : formatPounds(pounds);

/** One activity table: its strategies, in the order entered, and their budget. */
export interface ActivityTable {
  tag: ActivityTag;
  budget: number;
  rows: Array<{ strategy: StrategyFacts; challenges: number[] }>;
}

/** The statement's activities grouped into the three tables, with each table's budgeted cost. */
export function activityTables(facts: Pick<PpFacts, "entered" | "strategies">): ActivityTable[] {
  const byId = new Map(facts.strategies.map((s) => [s.id, s]));
  return ACTIVITY_TAGS.map((tag) => {
    const rows = facts.entered.activities.flatMap((a) => {
      const strategy = a.tag === tag ? byId.get(a.strategyId) : undefined;
      return strategy ? [{ strategy, challenges: [...a.challenges].sort((x, y) => x - y) }] : [];
    });
    return { tag, rows, budget: budgetOf(rows.map((r) => r.strategy)) };
  });
}

/** The draft statement, block by block, in the template's order. */
export function buildStatement(template: PpTemplate, facts: PpFacts): Block[] {
  const t = template;
  const e = facts.entered;
  const school = { school: facts.schoolName, year: facts.academicYear };
  const h = (level: 1 | 2 | 3, text: string): Block => ({ kind: "heading", level, text });
  const p = (text: string): Block => ({ kind: "paragraph", text });
  const table = (columns: readonly string[], rows: string[][]): Block => ({
    kind: "table",
    columns: [...columns],
    rows: rows.length > 0 ? rows : [[t.notEntered, ...columns.slice(1).map(() => "")]],
  });

  const proportion = proportionEligible(facts.pupils);
  const pupilsInSchool = tooSmallToCount(facts.pupils.onRoll)
    ? t.withheld
    : String(facts.pupils.onRoll);
  const proportionText = proportion.withheld
    ? t.withheld
    : proportion.pct === null
      ? t.notEntered
      : `${proportion.pct.toFixed(1)}%`;
  const o = t.schoolOverview.rows;
  const overview = table(t.schoolOverview.columns, [
    [o.schoolName, facts.schoolName],
    [o.pupilsInSchool, pupilsInSchool],
    [o.proportionEligible, proportionText],
    [o.yearsCovered, orBlank(t, e.yearsCovered)],
    [o.publishedOn, e.publishedOn ? longDate(e.publishedOn) : t.notEntered],
    [o.reviewOn, e.reviewOn ? longDate(e.reviewOn) : t.notEntered],
    [o.authorisedBy, orBlank(t, e.authorisedBy)],
    [o.ppLead, orBlank(t, e.ppLead)],
    [o.governorLead, orBlank(t, e.governorLead)],
  ]);

  const total = totalBudgetOf(e);
  const f = t.funding.rows;
  const funding = table(t.funding.columns, [
    [f.allocation, money(t, e.allocation)],
    [f.carriedForward, formatPounds(e.carriedForward ?? 0)],
    [f.total, money(t, total)],
  ]);

  const a = t.partA;
  const activity = activityTables(facts).flatMap((group) => [
    h(3, a.activity.tables[group.tag].heading),
    p(a.activity.tables[group.tag].description),
    p(fill(a.activity.budgetedCost, { amount: formatPounds(group.budget).replace(/^£/, "") })),
    table(
      a.activity.columns,
      group.rows.map((r) => [
        r.strategy.title,
        evidenceCell(t, r.strategy),
        r.challenges.length > 0 ? r.challenges.join(", ") : t.notEntered,
      ]),
    ),
  ]);

  const b = t.partB;
  const outcomesRows = facts.lastYear.map((s) => [s.title, evaluationText(t, s)]);
  return [
    h(1, fill(t.title, school)),
    p(fill(t.introduction, school)),
    h(2, t.schoolOverview.heading),
    overview,
    h(2, t.funding.heading),
    funding,
    h(1, a.heading),
    h(2, a.intent.heading),
    p(orBlank(t, e.intent)),
    h(2, a.challenges.heading),
    table(
      a.challenges.columns,
      e.challenges.map((c, i) => [String(i + 1), c.detail]),
    ),
    h(2, a.outcomes.heading),
    table(
      a.outcomes.columns,
      e.outcomes.map((x) => [x.outcome, x.criteria]),
    ),
    h(2, a.activity.heading),
    ...activity,
    h(1, b.heading),
    h(2, b.outcomes.heading),
    p(orBlank(t, e.partB.performance)),
    table(b.outcomes.columns, outcomesRows),
    h(2, b.programmes.heading),
    table(
      b.programmes.columns,
      e.partB.programmes.map((x) => [x.programme, x.provider]),
    ),
    h(2, b.servicePupilPremium.heading),
    table(
      [b.servicePupilPremium.spent, b.servicePupilPremium.impact],
      [
        [
          orBlank(t, e.partB.servicePupilPremiumSpent),
          orBlank(t, e.partB.servicePupilPremiumImpact),
        ],
      ],
    ),
    h(2, b.furtherInformation.heading),
    p(orBlank(t, e.partB.furtherInformation)),
  ];
}

/** Where a challenge number referred to does not exist: [activity index, number]. */
export function missingChallenges(entered: Pick<PpEntered, "challenges" | "activities">) {
  const count = entered.challenges.length;
  return entered.activities.flatMap((a, index) =>
    a.challenges.filter((n) => n < 1 || n > count).map((n) => ({ index, number: n })),
  );
}

/** One measure's gap at the school, as the gap dashboard works it out inside the school. */
export interface GapFact {
  measureName: string;
  disadvantagedN: number;
  otherN: number;
  gapInSd: number | null;
  gap: number | null;
}

/**
 * Challenges to suggest from the gap dashboard: the (at most five) measures on
 * which disadvantaged pupils are furthest behind (a gap of at least a tenth of
 * an SD), widest first, in words with no figures (the team decides what the statement says).
 * Groups too small to draw conclusions from suggest nothing.
 */
export const MAX_SUGGESTIONS = 5;

export function suggestChallenges(gaps: readonly GapFact[]): string[] {
  return gaps
    .filter(
      (g) =>
        g.gapInSd !== null && g.gapInSd >= 0.1 && !anyGroupTooSmall(g.disadvantagedN, g.otherN),
    )
    .sort((x, y) => (y.gapInSd ?? 0) - (x.gapInSd ?? 0))
    .slice(0, MAX_SUGGESTIONS)
    .map(
      (g) =>
        `Disadvantaged pupils are behind their peers in ${g.measureName}: the gap is ${
          (g.gapInSd ?? 0) >= 0.5 ? "wide" : "noticeable"
        } on the school's latest assessment.`,
    );
}

/**
 * Whether the leaders are to be reminded that the year's statement is due on
 * 31 December: from 1 December to 31 December (London dates).
 */
export function statementReminderDue(today: string): boolean {
  const month = today.slice(5, 7);
  return month === "12";
}
