import { type Kysely, type Selectable, sql, type Updateable } from "kysely";
import type {
  CaseStudy,
  CaseStudyCard,
  CaseStudyFactsOut,
  LibraryQuery,
} from "../../../contracts/case-studies.ts";
import { COMPARISON_LABELS, type COMPARISONS } from "../../../contracts/strategies.ts";
import { inIds } from "../../../db/in-ids.ts";
import type { CaseStudiesTable, DB } from "../../../db/schema.ts";
import { buildCaseStudyFacts, type CaseStudyFacts } from "../../../domain/case-study-draft.ts";
import {
  defaultEvaluationMeasure,
  defaultEvaluationPeriod,
} from "../../../domain/evaluation-period.ts";
import { redactNames, type ScannedPupil } from "../../../domain/name-scan.ts";
import { clusterIdsLedBy, isNetworkAdmin, schoolIdsOf } from "../../access/scope.ts";
import type { Actor } from "../../context.ts";
import { NotFound, ValidationProblem } from "../../errors.ts";
import type { evaluate } from "../strategies/evaluate.ts";
import type { StrategyRow } from "../strategies/store.ts";
import {
  caseStudyAbilities,
  caseStudyPolicy,
  type CaseStudyFacts as PolicyFacts,
} from "./policy.ts";

export type CaseStudyRow = Selectable<CaseStudiesTable>;
type Comparison = (typeof COMPARISONS)[number];
export type EvaluationChoice = {
  measureId: string;
  from: string;
  to: string;
  comparison: Comparison;
};

/** The clusters whose schools the actor works at (any programme year). */
export async function clustersOfActor(db: Kysely<DB>, actor: Actor): Promise<string[]> {
  const schools = schoolIdsOf(actor);
  if (schools.length === 0) return [];
  const rows = await db
    .selectFrom("enrolments")
    .select("cluster_id")
    .distinct()
    .where("school_id", "in", schools)
    .execute();
  return rows.map((r) => r.cluster_id);
}

export const policyFacts = (row: CaseStudyRow, actorClusters: readonly string[]): PolicyFacts => ({
  schoolId: row.school_id,
  clusterId: row.cluster_id,
  status: row.status,
  audience: row.audience,
  inCluster: row.cluster_id !== null && actorClusters.includes(row.cluster_id),
});

/** A case study the actor may read, or 404: its existence is not revealed outside its audience. */
export async function caseStudyInScope(db: Kysely<DB>, actor: Actor, id: string) {
  const row = await db
    .selectFrom("case_studies")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw new NotFound("case study");
  const facts = policyFacts(row, await clustersOfActor(db, actor));
  if (!caseStudyPolicy.read(actor, facts)) throw new NotFound("case study");
  return { row, facts };
}

/** The school's pupils as the name scan needs them: every pupil it has held, leavers too. */
export async function pupilsForScan(db: Kysely<DB>, schoolId: string): Promise<ScannedPupil[]> {
  const rows = await db
    .selectFrom("pupils")
    .select(["legal_first_name", "preferred_first_name", "last_name", "upn"])
    .where("school_id", "=", schoolId)
    .execute();
  return rows.map((p) => ({
    legalFirstName: p.legal_first_name,
    preferredFirstName: p.preferred_first_name,
    lastName: p.last_name,
    upn: p.upn,
  }));
}

/**
 * The evaluation a case study is drafted from when the leader does not choose:
 * what the strategy's shared result cites, else its success measure (or the
 * first core measure) between the default points (evaluation-period.ts).
 */
export async function defaultChoice(
  db: Kysely<DB>,
  strategy: StrategyRow,
  asked: Partial<EvaluationChoice>,
  today: string,
): Promise<EvaluationChoice> {
  const [measures, points, shared] = await Promise.all([
    db
      .selectFrom("measures")
      .select(["id", "name", "core"])
      .where("school_id", "=", strategy.school_id)
      .where("archived_at", "is", null)
      .orderBy("position")
      .execute(),
    db
      .selectFrom("assessment_points")
      .select(["id", "name", "academic_year", "starts_on", "ends_on"])
      .where("school_id", "=", strategy.school_id)
      .execute(),
    db
      .selectFrom("shared_results")
      .select(["measure_name", "from_label", "to_label", "comparison"])
      .where("strategy_id", "=", strategy.id)
      .where("withdrawn_at", "is", null)
      .executeTakeFirst(),
  ]);
  const label = (p: { name: string; academic_year: string }) => `${p.name} ${p.academic_year}`;
  const cited = shared
    ? {
        measureId: measures.find((m) => m.name === shared.measure_name)?.id,
        from: points.find((p) => label(p) === shared.from_label)?.id,
        to: points.find((p) => label(p) === shared.to_label)?.id,
        comparison: shared.comparison as Comparison,
      }
    : null;
  const measureId =
    asked.measureId ??
    cited?.measureId ??
    defaultEvaluationMeasure(measures, strategy.success_measure_id)?.id;
  let from = asked.from ?? (cited?.measureId === measureId ? cited?.from : undefined);
  let to = asked.to ?? (cited?.measureId === measureId ? cited?.to : undefined);
  if (measureId && (!from || !to)) {
    const counts = await db
      .selectFrom("observations")
      .select(["assessment_point_id", (eb) => eb.fn.countAll<number>().as("n")])
      .where("measure_id", "=", measureId)
      .groupBy("assessment_point_id")
      .execute();
    const period = defaultEvaluationPeriod(
      points.map((p) => ({
        id: p.id,
        startsOn: p.starts_on,
        endsOn: p.ends_on,
        observationCount: Number(counts.find((c) => c.assessment_point_id === p.id)?.n ?? 0),
      })),
      strategy.starts_on,
      today,
    );
    from ??= period.from ?? undefined;
    to ??= period.to ?? undefined;
  }
  if (!measureId || !from || !to)
    throw new ValidationProblem("There is no evaluation to draft the case study from.", [
      {
        field: measureId ? "from" : "measureId",
        message:
          "Choose the measure and the before and after points: the strategy needs values at two points.",
      },
    ]);
  return {
    measureId,
    from,
    to,
    comparison: asked.comparison ?? cited?.comparison ?? "disadvantaged",
  };
}

/** The strategy's aggregate record, as the draft builder takes it: counts and group means only. */
export async function draftFacts(
  db: Kysely<DB>,
  strategy: StrategyRow,
  evaluation: Awaited<ReturnType<typeof evaluate>>,
): Promise<CaseStudyFacts> {
  const [school, theme, strand, participants, review, pupils] = await Promise.all([
    db
      .selectFrom("schools")
      .select("phase")
      .where("id", "=", strategy.school_id)
      .executeTakeFirstOrThrow(),
    strategy.theme_id
      ? db
          .selectFrom("programme_themes")
          .select(["key", "name"])
          .where("id", "=", strategy.theme_id)
          .executeTakeFirst()
      : undefined,
    strategy.eef_strand_id
      ? db
          .selectFrom("eef_strands")
          .select(["key", "name", "months", "cost", "evidence"])
          .where("id", "=", strategy.eef_strand_id)
          .executeTakeFirst()
      : undefined,
    db
      .selectFrom("strategy_participants")
      .innerJoin("pupils", "pupils.id", "strategy_participants.pupil_id")
      .select(["pupils.year_group"])
      .where("strategy_participants.strategy_id", "=", strategy.id)
      .execute(),
    db
      .selectFrom("strategy_reviews")
      .select(["reviewed_on", "decision"])
      .where("strategy_id", "=", strategy.id)
      .orderBy("reviewed_on", "desc")
      .orderBy("created_at", "desc")
      .executeTakeFirst(),
    pupilsForScan(db, strategy.school_id),
  ]);
  const raw = evaluation.raw;
  const comparisonLabel =
    evaluation.comparison === "none" ? null : COMPARISON_LABELS[evaluation.comparison];
  return buildCaseStudyFacts({
    title: strategy.title,
    theme: theme ?? null,
    strand: strand
      ? {
          key: strand.key,
          name: strand.name,
          months: strand.months,
          cost: strand.cost,
          evidence: strand.evidence,
        }
      : null,
    phase: school.phase,
    participants: participants.length,
    yearGroups: [...new Set(participants.map((p) => p.year_group))],
    startsOn: strategy.starts_on,
    endsOn: strategy.ends_on,
    sessionsPerWeek:
      strategy.sessions_per_week === null ? null : Number(strategy.sessions_per_week),
    minutesPerSession: strategy.minutes_per_session,
    costPounds: strategy.cost_pounds === null ? null : Number(strategy.cost_pounds),
    cascadeStage: strategy.cascade_stage,
    evaluation: {
      measureName: evaluation.measure.name,
      measureKind: evaluation.measureKind,
      fromLabel: evaluation.from.label,
      toLabel: evaluation.to.label,
      comparisonLabel,
      designKind: evaluation.designKind,
      groups: [
        { label: "Participants", ...raw.participants },
        ...(raw.comparison
          ? [{ label: comparisonLabel ?? "Comparison group", ...raw.comparison }]
          : []),
      ],
      g: evaluation.hedgesG,
      ciLow: evaluation.ciLow,
      ciHigh: evaluation.ciHigh,
      warnings: evaluation.warnings,
      secondary: school.phase === "secondary" || school.phase === "all_through",
    },
    // A review's words were not written for the case study: any pupil named in them is removed.
    decision: review
      ? { reviewedOn: String(review.reviewed_on), text: redactNames(review.decision, pupils) }
      : null,
  });
}

/** The columns the library filters on, copied from the facts. */
export function filterColumns(
  strategy: Pick<StrategyRow, "theme_id" | "eef_strand_id">,
  facts: CaseStudyFacts,
) {
  return {
    facts: JSON.stringify(facts),
    theme_id: strategy.theme_id,
    eef_strand_id: strategy.eef_strand_id,
    phase: facts.challenge.phase,
    year_groups: facts.challenge.yearGroups,
    cost_band: facts.done.costBand?.label ?? null,
    effect_size: facts.data.g,
    design: facts.data.designKind,
    pupils: facts.data.nParticipants,
  };
}

export async function insertCaseStudy(
  trx: Kysely<DB>,
  now: Date,
  values: {
    strategy: StrategyRow;
    clusterId: string | null;
    facts: CaseStudyFacts;
    createdBy: string;
  },
): Promise<CaseStudyRow> {
  const row = await trx
    .insertInto("case_studies")
    .values({
      school_id: values.strategy.school_id,
      strategy_id: values.strategy.id,
      cluster_id: values.clusterId,
      title: values.strategy.title.slice(0, 200),
      ...filterColumns(values.strategy, values.facts),
      created_by: values.createdBy,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await insertEvent(trx, now, { caseStudyId: row.id, kind: "created", authorId: values.createdBy });
  return row;
}

export async function updateCaseStudy(
  trx: Kysely<DB>,
  now: Date,
  id: string,
  set: Omit<Updateable<CaseStudiesTable>, "id" | "created_at">,
): Promise<CaseStudyRow> {
  return trx
    .updateTable("case_studies")
    .set({ ...set, updated_at: now })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertEvent(
  trx: Kysely<DB>,
  now: Date,
  e: {
    caseStudyId: string;
    kind: "created" | "submitted" | "comment" | "changes_requested" | "published" | "withdrawn";
    body?: string;
    authorId: string;
  },
): Promise<void> {
  await trx
    .insertInto("case_study_events")
    .values({
      case_study_id: e.caseStudyId,
      kind: e.kind,
      body: e.body ?? "",
      author_id: e.authorId,
      created_at: now,
    })
    .execute();
}

/** How each school appears: its name where `named`, else its pseudonym ("School KP4"). */
async function schoolsOf(db: Kysely<DB>, ids: string[]) {
  const rows = await db
    .selectFrom("schools")
    .select(["id", "name", "evidence_label"])
    .where("id", "in", inIds(ids))
    .execute();
  return new Map(
    rows.map((s) => [s.id, { name: s.name, pseudonym: `School ${s.evidence_label ?? "?"}` }]),
  );
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export async function presentCaseStudy(
  db: Kysely<DB>,
  actor: Actor,
  row: CaseStudyRow,
  facts: PolicyFacts,
): Promise<CaseStudy> {
  const school = (await schoolsOf(db, [row.school_id])).get(row.school_id);
  const named = caseStudyPolicy.nameSchool(actor, {
    ...facts,
    showSchoolName: row.show_school_name,
  });
  const team = caseStudyPolicy.readDraft(actor, facts);
  const events = team
    ? await db
        .selectFrom("case_study_events")
        .leftJoin("users", "users.id", "case_study_events.author_id")
        .select([
          "case_study_events.kind",
          "case_study_events.body",
          "case_study_events.created_at",
          "users.name as author",
        ])
        .where("case_study_events.case_study_id", "=", row.id)
        .orderBy("case_study_events.created_at")
        .orderBy("case_study_events.seq")
        .execute()
    : [];
  const inSchool = schoolIdsOf(actor).includes(row.school_id);
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    audience: row.audience,
    school: named ? (school?.name ?? "") : (school?.pseudonym ?? "School ?"),
    pseudonym: school?.pseudonym ?? "School ?",
    showSchoolName: row.show_school_name,
    strategyId: inSchool ? row.strategy_id : null,
    facts: row.facts as unknown as CaseStudyFactsOut,
    learned: row.learned,
    differently: row.differently,
    advice: row.advice,
    quote: row.quote,
    createdAt: iso(row.created_at) ?? "",
    updatedAt: iso(row.updated_at) ?? "",
    submittedAt: iso(row.submitted_at),
    publishedAt: iso(row.published_at),
    withdrawnAt: iso(row.withdrawn_at),
    events: events.map((e) => ({
      kind: e.kind,
      body: e.body,
      author: e.author ?? null,
      at: iso(e.created_at) ?? "",
    })),
    abilities: caseStudyAbilities(actor, facts),
  };
}

async function presentCards(
  db: Kysely<DB>,
  actor: Actor,
  rows: CaseStudyRow[],
): Promise<CaseStudyCard[]> {
  const schools = await schoolsOf(db, [...new Set(rows.map((r) => r.school_id))]);
  const mine = schoolIdsOf(actor);
  return rows.map((row) => {
    const facts = row.facts as unknown as CaseStudyFactsOut;
    const school = schools.get(row.school_id);
    const named = mine.includes(row.school_id) || row.show_school_name;
    return {
      id: row.id,
      title: row.title,
      status: row.status,
      audience: row.audience,
      school: named ? (school?.name ?? "") : (school?.pseudonym ?? "School ?"),
      theme: facts.challenge.theme,
      strand: facts.done.strand?.name ?? null,
      phase: row.phase,
      yearGroups: row.year_groups,
      costBand: row.cost_band,
      designKind: facts.data.designKind,
      n: facts.data.nParticipants,
      nComparison: facts.data.nComparison,
      g: facts.data.g,
      ciLow: facts.data.ciLow,
      ciHigh: facts.data.ciHigh,
      months: facts.data.months,
      publishedAt: iso(row.published_at),
      updatedAt: iso(row.updated_at) ?? "",
    };
  });
}

/**
 * The library: the published case studies the actor's audience reaches, found
 * by PostgreSQL's English text search (websearch syntax, ranked by ts_rank)
 * and the filters, newest or strongest first.
 */
export async function listLibrary(db: Kysely<DB>, actor: Actor, query: LibraryQuery) {
  const clusters = isNetworkAdmin(actor)
    ? null
    : [...new Set([...(await clustersOfActor(db, actor)), ...clusterIdsLedBy(actor)])];
  const mySchools = schoolIdsOf(actor);
  const q = query.q?.trim() ? query.q.trim() : null;
  let select = db
    .selectFrom("case_studies")
    .leftJoin("programme_themes", "programme_themes.id", "case_studies.theme_id")
    .leftJoin("eef_strands", "eef_strands.id", "case_studies.eef_strand_id")
    .selectAll("case_studies")
    .where("case_studies.status", "=", "published");
  if (clusters !== null)
    select = select.where((eb) =>
      eb.or([
        eb("case_studies.audience", "=", "network"),
        eb("case_studies.cluster_id", "in", inIds(clusters)),
        eb("case_studies.school_id", "in", inIds(mySchools)),
      ]),
    );
  if (q)
    select = select.where(
      sql<boolean>`case_studies.search_vector @@ websearch_to_tsquery('english', ${q})`,
    );
  if (query.theme) select = select.where("programme_themes.key", "=", query.theme);
  if (query.strand) select = select.where("eef_strands.key", "=", query.strand);
  if (query.phase) select = select.where("case_studies.phase", "=", query.phase);
  if (query.yearGroup)
    select = select.where(sql<boolean>`${query.yearGroup} = any(case_studies.year_groups)`);
  if (query.costBand) select = select.where("case_studies.cost_band", "=", query.costBand);
  if (query.design) select = select.where("case_studies.design", "=", query.design);
  if (query.minG !== undefined) select = select.where("case_studies.effect_size", ">=", query.minG);
  if (query.maxG !== undefined) select = select.where("case_studies.effect_size", "<=", query.maxG);
  const sort = query.sort ?? (q ? "relevance" : "date");
  const ordered =
    sort === "relevance" && q
      ? select.orderBy(
          sql`ts_rank(case_studies.search_vector, websearch_to_tsquery('english', ${q}))`,
          "desc",
        )
      : sort === "effect"
        ? select.orderBy(sql`case_studies.effect_size desc nulls last`)
        : select;
  const rows = await ordered
    .orderBy("case_studies.published_at", "desc")
    .orderBy("case_studies.id")
    .limit(200)
    .execute();
  const [themes, strands] = await Promise.all([
    db
      .selectFrom("case_studies")
      .innerJoin("programme_themes", "programme_themes.id", "case_studies.theme_id")
      .select(["programme_themes.key", "programme_themes.name"])
      .distinct()
      .where("case_studies.status", "=", "published")
      .orderBy("programme_themes.name")
      .execute(),
    db
      .selectFrom("case_studies")
      .innerJoin("eef_strands", "eef_strands.id", "case_studies.eef_strand_id")
      .select(["eef_strands.key", "eef_strands.name"])
      .distinct()
      .where("case_studies.status", "=", "published")
      .orderBy("eef_strands.name")
      .execute(),
  ]);
  return {
    items: await presentCards(db, actor, rows as CaseStudyRow[]),
    filters: { themes, strands },
  };
}

/** Every case study not yet published (or withdrawn) that the actor writes or reviews. */
export async function listDrafts(db: Kysely<DB>, actor: Actor) {
  const schools = schoolIdsOf(actor);
  const led = clusterIdsLedBy(actor);
  const admin = isNetworkAdmin(actor);
  if (!admin && schools.length === 0 && led.length === 0) return { items: [] };
  let select = db.selectFrom("case_studies").selectAll().where("status", "!=", "published");
  if (!admin)
    select = select.where((eb) =>
      eb.or([eb("school_id", "in", inIds(schools)), eb("cluster_id", "in", inIds(led))]),
    );
  const rows = await select.orderBy("updated_at", "desc").limit(200).execute();
  return { items: await presentCards(db, actor, rows) };
}
