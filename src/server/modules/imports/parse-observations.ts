import {
  formatMeasureValue,
  type MeasureDefinition,
  parseMeasureValue,
} from "../../../domain/measures.ts";
import { validateUpn } from "../../../domain/upn.ts";
import type { ImportRowError } from "../../errors.ts";
import type { Table } from "../../imports/read-table.ts";

export interface PointRef {
  id: string;
  name: string;
  academicYear: string;
}

export interface ParsedObservation {
  row: number;
  pupilId: string;
  measureId: string;
  pointId: string;
  value: number;
}

export interface ObservationParse {
  observations: ParsedObservation[];
  errors: ImportRowError[];
  preview: Array<{
    row: number;
    values: Record<string, string>;
    problems: Array<{ column: string; message: string }>;
  }>;
}

const normalise = (text: string) => text.toLowerCase().replaceAll(/[^a-z0-9]/g, "");

/**
 * Finds a point from a cell like "Autumn 2", "2026/27 Autumn 2" or "Autumn 2 2026/27".
 * A bare name that several years share is ambiguous: the file must give the year.
 */
export function matchPoint(cell: string, points: PointRef[]): PointRef | "ambiguous" | undefined {
  const key = normalise(cell);
  if (!key) return undefined;
  const matches = points.filter(
    (p) =>
      normalise(p.name) === key ||
      normalise(`${p.academicYear} ${p.name}`) === key ||
      normalise(`${p.name} ${p.academicYear}`) === key,
  );
  if (matches.length > 1) return "ambiguous";
  return matches[0];
}

/**
 * Checks every cell of an assessment export: pupils by UPN (they must be on the
 * school's roll), the point of each row (its column, or the one chosen), and
 * each measure's value against its scale. Empty cells mean "no value".
 */
export function parseObservationTable(
  table: Table,
  mapping: Record<string, string | null>,
  context: {
    measures: Array<{ id: string; definition: MeasureDefinition }>;
    points: PointRef[];
    defaultPoint: PointRef | null;
    pupilIdByUpn: Map<string, string>;
  },
): ObservationParse {
  const errors: ImportRowError[] = [];
  const entries = Object.entries(mapping);
  const upnColumn = entries.find(([, f]) => f === "upn")?.[0];
  const pointColumn = entries.find(([, f]) => f === "assessmentPoint")?.[0];
  const measureColumns = entries.flatMap(([column, field]) => {
    if (!field?.startsWith("measure:")) return [];
    const measure = context.measures.find((m) => m.id === field.slice("measure:".length));
    return measure ? [{ column, measure }] : [];
  });
  if (!upnColumn)
    errors.push({
      row: 1,
      column: "UPN",
      value: "",
      message: "No column is mapped to the pupil's UPN.",
    });
  if (measureColumns.length === 0) {
    errors.push({
      row: 1,
      column: "",
      value: "",
      message: "No column is mapped to a measure: map at least one.",
    });
  }
  if (!pointColumn && !context.defaultPoint) {
    errors.push({
      row: 1,
      column: "",
      value: "",
      message:
        "The file has no assessment point column and none was chosen: choose the point these values belong to.",
    });
  }
  if (errors.length > 0) return { observations: [], errors, preview: [] };

  const observations: ParsedObservation[] = [];
  const preview: ObservationParse["preview"] = [];
  const seen = new Map<string, number>();
  const pointNames = context.points.map((p) => `${p.academicYear} ${p.name}`).join(", ");

  table.rows.forEach((cells, index) => {
    const row = index + 2;
    if (Object.values(cells).every((c) => String(c).trim() === "")) return;
    const problems: Array<{ column: string; message: string }> = [];
    const shown: Record<string, string> = {};
    let pupilId: string | undefined;
    const rawUpn = String(cells[upnColumn ?? ""] ?? "");
    const upn = validateUpn(rawUpn);
    if (!upn.ok) {
      problems.push({ column: upnColumn ?? "UPN", message: upn.message });
    } else {
      pupilId = context.pupilIdByUpn.get(upn.upn);
      if (!pupilId) {
        problems.push({
          column: upnColumn ?? "UPN",
          message: "No pupil with this UPN is on the school's roll: import the pupil list first.",
        });
      }
    }
    shown.upn = upn.ok ? upn.upn : rawUpn;
    let point = context.defaultPoint;
    if (pointColumn) {
      const cell = String(cells[pointColumn] ?? "").trim();
      const match = cell === "" ? context.defaultPoint : matchPoint(cell, context.points);
      point = match === "ambiguous" ? null : (match ?? null);
      if (!point) {
        problems.push({
          column: pointColumn,
          message:
            match === "ambiguous"
              ? `Several years have a point called "${cell}": give the year too, like "${context.points.at(-1)?.academicYear} ${cell}".`
              : cell
                ? `No assessment point called "${cell}". The school's points are: ${pointNames || "none yet — add them first"}.`
                : "The assessment point is missing.",
        });
      }
    }
    shown.assessmentPoint = point ? `${point.academicYear} ${point.name}` : "";
    for (const { column, measure } of measureColumns) {
      const raw = cells[column] ?? "";
      if (String(raw).trim() === "") {
        shown[`measure:${measure.id}`] = "";
        continue;
      }
      const parsed = parseMeasureValue(measure.definition, raw);
      if (!parsed.ok) {
        problems.push({ column, message: parsed.message });
        shown[`measure:${measure.id}`] = String(raw);
        continue;
      }
      shown[`measure:${measure.id}`] = formatMeasureValue(measure.definition, parsed.value);
      if (pupilId && point) {
        const key = `${pupilId}|${measure.id}|${point.id}`;
        const first = seen.get(key);
        if (first !== undefined) {
          problems.push({
            column,
            message: `Row ${first} already gives this pupil's ${measure.definition.name} at ${point.name}.`,
          });
        } else {
          seen.set(key, row);
          observations.push({
            row,
            pupilId,
            measureId: measure.id,
            pointId: point.id,
            value: parsed.value,
          });
        }
      }
    }
    for (const p of problems)
      errors.push({
        row,
        column: p.column,
        value: String(cells[p.column] ?? ""),
        message: p.message,
      });
    preview.push({ row, values: shown, problems });
  });
  if (preview.length === 0)
    errors.push({
      row: 1,
      column: "",
      value: "",
      message: "The file has a header row but no rows of data.",
    });
  return { observations, errors, preview };
}
