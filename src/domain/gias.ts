/**
 * Maps rows of the DfE "Get Information About Schools" (GIAS) extract to Cascade
 * schools. Takes rows already parsed from CSV, keyed by header.
 */
import type { SchoolPhase } from "./team-composition.ts";

export const GIAS_COLUMNS = {
  urn: "URN",
  name: "EstablishmentName",
  phase: "PhaseOfEducation (name)",
  localAuthority: "LA (name)",
  postcode: "Postcode",
  type: "TypeOfEstablishment (name)",
  typeGroup: "EstablishmentTypeGroup (name)",
} as const;

export type GiasRow = Record<string, string>;

export type GiasPhaseResult = { ok: true; phase: SchoolPhase } | { ok: false; message: string };

export interface GiasSchool {
  urn: string;
  name: string;
  phase: SchoolPhase;
  localAuthority: string;
  postcode: string;
}

export interface GiasRowError {
  row: number;
  column: string;
  value: string;
  message: string;
}

export type GiasRowResult =
  | { ok: true; school: GiasSchool }
  | { ok: false; errors: GiasRowError[] };

export const NAME_MAX_LENGTH = 200;

/** GIAS's phase values that Cascade accepts, as GIAS writes them. */
const PHASES: ReadonlyArray<readonly [string, SchoolPhase]> = [
  ["Primary", "primary"],
  ["Middle deemed primary", "primary"],
  ["Secondary", "secondary"],
  ["Middle deemed secondary", "secondary"],
  ["16 plus", "secondary"],
  ["All-through", "all_through"],
];

const SPECIAL_TYPE_GROUP = "special schools";

const POSTCODE_PATTERN = /^([A-Z]{1,2}[0-9][A-Z0-9]?|GIR)([0-9][A-Z]{2})$/;

/** Lower case, trimmed, inner runs of whitespace made single spaces. */
function comparable(value: string): string {
  return value.trim().replaceAll(/\s+/g, " ").toLowerCase();
}

/** Header as it should be compared: byte-order mark and surrounding spaces removed. */
function cleanHeader(header: string): string {
  return header.replace(/^\uFEFF/, "").trim();
}

/** The cell under `column`, tolerating a stray byte-order mark or spaces in the header. */
function cell(row: GiasRow, column: string): string {
  const direct = row[column];
  if (direct !== undefined) return direct;
  for (const [header, value] of Object.entries(row)) {
    if (cleanHeader(header) === column) return value;
  }
  return "";
}

/** True when GIAS describes the establishment as a special school. */
function isSpecialSchool(row: GiasRow): boolean {
  return (
    comparable(cell(row, GIAS_COLUMNS.type)).includes("special") ||
    comparable(cell(row, GIAS_COLUMNS.typeGroup)) === SPECIAL_TYPE_GROUP
  );
}

/**
 * The Cascade phase of a GIAS row. Special schools are recognised from their
 * establishment type or type group, whatever their phase of education says.
 */
export function giasPhase(row: GiasRow): GiasPhaseResult {
  if (isSpecialSchool(row)) return { ok: true, phase: "special" };
  const value = comparable(cell(row, GIAS_COLUMNS.phase));
  const found = PHASES.find(([gias]) => comparable(gias) === value);
  if (found) return { ok: true, phase: found[1] };
  if (value === "nursery") {
    return {
      ok: false,
      message:
        "Nursery schools are outside the programme, which works with primary, secondary, special and all-through schools.",
    };
  }
  if (value === "not applicable") {
    return {
      ok: false,
      message:
        "GIAS gives this school's phase as “Not applicable” and does not list it as a special school, so its phase cannot be told. Add it by hand with its phase, or leave it out.",
    };
  }
  const accepted = `${PHASES.map(([gias]) => gias).join(", ")}; special schools are recognised from their type of establishment`;
  return {
    ok: false,
    message:
      value === ""
        ? `The phase of education is missing. Use one of: ${accepted}.`
        : `This phase of education is not one Cascade recognises. Use one of: ${accepted}.`,
  };
}

/** Upper case with one space before the inward code ("sw1a1aa" → "SW1A 1AA"), or null if not a UK postcode shape. */
export function normaliseUkPostcode(value: string): string | null {
  const squashed = value.replaceAll(/\s+/g, "").toUpperCase();
  const match = POSTCODE_PATTERN.exec(squashed);
  if (!match) return null;
  return `${match[1]} ${match[2]}`;
}

/** Checks one GIAS row and reports every problem in it, not just the first. */
export function validateGiasRow(row: GiasRow, rowNumber: number): GiasRowResult {
  const errors: GiasRowError[] = [];
  const fail = (column: string, value: string, message: string) => {
    errors.push({ row: rowNumber, column, value, message });
  };

  const rawUrn = cell(row, GIAS_COLUMNS.urn);
  const urn = rawUrn.trim();
  if (!/^[1-9][0-9]{5}$/.test(urn)) {
    fail(
      GIAS_COLUMNS.urn,
      rawUrn,
      urn === ""
        ? "The URN is missing. It must be 6 digits, from 100000 to 999999."
        : "The URN must be 6 digits, from 100000 to 999999.",
    );
  }

  const rawName = cell(row, GIAS_COLUMNS.name);
  const name = rawName.trim();
  if (name === "") {
    fail(GIAS_COLUMNS.name, rawName, "The school's name is missing.");
  } else if ([...name].length > NAME_MAX_LENGTH) {
    fail(
      GIAS_COLUMNS.name,
      rawName,
      `The school's name has at most ${NAME_MAX_LENGTH} characters.`,
    );
  }

  const phase = giasPhase(row);
  if (!phase.ok) fail(GIAS_COLUMNS.phase, cell(row, GIAS_COLUMNS.phase), phase.message);

  const rawAuthority = cell(row, GIAS_COLUMNS.localAuthority);
  const localAuthority = rawAuthority.trim();
  if (localAuthority === "") {
    fail(GIAS_COLUMNS.localAuthority, rawAuthority, "The local authority is missing.");
  }

  const rawPostcode = cell(row, GIAS_COLUMNS.postcode);
  const postcode = normaliseUkPostcode(rawPostcode);
  if (rawPostcode.trim() === "") {
    fail(GIAS_COLUMNS.postcode, rawPostcode, "The postcode is missing.");
  } else if (postcode === null) {
    fail(
      GIAS_COLUMNS.postcode,
      rawPostcode,
      "This is not a UK postcode. Write it like SW1A 1AA or M1 1AE.",
    );
  }

  if (errors.length > 0 || !phase.ok || postcode === null) {
    return { ok: false, errors };
  }
  return { ok: true, school: { urn, name, phase: phase.phase, localAuthority, postcode } };
}

/**
 * Checks every row of a GIAS extract. `firstDataRow` is the file's line number
 * of the first row (2 when the header is line 1). A URN that appears again is
 * reported on each later row, naming the row where it first appeared; only the
 * first occurrence can become a school.
 */
export function validateGiasRows(
  rows: GiasRow[],
  firstDataRow = 2,
): { schools: GiasSchool[]; errors: GiasRowError[] } {
  const schools: GiasSchool[] = [];
  const errors: GiasRowError[] = [];
  const firstRowOfUrn = new Map<string, number>();

  rows.forEach((row, index) => {
    const rowNumber = firstDataRow + index;
    const result = validateGiasRow(row, rowNumber);
    const rawUrn = cell(row, GIAS_COLUMNS.urn);
    const urn = rawUrn.trim();
    const seenOn = urn === "" ? undefined : firstRowOfUrn.get(urn);
    if (seenOn === undefined && urn !== "") firstRowOfUrn.set(urn, rowNumber);

    const rowErrors = result.ok ? [] : [...result.errors];
    if (seenOn !== undefined) {
      rowErrors.push({
        row: rowNumber,
        column: GIAS_COLUMNS.urn,
        value: rawUrn,
        message: `URN ${urn} appears more than once: it is already on row ${seenOn}.`,
      });
    }
    if (rowErrors.length > 0) errors.push(...rowErrors);
    else if (result.ok) schools.push(result.school);
  });

  return { schools, errors };
}

/** Headers that must be present; the type group column is optional when the type column is there. */
const REQUIRED_COLUMNS = [
  GIAS_COLUMNS.urn,
  GIAS_COLUMNS.name,
  GIAS_COLUMNS.phase,
  GIAS_COLUMNS.localAuthority,
  GIAS_COLUMNS.postcode,
] as const;

/**
 * The required GIAS headers missing from a file, in GIAS_COLUMNS order. The type
 * columns are optional: without them a special school, whose phase GIAS gives
 * as "Not applicable", is reported on its row instead.
 */
export function missingGiasColumns(headers: string[]): string[] {
  const present = new Set(headers.map(cleanHeader));
  return REQUIRED_COLUMNS.filter((column) => !present.has(column));
}
