import type { Kysely } from "kysely";
import type { NewsletterItem } from "../../../contracts/newsletters.ts";
import type { EvidenceGroup } from "../../../contracts/strategies.ts";
import type { DB } from "../../../db/schema.ts";
import { SUPPRESSION_REASON } from "../../../domain/suppression.ts";
import type { Actor } from "../../context.ts";
import { groupEvidence } from "../evidence/present.ts";
import { sharedResults, strandsAndThemes } from "../evidence/store.ts";
import { buildNetworkAims } from "../network-aims/build.ts";
import {
  type EvidenceSnapshot,
  lastSentNewsletter,
  networkCaseStudiesSince,
  resourcesSince,
} from "./store.ts";

const RESOURCE_KIND_LABELS: Record<string, string> = {
  planning_tool: "Planning tool",
  data_tracking_tool: "Data-tracking tool",
  reading: "Reading",
  research_summary: "Research summary",
  template: "Template",
};

const twoDp = (x: number) => x.toFixed(2);
const shorten = (text: string, max = 240) =>
  text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;

/** Each strand's single view on the evidence page, pooled by the evidence module itself. */
export async function strandEvidence(db: Kysely<DB>, actor: Actor): Promise<EvidenceGroup[]> {
  const { wholes } = groupEvidence(actor, await sharedResults(db), await strandsAndThemes(db));
  return wholes.filter((g) => g.kind === "strand");
}

export function snapshotOf(strands: readonly EvidenceGroup[]): EvidenceSnapshot {
  return Object.fromEntries(
    strands.map((g) => [
      g.key,
      {
        g: g.pooledG === null ? null : Number(twoDp(g.pooledG)),
        k: g.studies.length,
        pupils: g.pupils,
        schools: g.schools,
      },
    ]),
  );
}

/** A strand whose pooled figure (to two places) or number of results differs from the last issue's. */
export function changedSince(now: EvidenceSnapshot, before: EvidenceSnapshot | null): string[] {
  return Object.entries(now)
    .filter(([key, figures]) => {
      const then = before?.[key];
      return !then || then.k !== figures.k || then.g !== figures.g;
    })
    .map(([key]) => key);
}

function evidenceSummary(g: EvidenceGroup, before: EvidenceSnapshot[string] | undefined): string {
  const results = `${g.studies.length} shared result${g.studies.length === 1 ? "" : "s"} from ${g.schools} school${g.schools === 1 ? "" : "s"}`;
  const figure =
    g.pooledG === null || g.ciLow === null || g.ciHigh === null
      ? "Its results differ in design or outcome, so they are pooled separately on the evidence page."
      : `Pooled effect g = ${twoDp(g.pooledG)} (95% CI ${twoDp(g.ciLow)} to ${twoDp(g.ciHigh)}; ${g.poolLabel}).`;
  const change = before
    ? before.g === null
      ? ` Last issue: ${before.k} result${before.k === 1 ? "" : "s"}.`
      : ` Last issue: g = ${twoDp(before.g)} from ${before.k} result${before.k === 1 ? "" : "s"}.`
    : " New to the newsletter.";
  return `${results}. ${figure}${change}`;
}

/** The network's progress in one item: aggregates from the network aims, small groups suppressed there. */
async function progressItem(db: Kysely<DB>): Promise<NewsletterItem> {
  const aims = await buildNetworkAims(db, {});
  const latest = aims.attainment.at(-1);
  const strategies = aims.strategies.at(-1);
  const parts: string[] = [];
  if (!latest) parts.push("No school's results are mapped to a national measure yet.");
  else if (latest.suppressed || latest.disadvantagedPct === null)
    parts.push(
      `${latest.academicYear}: the attainment figures are withheld. ${SUPPRESSION_REASON}`,
    );
  else
    parts.push(
      `${latest.academicYear}: ${latest.disadvantagedPct}% of disadvantaged pupils reached the expected standard${
        latest.gap === null ? "" : `; the gap to other pupils is ${latest.gap} percentage points`
      }${latest.nationalGap === null ? "" : ` (national: ${latest.nationalGap})`}.`,
    );
  if (strategies)
    parts.push(
      `${strategies.academicYear}: ${strategies.planned} strategies planned, ${strategies.evaluated} evaluated, ${strategies.cascaded} cascaded.`,
    );
  return {
    kind: "progress",
    refId: "network",
    title: `The network's progress (${aims.scope.schoolCount} schools)`,
    summary: parts.join(" "),
  };
}

/**
 * What Cascade proposes for the next issue, since the last sent one: case
 * studies newly published to the whole network, strands whose pooled
 * evidence changed against the last issue's snapshot, new resources, and the
 * network's progress. Titles and summaries come from the record; nothing
 * here is pupil-level, and the progress figures are suppressed where small.
 */
export async function proposeItems(
  db: Kysely<DB>,
  actor: Actor,
): Promise<{ since: Date | null; items: NewsletterItem[]; snapshot: EvidenceSnapshot }> {
  const last = await lastSentNewsletter(db);
  const since = last?.sent_at ?? null;
  const before = last?.evidence_snapshot ?? null;
  const items: NewsletterItem[] = [];
  for (const study of await networkCaseStudiesSince(db, since)) {
    const school = study.show_school_name
      ? study.school_name
      : `School ${study.evidence_label ?? "(unnamed)"}`;
    items.push({
      kind: "case_study",
      refId: study.id,
      title: study.title,
      summary: shorten(
        study.learned.trim()
          ? `${school}: ${study.learned.trim()}`
          : `A case study from ${school}, in the case-study library.`,
      ),
    });
  }
  const strands = await strandEvidence(db, actor);
  const snapshot = snapshotOf(strands);
  const changed = new Set(changedSince(snapshot, before));
  for (const g of strands.filter((s) => changed.has(s.key)))
    items.push({
      kind: "evidence",
      refId: g.key,
      title: `What works: ${g.name}`,
      summary: evidenceSummary(g, before?.[g.key]),
    });
  for (const resource of await resourcesSince(db, since))
    items.push({
      kind: "resource",
      refId: resource.id,
      title: resource.title,
      summary: shorten(
        `${RESOURCE_KIND_LABELS[resource.kind] ?? "Resource"}${resource.summary.trim() ? `: ${resource.summary.trim()}` : ", in the resource library."}`,
      ),
    });
  items.push(await progressItem(db));
  return { since, items, snapshot };
}

export const itemKey = (item: { kind: string; refId: string }) => `${item.kind}:${item.refId}`;
