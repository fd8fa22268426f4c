import {
  type COMPARISONS,
  DESIGN_LABELS,
  type EvidenceGroup,
  OUTCOME_FAMILY_LABELS,
} from "../../../contracts/strategies.ts";
import {
  designOf,
  EVIDENCE_SUPPRESS_AT_OR_BELOW,
  outcomeFamilyOf,
  poolKeyOf,
  poolLikeResults,
  type SharedFigures,
  screenResult,
} from "../../../domain/statistics/evidence-pools.ts";
import type { Actor } from "../../context.ts";
import { evidencePolicy } from "./policy.ts";
import type { SharedRow, StrandsAndThemes } from "./store.ts";

const figuresOf = (row: SharedRow): SharedFigures => ({
  nT: row.n_t,
  nC: row.n_c,
  g: Number(row.g),
  v: Number(row.v),
  ciLow: Number(row.ci_low),
  ciHigh: Number(row.ci_high),
  comparison: row.comparison,
  measureKind: row.measure_kind,
  measureName: row.measure_name,
});

function presentStudy(actor: Actor, row: SharedRow): EvidenceGroup["studies"][number] {
  const screening = screenResult(figuresOf(row));
  const shown = screening.shown;
  return {
    id: row.id,
    school: evidencePolicy.nameSchool(actor, row)
      ? row.school_name
      : `School ${row.evidence_label ?? "?"}`,
    named: row.named,
    title: row.title,
    measureName: row.measure_name,
    period: `${row.from_label} to ${row.to_label}`,
    comparison: row.comparison as (typeof COMPARISONS)[number],
    nParticipants: shown ? row.n_t : null,
    nComparison: shown && row.n_c !== null ? row.n_c : null,
    g: shown ? Number(row.g) : null,
    ciLow: shown ? Number(row.ci_low) : null,
    ciHigh: shown ? Number(row.ci_high) : null,
    included: screening.included,
    note: screening.note,
  };
}

const familyLabel = (row: SharedRow) =>
  row.measure_kind === "theme"
    ? `theme rating: ${row.measure_name}`
    : (OUTCOME_FAMILY_LABELS[row.measure_kind] ?? row.measure_kind).toLowerCase();

/** One pool: results of one strand or theme with the same design and outcome family. */
function pool(
  actor: Actor,
  kind: "strand" | "theme",
  key: string,
  name: string,
  rows: SharedRow[],
  toolkit: EvidenceGroup["toolkit"],
): EvidenceGroup {
  const first = rows[0];
  const design = designOf(first?.comparison ?? "none");
  const measureKind = first?.measure_kind ?? "other";
  const summary = poolLikeResults(rows.map(figuresOf), { design, measureKind });
  const studies = rows.map((row) => presentStudy(actor, row));
  const included = rows.filter((_, i) => studies[i]?.included);
  const p = summary.pooled;
  const leftOut = studies.filter((s) => !s.included);
  const small = leftOut.filter((s) => s.note?.includes("or fewer pupils")).length;
  const flat = leftOut.length - small;
  const notes = [
    small > 0
      ? `${small} result${small === 1 ? " was" : "s were"} left out of the pooling because a group had ${EVIDENCE_SUPPRESS_AT_OR_BELOW} or fewer pupils.`
      : null,
    flat > 0
      ? `${flat} result${flat === 1 ? " was" : "s were"} left out because ${flat === 1 ? "it has" : "they have"} no usable variance (flat data).`
      : null,
    summary.included === 1 ? "One school's result: pooling needs more than one to say much." : null,
    p?.test === "knha"
      ? `With fewer than 10 results the interval uses the Hartung–Knapp–Sidik–Jonkman adjustment (t with ${p.k - 1} df).`
      : null,
  ].filter((n): n is string => n !== null);
  return {
    kind,
    key,
    name,
    design,
    outcomeFamily: first ? outcomeFamilyOf(first.measure_kind, first.measure_name) : null,
    poolLabel: first
      ? `${name} · ${familyLabel(first)} · ${DESIGN_LABELS[design].toLowerCase()}`
      : name,
    pooledG: p?.estimate ?? null,
    ciLow: p?.ciLow ?? null,
    ciHigh: p?.ciHigh ?? null,
    intervalMethod: p?.test ?? null,
    piLow: p?.piLow ?? null,
    piHigh: p?.piHigh ?? null,
    tau2: p?.tau2 ?? null,
    i2: p?.i2 ?? null,
    q: p && p.k > 1 ? p.q : null,
    qP: p?.qP ?? null,
    k: summary.included,
    months: summary.months,
    schools: new Set(
      included.map((r) => (evidencePolicy.nameSchool(actor, r) ? r.school_name : r.evidence_label)),
    ).size,
    pupils: included.reduce((n, r) => n + r.n_t + (r.n_c ?? 0), 0),
    toolkit,
    studies,
    note: notes.length > 0 ? notes.join(" ") : null,
  };
}

/** Splits one strand's or theme's results into pools of like with like. */
function pools(
  actor: Actor,
  kind: "strand" | "theme",
  key: string,
  name: string,
  rows: SharedRow[],
  toolkit: EvidenceGroup["toolkit"],
): EvidenceGroup[] {
  const byPool = new Map<string, SharedRow[]>();
  for (const row of rows) {
    const k = poolKeyOf(figuresOf(row));
    byPool.set(k, [...(byPool.get(k) ?? []), row]);
  }
  return [...byPool.values()].map((like) => pool(actor, kind, key, name, like, toolkit));
}

/** A wider view than one pool: no single number, every result listed, each pool beside it. */
function breakdown(
  actor: Actor,
  kind: "strand" | "theme",
  key: string,
  name: string,
  rows: SharedRow[],
  parts: EvidenceGroup[],
  toolkit: EvidenceGroup["toolkit"],
): EvidenceGroup {
  return {
    kind,
    key,
    name,
    design: null,
    outcomeFamily: null,
    poolLabel: `${name}: ${parts.length} pools`,
    pooledG: null,
    ciLow: null,
    ciHigh: null,
    intervalMethod: null,
    piLow: null,
    piHigh: null,
    tau2: null,
    i2: null,
    q: null,
    qP: null,
    k: 0,
    months: null,
    schools: new Set(parts.flatMap((g) => g.studies.filter((s) => s.included).map((s) => s.school)))
      .size,
    pupils: parts.reduce((n, g) => n + g.pupils, 0),
    toolkit,
    studies: rows.map((row) => presentStudy(actor, row)),
    note: `Only like is pooled with like: these results differ in design or outcome, so there is no single figure. The ${parts.length} pools are shown separately.`,
  };
}

/**
 * Every strand's and theme's pools (`groups`), and for each strand or theme the
 * one view of it (`wholes`): its single pool, or a breakdown when its results
 * are unlike.
 */
export function groupEvidence(
  actor: Actor,
  rows: SharedRow[],
  { strands, themes }: StrandsAndThemes,
): { groups: EvidenceGroup[]; wholes: EvidenceGroup[] } {
  const groups: EvidenceGroup[] = [];
  const wholes: EvidenceGroup[] = [];
  const gather = (
    kind: "strand" | "theme",
    key: string,
    name: string,
    mine: SharedRow[],
    toolkit: EvidenceGroup["toolkit"],
  ) => {
    const parts = pools(actor, kind, key, name, mine, toolkit);
    groups.push(...parts);
    wholes.push(
      parts.length === 1 && parts[0]
        ? parts[0]
        : breakdown(actor, kind, key, name, mine, parts, toolkit),
    );
  };
  for (const strandKey of [
    ...new Set(rows.map((r) => r.strand_key).filter((k): k is string => k !== null)),
  ]) {
    const strand = strands.find((s) => s.key === strandKey);
    gather(
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
    );
  }
  for (const themeKey of [
    ...new Set(rows.map((r) => r.theme_key).filter((k): k is string => k !== null)),
  ]) {
    gather(
      "theme",
      themeKey,
      themes.find((t) => t.key === themeKey)?.name ?? themeKey,
      rows.filter((r) => r.theme_key === themeKey),
      null,
    );
  }
  return { groups, wholes };
}

/** Every shared result: never one number across unlike things, only the pools. */
export function everything(
  actor: Actor,
  rows: SharedRow[],
  groups: EvidenceGroup[],
): EvidenceGroup {
  const all = pools(actor, "strand", "all", "All shared strategies", rows, null);
  return all.length === 1 && all[0] && groups.length <= 1
    ? all[0]
    : breakdown(actor, "strand", "all", "All shared strategies", rows, groups, null);
}
