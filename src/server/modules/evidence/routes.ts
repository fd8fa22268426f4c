import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  type COMPARISONS,
  type EvidenceGroup,
  evidenceGroupSchema,
  evidenceQuerySchema,
} from "../../../contracts/strategies.ts";
import { derSimonianLaird } from "../../../domain/statistics/meta-analysis.ts";
import { monthsFromEffectSize } from "../../../domain/statistics/months.ts";
import { type AppDeps, SIGNED_IN } from "../../context.ts";
import { NothingFound } from "../../errors.ts";

/** A group of this many pupils or fewer shows no figure outside its school (DfE's rule). */
const SUPPRESS_AT_OR_BELOW = 5;

type SharedRow = {
  id: string;
  strand_key: string | null;
  theme_key: string | null;
  title: string;
  measure_name: string;
  from_label: string;
  to_label: string;
  comparison: string;
  n_t: number;
  n_c: number | null;
  g: number;
  v: number;
  ci_low: number;
  ci_high: number;
  named: boolean;
  school_name: string;
  evidence_label: string | null;
};

function pool(
  kind: "strand" | "theme",
  key: string,
  name: string,
  rows: SharedRow[],
  toolkit: EvidenceGroup["toolkit"],
): EvidenceGroup {
  const studies = rows.map((row) => {
    const small =
      row.n_t <= SUPPRESS_AT_OR_BELOW || (row.n_c !== null && row.n_c <= SUPPRESS_AT_OR_BELOW);
    return {
      id: row.id,
      school: row.named ? row.school_name : `School ${row.evidence_label ?? "?"}`,
      named: row.named,
      title: row.title,
      measureName: row.measure_name,
      period: `${row.from_label} to ${row.to_label}`,
      comparison: row.comparison as (typeof COMPARISONS)[number],
      nParticipants: small ? null : row.n_t,
      nComparison: small || row.n_c === null ? null : row.n_c,
      g: small ? null : Number(row.g),
      ciLow: small ? null : Number(row.ci_low),
      ciHigh: small ? null : Number(row.ci_high),
      included: !small,
      note: small
        ? "Left out of the pooling and not shown: a group had fewer than 6 pupils."
        : null,
      v: Number(row.v),
      nT: row.n_t,
      nC: row.n_c ?? 0,
    };
  });
  const included = studies.filter((s) => s.included);
  const pooled = derSimonianLaird(included.map((s) => ({ g: s.g ?? 0, v: s.v })));
  const excluded = studies.length - included.length;
  return {
    kind,
    key,
    name,
    pooledG: pooled?.estimate ?? null,
    ciLow: pooled?.ciLow ?? null,
    ciHigh: pooled?.ciHigh ?? null,
    tau2: pooled?.tau2 ?? null,
    i2: pooled?.i2 ?? null,
    months: pooled ? monthsFromEffectSize(pooled.estimate).months : null,
    schools: new Set(included.map((s) => s.school)).size,
    pupils: included.reduce((n, s) => n + s.nT + s.nC, 0),
    toolkit,
    studies: studies.map(({ v: _v, nT: _t, nC: _c, ...study }) => study),
    note:
      excluded > 0
        ? `${excluded} result${excluded === 1 ? " was" : "s were"} left out of the pooling because a group had fewer than 6 pupils.`
        : included.length === 1
          ? "One school's result: pooling needs more than one to say much."
          : null,
  };
}

export async function evidenceRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    "/api/evidence",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ["evidence"],
        summary:
          "What works across the network: shared results pooled by Toolkit strand and by theme (DerSimonian–Laird)",
        description:
          "With `strand` or `theme`, the top-level figures are that group's; otherwise every shared result pooled together.",
        querystring: evidenceQuerySchema,
        response: { 200: evidenceGroupSchema.extend({ groups: z.array(evidenceGroupSchema) }) },
      },
    },
    async (request) => {
      const rows = (await deps.db
        .selectFrom("shared_results")
        .innerJoin("schools", "schools.id", "shared_results.school_id")
        .select([
          "shared_results.id",
          "shared_results.strand_key",
          "shared_results.theme_key",
          "shared_results.title",
          "shared_results.measure_name",
          "shared_results.from_label",
          "shared_results.to_label",
          "shared_results.comparison",
          "shared_results.n_t",
          "shared_results.n_c",
          "shared_results.g",
          "shared_results.v",
          "shared_results.ci_low",
          "shared_results.ci_high",
          "shared_results.named",
          "schools.name as school_name",
          "schools.evidence_label",
        ])
        .where("shared_results.withdrawn_at", "is", null)
        .orderBy("shared_results.shared_at")
        .execute()) as SharedRow[];
      const strands = await deps.db.selectFrom("eef_strands").selectAll().execute();
      const themes = await deps.db
        .selectFrom("programme_themes")
        .select(["key", "name"])
        .orderBy("position")
        .execute();
      const groups: EvidenceGroup[] = [];
      for (const strandKey of [
        ...new Set(rows.map((r) => r.strand_key).filter((k): k is string => k !== null)),
      ]) {
        const strand = strands.find((s) => s.key === strandKey);
        groups.push(
          pool(
            "strand",
            strandKey,
            strand?.name ?? strandKey,
            rows.filter((r) => r.strand_key === strandKey),
            strand
              ? {
                  months: strand.months,
                  cost: strand.cost,
                  evidence: strand.evidence,
                  takenOn: strand.taken_on,
                }
              : null,
          ),
        );
      }
      for (const themeKey of [
        ...new Set(rows.map((r) => r.theme_key).filter((k): k is string => k !== null)),
      ]) {
        groups.push(
          pool(
            "theme",
            themeKey,
            themes.find((t) => t.key === themeKey)?.name ?? themeKey,
            rows.filter((r) => r.theme_key === themeKey),
            null,
          ),
        );
      }
      const { strand, theme } = request.query;
      const chosen = strand
        ? groups.find((g) => g.kind === "strand" && g.key === strand)
        : theme
          ? groups.find((g) => g.kind === "theme" && g.key === theme)
          : undefined;
      if ((strand || theme) && !chosen)
        throw new NothingFound(
          strand ? "shared results for this strand" : "shared results for this theme",
        );
      const top = chosen ?? pool("strand", "all", "All shared strategies", rows, null);
      return { ...top, groups: strand || theme ? groups.filter((g) => g === chosen) : groups };
    },
  );
}
