import { type ExpressionBuilder, type Kysely, type Selectable, sql } from "kysely";
import type { Pupil } from "../../../contracts/pupil-data.ts";
import { containing } from "../../../db/like.ts";
import type { DB, PupilsTable } from "../../../db/schema.ts";
import { type DisadvantageRule, isDisadvantaged } from "../../../domain/disadvantage.ts";
import { FOLD_FROM, FOLD_TO, searchWords } from "../../../domain/name-search.ts";
import { pupilsSeen, pupilViewAt } from "../../access/pupil-visibility.ts";
import { schoolIdsOf } from "../../access/scope.ts";
import type { Actor } from "../../context.ts";
import { NotFound } from "../../errors.ts";

export type PupilRow = Selectable<PupilsTable>;

export function presentPupil(row: PupilRow, rule: string): Pupil {
  const flags = {
    pupilPremium: row.pupil_premium,
    fsm: row.fsm,
    ever6Fsm: row.ever6_fsm,
    lookedAfter: row.looked_after,
    previouslyLookedAfter: row.previously_looked_after,
  };
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
    disadvantaged: isDisadvantaged(flags, rule as DisadvantageRule),
    leftOn: row.left_on,
    version: row.version,
  };
}

/** SQL for the school's disadvantage rule, so filters and counts agree with `isDisadvantaged`. */
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

export function disadvantagedExpression(rule: string) {
  return (eb: ExpressionBuilder<DB, "pupils">) => {
    switch (rule as DisadvantageRule) {
      case "fsm":
        return eb("pupils.fsm", "=", true);
      case "ever6_fsm":
        return eb.or([eb("pupils.ever6_fsm", "=", true), eb("pupils.fsm", "=", true)]);
      case "pupil_premium_or_looked_after":
        return eb.or([
          eb("pupils.pupil_premium", "=", true),
          eb("pupils.looked_after", "=", true),
          eb("pupils.previously_looked_after", "=", true),
        ]);
      default:
        return eb("pupils.pupil_premium", "=", true);
    }
  };
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
