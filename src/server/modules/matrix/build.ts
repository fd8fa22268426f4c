import type { Kysely } from "kysely";
import type { Matrix } from "../../../contracts/cohort.ts";
import type { DB } from "../../../db/schema.ts";
import {
  type Axis,
  axisInfo,
  axisSpec,
  axisValue,
  DEFAULT_X,
  DEFAULT_Y,
  missingPositions,
  movementSummary,
  parseAxis,
  QUADRANTS,
  type Quadrant,
  quadrantOf,
  quadrantTexts,
  spreadDots,
  THEME_KEYS,
} from "../../../domain/matrix.ts";
import type { MeasureDefinition } from "../../../domain/measures.ts";
import { pupilShownAs } from "../../../domain/pupil-name.ts";
import {
  countOrSuppressed,
  SUPPRESSION_REASON,
  tooSmallToCount,
} from "../../../domain/suppression.ts";
import { pupilsSeenByActor } from "../../access/pupil-visibility.ts";
import type { Actor } from "../../context.ts";
import { ValidationProblem } from "../../errors.ts";
import { cohortPupilIds } from "../cohort/store.ts";
import { indexValues, pointsWithValues, valuesOfPupils } from "../cohort/values.ts";
import { measureDefinitionsOf } from "../measures/store.ts";
import type { ResolvedView } from "./view.ts";

/** How far apart dots that share a position are spread: 2% of each axis's span. */
const SPREAD = 0.02;

function chooseAxis(
  field: "x" | "y",
  requested: string | undefined,
  saved: string | undefined,
  fallback: string,
  known: Set<string>,
): Axis {
  const spec = requested ?? saved ?? fallback;
  const axis = parseAxis(spec);
  const valid = axis && (axis.kind === "composite" || known.has(axis.key));
  if (valid) return axis;
  if (requested) {
    throw new ValidationProblem(`No axis "${requested}".`, [
      {
        field,
        message:
          "Use composite:attainment, composite:learning-behaviours, or measure:<key> of a measure the schools record.",
      },
    ]);
  }
  return parseAxis(fallback) as Axis;
}

/**
 * The matrix for a resolved view: each cohort pupil's position at two points,
 * the spread positions that keep every dot visible, quadrants and movement.
 * Pupils of the viewer's own school carry their names; everyone else only a pseudonym.
 */
export async function buildMatrix(
  db: Kysely<DB>,
  view: ResolvedView,
  query: { from?: string; to?: string; x?: string; y?: string },
  actor: Actor,
): Promise<Matrix> {
  const members = await cohortPupilIds(
    db,
    view.schools.map((s) => s.enrolmentId),
  );
  const pupilIds = members.map((m) => m.pupilId);
  const schoolOfEnrolment = new Map(view.schools.map((s) => [s.enrolmentId, s]));
  const pupils = pupilIds.length
    ? await db
        .selectFrom("pupils")
        .leftJoin("pseudonyms", (join) =>
          join
            .onRef("pseudonyms.pupil_id", "=", "pupils.id")
            .on("pseudonyms.programme_year_id", "=", view.programmeYearId),
        )
        .select([
          "pupils.id",
          "pupils.school_id",
          "pupils.legal_first_name",
          "pupils.preferred_first_name",
          "pupils.last_name",
          "pseudonyms.code",
        ])
        .where("pupils.id", "in", pupilIds)
        .execute()
    : [];
  // Named only where the viewer sees the pupil: their own school's, and of those, for a
  // para-professional, the pupils they work with. Everyone else is a pseudonym.
  const named = await pupilsSeenByActor(db, actor, pupils);
  const measureRows = await measureDefinitionsOf(
    db,
    view.schools.map((s) => s.schoolId),
  );
  const measuresBySchool = new Map<string, Map<string, MeasureDefinition>>();
  for (const { schoolId, definition } of measureRows) {
    const map = measuresBySchool.get(schoolId) ?? new Map<string, MeasureDefinition>();
    measuresBySchool.set(schoolId, map);
    map.set(definition.key, definition);
  }
  const knownKeys = new Set(measureRows.map((m) => m.definition.key));
  const saved = await db
    .selectFrom("matrix_settings")
    .select(["scope_type", "x_axis", "y_axis"])
    .where((eb) =>
      eb.or([
        eb.and([
          eb("scope_type", "=", view.settingsScope.scopeType),
          eb("scope_id", "=", view.settingsScope.scopeId),
        ]),
        eb.and([eb("scope_type", "=", "cluster"), eb("scope_id", "=", view.clusterId)]),
      ]),
    )
    .execute();
  const setting = saved.find((s) => s.scope_type === view.settingsScope.scopeType) ?? saved[0];
  const xAxis = chooseAxis("x", query.x, setting?.x_axis, DEFAULT_X, knownKeys);
  const yAxis = chooseAxis("y", query.y, setting?.y_axis, DEFAULT_Y, knownKeys);
  // The axis is described by the viewer's own school's measures where it has them.
  const reference =
    measuresBySchool.get(view.schools.find((s) => s.own)?.schoolId ?? "") ??
    measuresBySchool.get(view.schools[0]?.schoolId ?? "") ??
    new Map();
  const referenceFor = (axis: Axis) =>
    axis.kind === "measure" && !reference.has(axis.key)
      ? ([...measuresBySchool.values()].find((m) => m.has(axis.key)) ?? reference)
      : reference;
  const xInfo = axisInfo(xAxis, referenceFor(xAxis));
  const yInfo = axisInfo(yAxis, referenceFor(yAxis));

  const dated = await pointsWithValues(
    db,
    view.schools.map((s) => s.schoolId),
    pupilIds,
  );
  const pointOrder = new Map(dated.map((p) => [p.key, p.startsOn]));
  const points = dated.map((p) => p.key);
  for (const [field, key] of [
    ["from", query.from],
    ["to", query.to],
  ] as const) {
    if (key && !points.includes(key)) {
      throw new ValidationProblem(`No data at "${key}".`, [
        {
          field,
          message: `Choose one of the points with data: ${points.join(", ") || "none yet"}.`,
        },
      ]);
    }
  }
  const to = query.to ?? points.at(-1) ?? null;
  const from =
    query.from ??
    (to
      ? (points
          .filter((p) => p !== to)
          .filter((p) => (pointOrder.get(p) ?? "") <= (pointOrder.get(to) ?? ""))
          .at(-1) ?? null)
      : null);

  // Only the two points drawn, and only the measures the axes read.
  const keysFor = (axis: Axis) =>
    axis.kind === "measure"
      ? [axis.key]
      : axis.name === "learning-behaviours"
        ? [...THEME_KEYS]
        : measureRows.filter((m) => m.definition.core).map((m) => m.definition.key);
  const index = indexValues(
    await valuesOfPupils(db, pupilIds, {
      points: [from, to].filter((p): p is string => p !== null),
      measureKeys: [...new Set([...keysFor(xAxis), ...keysFor(yAxis)])],
    }),
  );
  const schoolById = new Map(view.schools.map((s) => [s.schoolId, s]));
  const raw = pupils.map((p) => {
    const school = schoolById.get(p.school_id);
    const measures = measuresBySchool.get(p.school_id) ?? new Map();
    const at = (pointKey: string | null) => {
      if (!pointKey) return null;
      const v = index.get(p.id)?.get(pointKey);
      if (!v) return null;
      const x = axisValue(xAxis, measures, v);
      const y = axisValue(yAxis, measures, v);
      return x === null || y === null ? null : { x, y };
    };
    const own = (school?.own ?? false) && named.has(p.id);
    const seen = { named: own, pseudonym: p.code, schoolCode: school?.code };
    return {
      key: own ? p.id : pupilShownAs(null, { ...seen, named: false }),
      label: pupilShownAs(p, seen),
      schoolCode: school?.code ?? "???",
      own,
      from: at(from),
      to: at(to),
    };
  });

  const spacing = { x: SPREAD * (xInfo.max - xInfo.min), y: SPREAD * (yInfo.max - yInfo.min) };
  const spread = (which: "from" | "to") =>
    new Map(
      spreadDots(
        raw.flatMap((d) => (d[which] ? [{ key: d.key, x: d[which].x, y: d[which].y }] : [])),
        spacing,
      ).map((d) => [d.key, d]),
    );
  const fromSpread = spread("from");
  const toSpread = spread("to");
  const quadrant = (p: { x: number; y: number } | null): Quadrant | null =>
    p && xInfo.expected !== null && yInfo.expected !== null
      ? quadrantOf(p.x, p.y, xInfo.expected, yInfo.expected)
      : null;

  const dots = raw
    .map((d) => {
      const f = fromSpread.get(d.key);
      const t = toSpread.get(d.key);
      return {
        key: d.key,
        label: d.label,
        schoolCode: d.schoolCode,
        own: d.own,
        from: f ? { x: f.x, y: f.y, sx: f.sx, sy: f.sy } : null,
        to: t ? { x: t.x, y: t.y, sx: t.sx, sy: t.sy } : null,
        quadrantFrom: quadrant(d.from),
        quadrantTo: quadrant(d.to),
      };
    })
    .sort((a, b) => a.schoolCode.localeCompare(b.schoolCode) || a.label.localeCompare(b.label));

  const texts = quadrantTexts(
    { axis: xAxis, label: xInfo.label },
    { axis: yAxis, label: yInfo.label },
  );
  const moves = dots.map((d) => ({ group: d.schoolCode, from: d.quadrantFrom, to: d.quadrantTo }));
  const ownCodes = new Set(view.schools.filter((s) => s.own).map((s) => s.code));
  const axisOptions = [
    { spec: DEFAULT_X, label: "Attainment against expected (core subjects)" },
    { spec: DEFAULT_Y, label: "Learning behaviours (the three themes)" },
    ...[...new Map(measureRows.map((m) => [m.definition.key, m.definition.name])).entries()].map(
      ([key, name]) => ({
        spec: `measure:${key}`,
        label: name,
      }),
    ),
  ];
  const pointLabel = (key: string) => {
    const [year, name] = key.split("|");
    return `${name} ${year}`;
  };
  return {
    view: view.view,
    title: view.title,
    points: points.map((key) => ({ key, label: pointLabel(key) })),
    from,
    to,
    x: { spec: axisSpec(xAxis), ...xInfo },
    y: { spec: axisSpec(yAxis), ...yInfo },
    axisOptions,
    canSaveAxes: view.canSave ? view.settingsScope : null,
    schools: view.schools.map((s) => {
      const pupils = members.filter(
        (m) => schoolOfEnrolment.get(m.enrolmentId)?.schoolId === s.schoolId,
      ).length;
      return {
        code: s.code,
        name: s.name,
        own: s.own,
        pupils: s.own ? pupils : countOrSuppressed(pupils),
      };
    }),
    quadrants: QUADRANTS.map((q) => ({ key: q, ...texts[q] })),
    dots,
    summary:
      xInfo.expected === null || yInfo.expected === null ? [] : summaryAsShown(moves, ownCodes),
    missing: missingPositions(moves).map((m) => ({
      schoolCode: m.group,
      pupils: ownCodes.has(m.group) ? m.missing : countOrSuppressed(m.missing),
    })),
  };
}

/**
 * The movement summary as the viewer may see it: in full for the viewer's own
 * school; for any other school, nothing when any of its counts is 1 to 5 (the
 * counts add up to its cohort, so one hidden cell would come back from the rest).
 */
export function summaryAsShown(
  moves: Parameters<typeof movementSummary>[0],
  ownCodes: Set<string>,
) {
  const rows = movementSummary(moves);
  const hiddenSchools = new Set(
    rows
      .filter(
        (row) =>
          !ownCodes.has(row.group) &&
          [row.movedIn, row.movedOut, row.stayed, row.now].some(tooSmallToCount),
      )
      .map((row) => row.group),
  );
  return rows.map((row) => {
    const hide = hiddenSchools.has(row.group);
    return {
      schoolCode: row.group,
      quadrant: row.quadrant,
      movedIn: hide ? null : row.movedIn,
      movedOut: hide ? null : row.movedOut,
      stayed: hide ? null : row.stayed,
      now: hide ? null : row.now,
      suppressed: hide,
      suppressedReason: hide ? SUPPRESSION_REASON : null,
    };
  });
}
