import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema.ts";
import { missingChallenges, type PpEntered } from "../../../domain/pp-statement.ts";
import { type FieldError, ValidationProblem } from "../../errors.ts";

/**
 * The checks the schema cannot make alone: each activity is one of the
 * school's strategies, once; each challenge number it names exists; the
 * review comes after publication. Throws with every problem, before anything
 * is saved.
 */
export async function checkEntered(db: Kysely<DB>, schoolId: string, entered: PpEntered) {
  const ids = entered.activities.map((a) => a.strategyId);
  const ours = new Set(
    ids.length === 0
      ? []
      : (
          await db
            .selectFrom("strategies")
            .select("id")
            .where("school_id", "=", schoolId)
            .where("id", "in", ids)
            .execute()
        ).map((s) => s.id),
  );
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  entered.activities.forEach((a, i) => {
    if (!ours.has(a.strategyId))
      errors.push({
        field: `activities.${i}.strategyId`,
        message: "Choose one of the school's strategies.",
      });
    else if (seen.has(a.strategyId))
      errors.push({
        field: `activities.${i}.strategyId`,
        message: "This strategy is already in the statement.",
      });
    seen.add(a.strategyId);
  });
  for (const missing of missingChallenges(entered))
    errors.push({
      field: `activities.${missing.index}.challenges`,
      message: `There is no challenge ${missing.number}: number the challenges first, then refer to them.`,
    });
  if (entered.publishedOn && entered.reviewOn && entered.reviewOn < entered.publishedOn)
    errors.push({
      field: "reviewOn",
      message: "The review date comes after the date it is published.",
    });
  if (errors.length > 0)
    throw new ValidationProblem("The statement was not saved: correct the fields shown.", errors);
}
