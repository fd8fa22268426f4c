import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import { type ImportLeavers, LEAVERS_SHOWN } from "../../../contracts/pupil-data.ts";
import type { DB } from "../../../db/schema.ts";
import { formatCalendarDate } from "../../../domain/calendar.ts";
import {
  latestEvidence,
  leaversOf,
  leavingDateProblem,
  type OnRollEvidence,
} from "../../../domain/leavers.ts";
import { YEAR_GROUPS } from "../../../domain/pupil-fields.ts";
import { pupilDisplayName } from "../../../domain/pupil-name.ts";
import { recordChanges } from "../../audit/history.ts";
import { Conflict, ValidationProblem } from "../../errors.ts";

const CHUNK = 1000;

export interface Leaver {
  id: string;
  upn: string;
  yearGroup: string;
  name: string;
  inCohort: boolean;
}

/** The pupils on roll a pupil list leaves out (in its year groups), and what limits their leaving date. */
export interface LeaverOffer {
  pupils: Leaver[];
  yearGroups: string[];
  token: string;
  notBefore: OnRollEvidence | null;
}

const yearOrder = (y: string) => YEAR_GROUPS.indexOf(y as (typeof YEAR_GROUPS)[number]);

/** Names exactly this set of pupils, so an import marks only the pupils its preview listed. */
function tokenOf(ids: string[]): string {
  return createHash("sha256")
    .update([...ids].sort().join(","))
    .digest("base64url");
}

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** The latest date Cascade knows any of these pupils was on roll: a point they have values at, or a cohort they joined. */
async function onRollEvidence(db: Kysely<DB>, pupils: Leaver[]): Promise<OnRollEvidence | null> {
  const byId = new Map(pupils.map((p) => [p.id, p]));
  const evidence: OnRollEvidence[] = [];
  for (const part of chunks(pupils.map((p) => p.id))) {
    const point = await db
      .selectFrom("observations")
      .innerJoin("assessment_points", "assessment_points.id", "observations.assessment_point_id")
      .select([
        "observations.pupil_id",
        "assessment_points.name",
        "assessment_points.academic_year",
        "assessment_points.starts_on",
      ])
      .where("observations.pupil_id", "in", part)
      .orderBy("assessment_points.starts_on", "desc")
      .limit(1)
      .executeTakeFirst();
    if (point) {
      evidence.push({
        on: point.starts_on,
        because: `${byId.get(point.pupil_id)?.name ?? "One of these pupils"} has values at ${point.name} ${point.academic_year}, which began on ${formatCalendarDate(point.starts_on)}`,
      });
    }
    const joined = await db
      .selectFrom("cohort_members")
      .select(["pupil_id", "joined_on"])
      .where("pupil_id", "in", part)
      .orderBy("joined_on", "desc")
      .limit(1)
      .executeTakeFirst();
    if (joined) {
      evidence.push({
        on: joined.joined_on,
        because: `${byId.get(joined.pupil_id)?.name ?? "One of these pupils"} joined the target cohort on ${formatCalendarDate(joined.joined_on)}`,
      });
    }
  }
  return latestEvidence(evidence);
}

/**
 * The pupils on roll at the school that a pupil list leaves out, among the year
 * groups the list holds (by the year group Cascade has for them), in year-group
 * and name order.
 */
export async function findLeavers(
  db: Kysely<DB>,
  schoolId: string,
  file: { upns: ReadonlySet<string>; yearGroups: ReadonlySet<string> },
): Promise<LeaverOffer> {
  const yearGroups = [...file.yearGroups].sort((a, b) => yearOrder(a) - yearOrder(b));
  const onRoll =
    yearGroups.length === 0
      ? []
      : await db
          .selectFrom("pupils")
          .select((eb) => [
            "pupils.id",
            "pupils.upn",
            "pupils.year_group",
            "pupils.legal_first_name",
            "pupils.preferred_first_name",
            "pupils.last_name",
            eb
              .exists(
                eb
                  .selectFrom("cohort_members")
                  .select("cohort_members.id")
                  .whereRef("cohort_members.pupil_id", "=", "pupils.id")
                  .where("cohort_members.left_on", "is", null),
              )
              .as("in_cohort"),
          ])
          .where("pupils.school_id", "=", schoolId)
          .where("pupils.left_on", "is", null)
          .where("pupils.year_group", "in", yearGroups)
          .orderBy("pupils.last_name")
          .orderBy("pupils.legal_first_name")
          .orderBy("pupils.id")
          .execute();
  const pupils = leaversOf(
    onRoll.map((p) => ({
      id: p.id,
      upn: p.upn,
      yearGroup: p.year_group,
      name: pupilDisplayName(p),
      inCohort: Boolean(p.in_cohort),
    })),
    file.upns,
    file.yearGroups,
  ).sort((a, b) => yearOrder(a.yearGroup) - yearOrder(b.yearGroup));
  return {
    pupils,
    yearGroups,
    token: tokenOf(pupils.map((p) => p.id)),
    notBefore: pupils.length > 0 ? await onRollEvidence(db, pupils) : null,
  };
}

/** The offer as the preview shows it. */
export function presentLeavers(offer: LeaverOffer, today: string): ImportLeavers {
  return {
    count: offer.pupils.length,
    yearGroups: offer.yearGroups,
    pupils: offer.pupils.slice(0, LEAVERS_SHOWN).map((p) => ({
      upn: p.upn,
      name: p.name,
      yearGroup: p.yearGroup,
      inCohort: p.inCohort,
    })),
    token: offer.token,
    today,
    notBefore: offer.notBefore,
  };
}

/**
 * Refuses, before anything is written, a request to mark leavers that is not
 * about exactly the pupils the preview listed, or whose date cannot be right.
 */
export function checkLeaversRequest(
  offer: LeaverOffer,
  request: { token: string; leftOn: string },
  today: string,
): void {
  if (offer.pupils.length === 0 || request.token !== offer.token) {
    throw new Conflict(
      "The pupils on roll who are not in this file have changed since the preview. Check the file again and confirm the new list.",
    );
  }
  const problem = leavingDateProblem(request.leftOn, today, offer.notBefore);
  if (problem) {
    throw new ValidationProblem("The leaving date cannot be right.", [
      { field: "leftOn", message: problem },
    ]);
  }
}

/**
 * Marks the pupils as left on `leftOn`, recording each one's before and after
 * so undoing the import puts them back on roll.
 */
export async function markLeavers(
  trx: Kysely<DB>,
  input: {
    importId: string;
    pupils: Leaver[];
    leftOn: string;
    userId: string | null;
    now: Date;
  },
): Promise<number> {
  let marked = 0;
  for (const part of chunks(input.pupils.map((p) => p.id))) {
    const rows = await trx
      .updateTable("pupils")
      .set((eb) => ({
        left_on: input.leftOn,
        version: eb("version", "+", 1),
        updated_at: input.now,
      }))
      .where("id", "in", part)
      .where("left_on", "is", null)
      .returning(["id", "version"])
      .execute();
    if (rows.length !== part.length) {
      throw new Conflict(
        "Some of these pupils were marked as left by someone else meanwhile. Check the file again.",
      );
    }
    await trx
      .insertInto("import_changes")
      .values(
        rows.map((row) => ({
          import_id: input.importId,
          entity: "pupil" as const,
          entity_id: row.id,
          before: JSON.stringify({ left_on: null, version: row.version - 1 }),
          after: JSON.stringify({ left_on: input.leftOn, version: row.version }),
        })),
      )
      .execute();
    await recordChanges(
      trx,
      rows.map((row) => ({
        pupilId: row.id,
        entity: "pupil" as const,
        field: "left_on",
        oldValue: null,
        newValue: input.leftOn,
      })),
      { by: input.userId, source: "import", now: input.now },
    );
    marked += rows.length;
  }
  return marked;
}
