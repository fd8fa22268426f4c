import {
  missingRequired,
  PUPIL_FIELD_LABELS,
  PUPIL_FIELDS,
  REQUIRED_PUPIL_FIELDS,
} from "../../../domain/column-mapping.ts";
import {
  parseDate,
  parseDateOfBirth,
  parseFlag,
  parseGender,
  parseName,
  parseSenStatus,
  parseYearGroup,
} from "../../../domain/pupil-fields.ts";
import { validateUpn } from "../../../domain/upn.ts";
import type { ImportRowError } from "../../errors.ts";
import type { Table } from "../../imports/read-table.ts";

export type PupilField = (typeof PUPIL_FIELDS)[number];

/** A pupil as the file gives it: only the fields the file maps are present. */
export interface ParsedPupil {
  row: number;
  upn: string;
  upnTemporary: boolean;
  values: Partial<Record<PupilField, string | boolean | null>>;
}

type Result<T> = { ok: true; value: T } | { ok: false; message: string };

const FLAG_FIELDS = new Set<PupilField>([
  "pupilPremium",
  "fsm",
  "ever6Fsm",
  "lookedAfter",
  "previouslyLookedAfter",
  "eal",
  "serviceChild",
  "otherIntervention",
]);

function parseField(
  field: PupilField,
  raw: string | number,
  today: string,
): Result<string | boolean | null> {
  const text = String(raw).trim();
  if (FLAG_FIELDS.has(field)) return parseFlag(text);
  switch (field) {
    case "legalFirstName":
    case "lastName":
      return parseName(text, PUPIL_FIELD_LABELS[field]);
    case "preferredFirstName":
      return text === "" ? { ok: true, value: null } : parseName(text, PUPIL_FIELD_LABELS[field]);
    case "dateOfBirth":
      return parseDateOfBirth(raw, today);
    case "leftOn":
      return text === "" ? { ok: true, value: null } : parseDate(raw);
    case "yearGroup":
      return parseYearGroup(text);
    case "gender":
      return text === "" ? { ok: true, value: null } : parseGender(text);
    case "senStatus":
      return parseSenStatus(text);
    default:
      return { ok: true, value: text };
  }
}

export interface PupilParse {
  pupils: ParsedPupil[];
  errors: ImportRowError[];
  /** Per row: the values as they will be stored (display text) and the problems found. */
  preview: Array<{
    row: number;
    values: Record<string, string>;
    problems: Array<{ column: string; message: string }>;
  }>;
  /** Every UPN the file names and every year group it gives, rows with other problems included. */
  upns: Set<string>;
  yearGroups: Set<string>;
}

function display(value: string | boolean | null | undefined): string {
  if (value === true) return "Yes";
  if (value === false) return "No";
  return value ?? "";
}

/** Checks every row of a pupil list against the mapping; collects every problem. `today` is London's date. */
export function parsePupilTable(
  table: Table,
  mapping: Record<string, string | null>,
  today: string,
): PupilParse {
  const errors: ImportRowError[] = [];
  const missing = missingRequired(mapping, [...REQUIRED_PUPIL_FIELDS]);
  if (missing.length > 0) {
    for (const field of missing) {
      errors.push({
        row: 1,
        column: PUPIL_FIELD_LABELS[field as PupilField] ?? field,
        value: "",
        message: "No column is mapped to this required field.",
      });
    }
    return { pupils: [], errors, preview: [], upns: new Set(), yearGroups: new Set() };
  }
  const columns = Object.entries(mapping).filter((e): e is [string, PupilField] =>
    (PUPIL_FIELDS as readonly string[]).includes(e[1] ?? ""),
  );
  const upnColumn = columns.find(([, f]) => f === "upn")?.[0] ?? "";
  const firstRowOfUpn = new Map<string, number>();
  const pupils: ParsedPupil[] = [];
  const preview: PupilParse["preview"] = [];
  const upns = new Set<string>();
  const yearGroups = new Set<string>();

  table.rows.forEach((cells, index) => {
    const row = index + 2;
    if (Object.values(cells).every((c) => String(c).trim() === "")) return;
    const problems: Array<{ column: string; message: string }> = [];
    const values: ParsedPupil["values"] = {};
    const shown: Record<string, string> = {};
    let upn = "";
    let upnTemporary = false;
    for (const [column, field] of columns) {
      const raw = cells[column] ?? "";
      if (field === "upn") {
        const result = validateUpn(String(raw));
        if (result.ok) {
          upn = result.upn;
          upns.add(upn);
          upnTemporary = result.temporary;
          shown.upn = result.temporary ? `${upn} (temporary)` : upn;
        } else {
          problems.push({ column, message: result.message });
          shown.upn = String(raw);
        }
        continue;
      }
      const result = parseField(field, raw, today);
      if (result.ok) {
        values[field] = result.value;
        if (field === "yearGroup" && typeof result.value === "string") yearGroups.add(result.value);
        shown[field] = display(result.value);
      } else {
        problems.push({ column, message: result.message });
        shown[field] = String(raw);
      }
    }
    if (upn) {
      const first = firstRowOfUpn.get(upn);
      if (first !== undefined) {
        problems.push({
          column: upnColumn,
          message: `This UPN is also on row ${first}: each pupil appears once.`,
        });
      } else {
        firstRowOfUpn.set(upn, row);
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
    if (problems.length === 0) pupils.push({ row, upn, upnTemporary, values });
  });
  if (pupils.length === 0 && errors.length === 0) {
    errors.push({
      row: 1,
      column: "",
      value: "",
      message: "The file has a header row but no pupils.",
    });
  }
  return { pupils, errors, preview, upns, yearGroups };
}
