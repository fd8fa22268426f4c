import { type ExpressionBuilder, type Kysely, type Selectable, sql } from "kysely";
import type { Pupil, PupilListFilters } from "../../../contracts/pupil-data.ts";
import { containing } from "../../../db/like.ts";
import type { DB, PupilsTable } from "../../../db/schema.ts";
import {
  DISADVANTAGE_FLAG_COLUMNS,
  DISADVANTAGE_RULE_FLAGS,
  DISADVANTAGE_RULES,
  type DisadvantageRule,
  disadvantageFlagsOf,
  disadvantageRuleOf,
  isRowDisadvantaged,
} from "../../../domain/disadvantage.ts";
import { FOLD_FROM, FOLD_TO, searchWords } from "../../../domain/name-search.ts";
import { type PupilView, pupilsSeen, pupilViewAt, seenIn } from "../../access/pupil-visibility.ts";
import { schoolIdsOf } from "../../access/scope.ts";
import { yearGroupOrder } from "../../access/year-order.ts";
import type { Actor } from "../../context.ts";
import { NotFound } from "../../errors.ts";

export type PupilRow = Selectable<PupilsTable>;

/** One pupil put on roll by hand (imports write many at once through imports/apply.ts). */
export async function insertPupil(
  db: Kysely<DB>,
  now: Date,
  pupil: {
    schoolId: string;
    upn: string;
    legalFirstName: string;
    lastName: string;
    dateOfBirth: string;
    yearGroup: string;
    pupilPremium: boolean;
  },
): Promise<string> {
  const row = await db
    .insertInto("pupils")
    .values({
      school_id: pupil.schoolId,
      upn: pupil.upn,
      legal_first_name: pupil.legalFirstName,
      last_name: pupil.lastName,
      date_of_birth: pupil.dateOfBirth,
      year_group: pupil.yearGroup,
      pupil_premium: pupil.pupilPremium,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export function presentPupil(row: PupilRow, rule: string): Pupil {
  const flags = disadvantageFlagsOf(row);
  return {
    id: row.id,
    upn: row.upn,
    upnTemporary: row.upn_temporary,
    legalFirstName: row.legal_first_name,
    preferredFirstName: row.preferred_first_name,
    lastName: row.last_name,
    dateOfBirth: row.date_of_birth,
    gender: row.gender as Pupil["gender"],
    yearGroup: row.year_group as Pupil["yearGroup"],
    ...flags,
    senStatus: row.sen_status as Pupil["senStatus"],
    eal: row.eal,
    serviceChild: row.service_child,
    otherIntervention: row.other_intervention,
    disadvantaged: isRowDisadvantaged(row, rule),
    leftOn: row.left_on,
    version: row.version,
  };
}

/**
 * Pupils a search term finds: every word of it in one of their names (either order,
 * any case, accents ignored; see domain/name-search.ts), or the whole term as a UPN.
 */
export function pupilSearchExpression(term: string) {
  const words = searchWords(term);
  return (eb: ExpressionBuilder<DB, "pupils">) => {
    const names = sql<string>`lower(translate(concat_ws(' ', pupils.legal_first_name, pupils.preferred_first_name, pupils.last_name), ${FOLD_FROM}, ${FOLD_TO}))`;
    const byUpn = eb("pupils.upn", "=", term.trim().toUpperCase());
    if (words.length === 0) return byUpn;
    return eb.or([eb.and(words.map((word) => eb(names, "ilike", containing(word)))), byUpn]);
  };
}

/** SQL for the school's disadvantage rule, read from the same table as `isDisadvantaged`. */
export function disadvantagedExpression(rule: string) {
  const columns = DISADVANTAGE_RULE_FLAGS[disadvantageRuleOf(rule)].map(
    (flag) => `pupils.${DISADVANTAGE_FLAG_COLUMNS[flag]}` as const,
  );
  return (eb: ExpressionBuilder<DB, "pupils">) =>
    eb.or(columns.map((column) => eb(column, "=", true)));
}

/**
 * A pupil of one of the actor's own schools whom the actor may see (see
 * access/pupil-visibility.ts), with the school's rule and how the actor sees its
 * pupils; 404 for anyone else's, and for a pupil of their school they do not work with.
 */
export async function pupilInScope(db: Kysely<DB>, actor: Actor, pupilId: string) {
  const schools = schoolIdsOf(actor);
  if (schools.length === 0) throw new NotFound("pupil");
  const row = await db
    .selectFrom("pupils")
    .innerJoin("schools", "schools.id", "pupils.school_id")
    .selectAll("pupils")
    .select(["schools.disadvantage_rule", "schools.para_pupil_access"])
    .where("pupils.id", "=", pupilId)
    .where("pupils.school_id", "in", schools)
    .executeTakeFirst();
  if (!row) throw new NotFound("pupil");
  const view = await pupilViewAt(db, actor, {
    id: row.school_id,
    para_pupil_access: row.para_pupil_access,
  });
  if (!(await pupilsSeen(db, view, [row.id])).has(row.id)) throw new NotFound("pupil");
  return { ...row, view };
}

/** A pupil's observations over time and the school's current measures, for the profile. */
export async function profileOf(db: Kysely<DB>, pupil: { id: string; school_id: string }) {
  const [observations, measures] = await Promise.all([
    db
      .selectFrom("observations")
      .innerJoin("assessment_points", "assessment_points.id", "observations.assessment_point_id")
      .select([
        "observations.measure_id",
        "observations.value",
        "assessment_points.id as point_id",
        "assessment_points.name",
        "assessment_points.academic_year",
        "assessment_points.starts_on",
      ])
      .where("observations.pupil_id", "=", pupil.id)
      .orderBy("assessment_points.starts_on")
      .execute(),
    db
      .selectFrom("measures")
      .selectAll()
      .where("school_id", "=", pupil.school_id)
      .where("archived_at", "is", null)
      .orderBy("position")
      .execute(),
  ]);
  return { observations, measures };
}

/**
 * Writes the changed columns of a pupil at the version the editor saw; undefined
 * when someone else changed the pupil since.
 */
export async function updatePupilAt(
  trx: Kysely<DB>,
  pupilId: string,
  version: number,
  set: Record<string, unknown>,
  now: Date,
) {
  return trx
    .updateTable("pupils")
    .set({ ...set, version: version + 1, updated_at: now })
    .where("id", "=", pupilId)
    .where("version", "=", version)
    .returningAll()
    .executeTakeFirst();
}

/** How many pupils on roll the school has, and how many each disadvantage rule would count. */
export async function disadvantageCounts(db: Kysely<DB>, schoolId: string) {
  const counts = await db
    .selectFrom("pupils")
    .select((eb) => [
      eb.fn.countAll<number>().as("on_roll"),
      ...DISADVANTAGE_RULES.map((r) =>
        eb.fn.countAll<number>().filterWhere(disadvantagedExpression(r)(eb)).as(r),
      ),
    ])
    .where("school_id", "=", schoolId)
    .where("left_on", "is", null)
    .executeTakeFirstOrThrow();
  return {
    onRoll: Number(counts.on_roll),
    byRule: Object.fromEntries(DISADVANTAGE_RULES.map((r) => [r, Number(counts[r])])) as Record<
      DisadvantageRule,
      number
    >,
  };
}

/** Sets one of the school's pupil-data settings. */
export async function setSchoolSetting(
  trx: Kysely<DB>,
  schoolId: string,
  set: { disadvantage_rule: DisadvantageRule } | { para_pupil_access: string },
): Promise<void> {
  await trx.updateTable("schools").set(set).where("id", "=", schoolId).execute();
}

/** One page of the school's pupils the view sees, filtered and sorted, and how many match. */
export async function pupilPage(
  db: Kysely<DB>,
  school: { id: string; disadvantage_rule: string },
  view: PupilView,
  filters: PupilListFilters,
) {
  const { search, yearGroup, disadvantaged, includeLeft, sort, direction, offset, limit } = filters;
  const filtered = db
    .selectFrom("pupils")
    .where("pupils.school_id", "=", school.id)
    .where(seenIn(view))
    .$if(includeLeft !== "true", (q) => q.where("pupils.left_on", "is", null))
    .$if(Boolean(yearGroup), (q) => q.where("pupils.year_group", "=", yearGroup as string))
    .$if(disadvantaged === "true", (q) =>
      q.where(disadvantagedExpression(school.disadvantage_rule)),
    )
    .$if(disadvantaged === "false", (q) =>
      q.where((eb) => eb.not(disadvantagedExpression(school.disadvantage_rule)(eb))),
    )
    .$if(Boolean(search), (q) => q.where(pupilSearchExpression(search ?? "")));
  const [rows, total] = await Promise.all([
    filtered
      .selectAll("pupils")
      .$if(sort === "yearGroup", (q) => q.orderBy(yearGroupOrder, direction))
      .$if(sort === "upn", (q) => q.orderBy("pupils.upn", direction))
      .orderBy("pupils.last_name", direction)
      .orderBy("pupils.legal_first_name", direction)
      .orderBy("pupils.id")
      .offset(offset)
      .limit(limit)
      .execute(),
    filtered.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}
