import type { ExpressionBuilder } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Actor } from "../context.ts";
import { clusterIdsLedBy, isNetworkAdmin, schoolIdsOf } from "./scope.ts";

/**
 * SQL: which schools an actor may see: all for network administrators; otherwise the
 * schools they work at and the schools enrolled in clusters they lead. Features that
 * load a school within scope (the schools module, named pupil data) build on this.
 */
export function visibleSchools(actor: Actor) {
  return (eb: ExpressionBuilder<DB, "schools">) => {
    if (isNetworkAdmin(actor)) return eb.lit(true);
    const own = schoolIdsOf(actor);
    const led = clusterIdsLedBy(actor);
    const clauses = [];
    if (own.length > 0) clauses.push(eb("schools.id", "in", own));
    if (led.length > 0) {
      clauses.push(
        eb(
          "schools.id",
          "in",
          eb
            .selectFrom("enrolments")
            .select("enrolments.school_id")
            .where("enrolments.cluster_id", "in", led),
        ),
      );
    }
    return clauses.length > 0 ? eb.or(clauses) : eb.lit(false);
  };
}
