import type { Kysely } from "kysely";
import type { NetworkAims, NetworkAimsQuery } from "../../../contracts/network-aims.ts";
import type { DB } from "../../../db/schema.ts";
import {
  attainmentByYear,
  gapChange,
  improvingByYear,
  nationalFor,
  oneDecimal,
  shareOf,
} from "../../../domain/network-aims.ts";
import { SUPPRESSION_REASON } from "../../../domain/suppression.ts";
import { NotFound, ValidationProblem } from "../../errors.ts";
import { nationalFigures, presentNationalFigure } from "../national/store.ts";
import { ensureEvidenceLabels } from "../schools/store.ts";
import {
  activeHubs,
  attainmentCounts,
  attendanceCounts,
  leadershipCounts,
  mappedNationalMeasures,
  networkSchools,
  strategyCounts,
} from "./store.ts";

/** Per year, summed over the schools in view. */
function byYear<T extends { schoolId: string; academicYear: string }, K extends keyof T>(
  rows: readonly T[],
  inView: (schoolId: string) => boolean,
  fields: readonly K[],
): Array<{ academicYear: string } & Record<K, number>> {
  const years = new Map<string, Record<K, number>>();
  for (const r of rows) {
    if (!inView(r.schoolId)) continue;
    const sum =
      years.get(r.academicYear) ??
      (Object.fromEntries(fields.map((f) => [f, 0])) as Record<K, number>);
    for (const f of fields) sum[f] += Number(r[f]);
    years.set(r.academicYear, sum);
  }
  return [...years]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([academicYear, sums]) => ({ academicYear, ...sums }));
}

/**
 * The network aims dashboard for the whole network or one hub: aggregates
 * only, small groups suppressed across every filter at once, each school by
 * its pseudonym. Gives schools with no pseudonym yet their label first (in
 * its own transaction), so a school never appears without one.
 */
export async function buildNetworkAims(
  db: Kysely<DB>,
  query: NetworkAimsQuery,
): Promise<NetworkAims> {
  const hubs = await activeHubs(db);
  const hubId = query.hubId ?? null;
  const hub = hubId === null ? null : hubs.find((h) => h.id === hubId);
  if (hub === undefined) throw new NotFound("hub");
  const measures = await mappedNationalMeasures(db);
  const measure = query.nationalMeasure
    ? measures.find((m) => m.key === query.nationalMeasure)
    : measures[0];
  if (query.nationalMeasure && !measure)
    throw new ValidationProblem("No school's measure is mapped to that national measure.", [
      { field: "nationalMeasure", message: "Choose one of the national measures listed." },
    ]);

  let schools = await networkSchools(db);
  if (schools.some((s) => s.evidence_label === null)) {
    await db.transaction().execute((trx) =>
      ensureEvidenceLabels(
        trx,
        schools.map((s) => s.id),
      ),
    );
    schools = await networkSchools(db);
  }
  const inViewSchools = schools.filter((s) => hubId === null || s.hub_id === hubId);
  const inViewIds = new Set(inViewSchools.map((s) => s.id));
  const inView = (id: string) => inViewIds.has(id);

  const counts = measure ? await attainmentCounts(db, measure.key) : [];
  const years = attainmentByYear(counts, hubId);
  const national = measure
    ? (await nationalFigures(db, [measure.key])).map(presentNationalFigure)
    : [];
  const attainment = years.map((y) => {
    const n = nationalFor(national, y.academicYear);
    return {
      academicYear: y.academicYear,
      disadvantagedPct: oneDecimal(y.network.disadvantagedPct),
      otherPct: oneDecimal(y.network.otherPct),
      gap: oneDecimal(y.network.gap),
      nationalDisadvantagedPct: n?.disadvantaged ?? null,
      nationalGap: oneDecimal(n?.gap ?? null),
      nationalStatus: n?.status ?? null,
      suppressed: y.network.suppressed,
    };
  });
  const improving = improvingByYear(years).map((y, i) => {
    const now = nationalFor(national, y.academicYear)?.gap ?? null;
    const before = nationalFor(national, years[i]?.academicYear ?? "")?.gap ?? null;
    return {
      ...y,
      sharePct: oneDecimal(y.sharePct),
      nationalGapChange: now === null || before === null ? null : oneDecimal(now - before),
    };
  });

  const strategyRows = await strategyCounts(db);
  const attendanceRows = await attendanceCounts(db);
  const leadershipRows = await leadershipCounts(db);
  const strategies = byYear(strategyRows, inView, ["planned", "evaluated", "cascaded"]);
  const workshops = byYear(attendanceRows, inView, ["recorded", "present"]).map((y) => ({
    ...y,
    attendancePct: oneDecimal(shareOf(y.present, y.recorded)),
  }));
  const leadership = byYear(leadershipRows, inView, ["teamLeaders", "trioLeads"]);

  // Each school's row: its latest year with results, and what it has done over all years.
  const latest = years.at(-1);
  const previous = years.at(-2);
  const rows = inViewSchools.map((s) => {
    const now = latest?.schools.get(s.id);
    const then = previous?.schools.get(s.id);
    const sumOf = <T extends { schoolId: string }>(list: readonly T[], f: (r: T) => number) =>
      list.filter((r) => r.schoolId === s.id).reduce((total, r) => total + f(r), 0);
    const recorded = sumOf(attendanceRows, (r) => r.recorded);
    const latestLeaders = leadershipRows
      .filter((r) => r.schoolId === s.id)
      .sort((a, b) => b.academicYear.localeCompare(a.academicYear))[0];
    return {
      pseudonym: `School ${s.evidence_label ?? "?"}`,
      academicYear: now ? (latest?.academicYear ?? null) : null,
      disadvantagedPct: oneDecimal(now?.disadvantagedPct ?? null),
      gap: oneDecimal(now?.gap ?? null),
      previousGap: oneDecimal(then?.gap ?? null),
      trend: gapChange(then?.gap ?? null, now?.gap ?? null),
      suppressed: now?.suppressed ?? false,
      strategiesEvaluated: sumOf(strategyRows, (r) => r.evaluated),
      strategiesCascaded: sumOf(strategyRows, (r) => r.cascaded),
      attendancePct: oneDecimal(
        shareOf(
          sumOf(attendanceRows, (r) => r.present),
          recorded,
        ),
      ),
      teamLeaders: latestLeaders?.teamLeaders ?? 0,
    };
  });

  return {
    scope: {
      hubId,
      label: hub ? hub.name : "The whole network",
      schoolCount: inViewSchools.length,
    },
    hubs,
    nationalMeasures: measures,
    nationalMeasure: measure ?? null,
    attainment,
    improving,
    strategies,
    workshops,
    leadership,
    schools: rows,
    suppressionReason: SUPPRESSION_REASON,
  };
}
