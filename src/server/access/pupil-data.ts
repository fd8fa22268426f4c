import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Actor } from "../context.ts";
import { NotFound } from "../errors.ts";
import { authorize } from "./authorize.ts";
import { isSchoolLeaderOf, worksAtSchool } from "./scope.ts";
import { visibleSchools } from "./visible-schools.ts";

/**
 * What someone wants to do with a school's named pupil data: read it (all its
 * staff), record observations (all its staff), or manage it — import, undo,
 * edit pupils and measures (its leaders).
 */
export type PupilDataNeed = "read" | "record" | "manage";

/** Who may use a school's named pupil data, need by need. Pure. */
export const pupilDataPolicy = {
  /** Named pupil data is seen only by the school's own staff. */
  named: (actor: Actor, school: { id: string }) => worksAtSchool(actor, school.id),
  /** Reading and recording: any of the school's staff. */
  read: (actor: Actor, school: { id: string }) => worksAtSchool(actor, school.id),
  record: (actor: Actor, school: { id: string }) => worksAtSchool(actor, school.id),
  /** Importing, undoing, editing pupils and measures: the school's leaders. */
  manage: (actor: Actor, school: { id: string }) => isSchoolLeaderOf(actor, school.id),
} satisfies Record<PupilDataNeed | "named", (actor: Actor, school: { id: string }) => boolean>;

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
  const school = await db
    .selectFrom("schools")
    .select(["id", "name", "phase", "short_code", "disadvantage_rule", "para_pupil_access"])
    .where("id", "=", schoolId)
    .where(visibleSchools(actor))
    .executeTakeFirst();
  if (!school) throw new NotFound("school"); // not theirs to see at all
  authorize(
    pupilDataPolicy.named(actor, school),
    "Named pupil data is seen only by the school's own staff.",
  );
  authorize(pupilDataPolicy[need](actor, school), "Only the school's leaders can do this.");
  return school;
}

export const SCHOOL_STAFF = ["school_leader", "teacher", "para_professional"] as const;
