import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Actor } from "../context.ts";
import { Forbidden, NotFound } from "../errors.ts";
import { schoolInScope } from "../modules/schools/store.ts";
import { isSchoolLeaderOf, worksAtSchool } from "./scope.ts";

/**
 * What someone wants to do with a school's named pupil data: read it (all its
 * staff), record observations (all its staff), or manage it — import, undo,
 * edit pupils and measures (its leaders).
 */
export type PupilDataNeed = "read" | "record" | "manage";

/**
 * The school, if the actor may use its named pupil data as asked. Staff of other
 * schools get 404; people who can see the school but not its pupils' names
 * (programme leads, administrators) get 403, as do staff without the role.
 */
export async function schoolForPupilData(
  db: Kysely<DB>,
  actor: Actor,
  schoolId: string,
  need: PupilDataNeed,
) {
  if (!worksAtSchool(actor, schoolId)) {
    await schoolInScope(db, actor, schoolId); // 404 when the school is not theirs to see at all
    throw new Forbidden("Named pupil data is seen only by the school's own staff.");
  }
  if (need === "manage" && !isSchoolLeaderOf(actor, schoolId)) {
    throw new Forbidden("Only the school's leaders can do this.");
  }
  const school = await db
    .selectFrom("schools")
    .select(["id", "name", "phase", "short_code", "disadvantage_rule", "para_pupil_access"])
    .where("id", "=", schoolId)
    .executeTakeFirst();
  if (!school) throw new NotFound("school");
  return school;
}

export const SCHOOL_STAFF = ["school_leader", "teacher", "para_professional"] as const;
