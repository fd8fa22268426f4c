import type { Kysely } from "kysely";
import type { COMPARISONS } from "../../../contracts/strategies.ts";
import type { DB } from "../../../db/schema.ts";
import { Conflict, ValidationProblem } from "../../errors.ts";
import { ensureEvidenceLabels } from "../schools/store.ts";
import type { evaluate } from "./evaluate.ts";
import type { StrategyRow } from "./store.ts";

/**
 * Refuses an evaluation that cannot stand as evidence: one without a usable
 * effect size (too few pupils, no spread, no usable variance — with the
 * evaluation's own reason) or whose period ends before the strategy began.
 * Sharing and widening the cascade stage both ask this first.
 */
export function assertUsableEvidence(evaluation: Awaited<ReturnType<typeof evaluate>>): void {
  if (evaluation.coverage === "ends-before-start")
    throw new ValidationProblem("This evaluation cannot be used as evidence for the strategy.", [
      {
        field: "to",
        message:
          "The period ends before the strategy began: choose an after point since the strategy started.",
      },
    ]);
  if (!evaluation.raw.effect) {
    const reason = evaluation.raw.warnings.find((w) =>
      ["below-minimum", "no-spread", "no-variance", "too-few"].includes(w.code),
    );
    throw new Conflict(
      `This evaluation has no effect size to share. ${reason?.text ?? "It needs pupils with values at both points."}`,
    );
  }
}

/**
 * Stores (or replaces) a strategy's shared result: aggregates only. The school
 * gets a random label for the evidence page the first time it shares, so it is
 * never identifiable unless it chooses to be named.
 */
export async function storeSharedResult(
  trx: Kysely<DB>,
  row: StrategyRow,
  evaluation: Awaited<ReturnType<typeof evaluate>>,
  options: {
    named: boolean;
    comparison: (typeof COMPARISONS)[number];
    actorId: string | null;
    now: Date;
  },
): Promise<void> {
  assertUsableEvidence(evaluation);
  const effect = evaluation.raw.effect;
  if (!effect) throw new Conflict("This evaluation has no effect size to share.");
  const [strand, theme] = await Promise.all([
    row.eef_strand_id
      ? trx
          .selectFrom("eef_strands")
          .select("key")
          .where("id", "=", row.eef_strand_id)
          .executeTakeFirst()
      : undefined,
    row.theme_id
      ? trx
          .selectFrom("programme_themes")
          .select("key")
          .where("id", "=", row.theme_id)
          .executeTakeFirst()
      : undefined,
    ensureEvidenceLabels(trx, [row.school_id]),
  ]);
  const t = evaluation.raw.participants;
  const c = evaluation.raw.comparison;
  const values = {
    strategy_id: row.id,
    school_id: row.school_id,
    strand_key: strand?.key ?? null,
    theme_key: theme?.key ?? null,
    title: row.title,
    measure_name: evaluation.measure.name,
    from_label: evaluation.from.label,
    to_label: evaluation.to.label,
    comparison: options.comparison,
    n_t: t.n,
    mean_before_t: t.meanBefore,
    sd_before_t: t.sdBefore,
    mean_after_t: t.meanAfter,
    sd_after_t: t.sdAfter,
    n_c: c?.n ?? null,
    mean_before_c: c?.meanBefore ?? null,
    sd_before_c: c?.sdBefore ?? null,
    mean_after_c: c?.meanAfter ?? null,
    sd_after_c: c?.sdAfter ?? null,
    g: effect.g,
    v: effect.v,
    ci_low: effect.ciLow,
    ci_high: effect.ciHigh,
    months: evaluation.months,
    measure_kind: evaluation.measureKind,
    period_ends_on: evaluation.periodEndsOn,
    named: options.named,
    shared_by: options.actorId,
    shared_at: options.now,
    withdrawn_at: null,
  };
  await trx
    .insertInto("shared_results")
    .values(values)
    .onConflict((oc) => oc.column("strategy_id").doUpdateSet(values))
    .execute();
}
