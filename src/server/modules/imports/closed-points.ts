import { pointClosedReason } from "../../../domain/assessment-points.ts";
import type { ImportRowError } from "../../errors.ts";
import type { ObservationParse } from "./parse-observations.ts";

export interface PointOpenness {
  id: string;
  name: string;
  academicYear: string;
  startsOn: string;
  openedEarly: boolean;
}

/**
 * Adds an error for every row that would store values at a point not open for
 * data yet (it has not begun and no leader opened it early), so the file is
 * refused whole with the reason, like any other row problem. Kept apart from
 * the parser: it is a rule about time, not about the file's cells.
 */
export function refuseClosedPoints(
  parse: ObservationParse,
  points: PointOpenness[],
  today: string,
  pointColumn: string | undefined,
): ObservationParse {
  const reasons = new Map(points.map((p) => [p.id, pointClosedReason(p, today)]));
  const errors: ImportRowError[] = [];
  const seen = new Set<number>();
  for (const o of parse.observations) {
    const reason = reasons.get(o.pointId);
    if (!reason || seen.has(o.row)) continue;
    seen.add(o.row);
    const point = points.find((p) => p.id === o.pointId);
    errors.push({
      row: o.row,
      column: pointColumn ?? "",
      value: point ? `${point.academicYear} ${point.name}` : "",
      message: reason,
    });
  }
  if (errors.length === 0) return parse;
  const byRow = new Map(errors.map((e) => [e.row, e]));
  return {
    observations: parse.observations.filter((o) => !byRow.has(o.row)),
    errors: [...parse.errors, ...errors].sort((a, b) => a.row - b.row),
    preview: parse.preview.map((p) => {
      const error = byRow.get(p.row);
      return error
        ? { ...p, problems: [...p.problems, { column: error.column, message: error.message }] }
        : p;
    }),
  };
}
