import { formatCalendarDate } from "./calendar.ts";

/**
 * Parsers for single cells of pupil exports from school MIS (SIMS, Arbor,
 * Bromcom), read from CSV or Excel. Surrounding whitespace never matters.
 * Messages are shown to school staff next to the cell, so each says what was
 * wrong and what is allowed.
 */

export type ParseResult<T> = { ok: true; value: T } | { ok: false; message: string };

export const YEAR_GROUPS = [
  "R",
  "1",
  "2",
  "3",
  "4",
  "5",
  "6",
  "7",
  "8",
  "9",
  "10",
  "11",
  "12",
  "13",
] as const;
export type YearGroup = (typeof YEAR_GROUPS)[number];

/** A year group as people say it: "R" → "Reception", "3" → "Year 3". */
export const yearGroupLabel = (y: string) => (y === "R" ? "Reception" : `Year ${y}`);
export type SenStatus = "N" | "K" | "E";
export type Gender = "F" | "M" | "X";

export const NAME_MAX_LENGTH = 100;

const ok = <T>(value: T): ParseResult<T> => ({ ok: true, value });
const fail = <T>(message: string): ParseResult<T> => ({ ok: false, message });

/** Lower case, punctuation and spaces collapsed to single spaces. */
function words(raw: string): string {
  return raw
    .trim()
    .toLowerCase()
    .replaceAll(/[^a-z0-9]+/g, " ")
    .trim();
}

// ---------------------------------------------------------------- dates

const DATE_HINT = "Use a date like 23/11/2015 (day/month/year) or 2015-11-23.";
const MIN_YEAR = 1900;
const MAX_YEAR = 2099;
/** 9999-12-31, the last date Excel can hold. */
const MAX_EXCEL_SERIAL = 2958465;
const MONTH_NAMES = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
] as const;

/** An optional time after a date, as Excel and some MIS write it: " 00:00" or " 00:00:00". */
const TIME_SUFFIX = String.raw`(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?`;
const DMY = new RegExp(String.raw`^(\d{1,2})([/.\-])(\d{1,2})\2(\d+)${TIME_SUFFIX}$`);
const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:T.*| \d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;
const DAY_MONTH_NAME = /^(\d{1,2})[ -]([a-z]{3,9})[ -](\d+)$/;
const SERIAL = /^\d{1,7}(?:\.\d+)?$/;

const isLeap = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const daysIn = (year: number, month: number): number =>
  [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
const pad = (value: number, width: number): string => String(value).padStart(width, "0");
const monthName = (month: number): string => {
  const name = MONTH_NAMES[month - 1] ?? "";
  return name.charAt(0).toUpperCase() + name.slice(1);
};

/** Checks a day, month and four-digit year and returns the ISO date. */
function buildDate(
  year: number,
  month: number,
  day: number,
  yearText: string,
): ParseResult<string> {
  if (yearText.length !== 4) {
    return fail(`Write the year with four digits, not "${yearText}". ${DATE_HINT}`);
  }
  if (year < MIN_YEAR || year > MAX_YEAR) {
    return fail(`The year ${year} is out of range: use a year from ${MIN_YEAR} to ${MAX_YEAR}.`);
  }
  if (month < 1 || month > 12) {
    return fail(`There is no month ${month}: months run from 1 to 12. ${DATE_HINT}`);
  }
  const last = daysIn(year, month);
  if (day < 1 || day > last) {
    return fail(
      `This is not a real date: ${monthName(month)} ${year} has ${last} days. ${DATE_HINT}`,
    );
  }
  return ok(`${year}-${pad(month, 2)}-${pad(day, 2)}`);
}

/** Excel serial day (1900 date system) to ISO date; serial 60 is Excel's fictitious 29/02/1900. */
export function excelSerialToIso(serial: number): ParseResult<string> {
  const day = Math.floor(serial);
  if (!Number.isFinite(serial) || day < 1 || day > MAX_EXCEL_SERIAL) {
    const shown = Number.isFinite(serial) ? String(serial) : "This";
    return fail(`${shown} is not a date. ${DATE_HINT}`);
  }
  if (day === 60) {
    return fail(`Excel day 60 is 29/02/1900, which never existed. ${DATE_HINT}`);
  }
  // Up to day 59 count from 31/12/1899; after the phantom leap day, from 30/12/1899.
  const epoch = day < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  const date = new Date(epoch + day * 86_400_000);
  return ok(date.toISOString().slice(0, 10));
}

/**
 * A date cell as an ISO date (YYYY-MM-DD). Accepts day/month/year with /, - or .
 * separators (optionally followed by a time), ISO dates and timestamps, "23 Nov
 * 2015", and Excel serial numbers. Years must have four digits, from 1900 to 2099.
 */
export function parseDate(raw: string | number): ParseResult<string> {
  if (typeof raw === "number") return parseSerial(raw);
  const text = raw.trim();
  if (text === "") return fail(`The date is empty. ${DATE_HINT}`);

  const iso = ISO.exec(text);
  if (iso) return buildDate(Number(iso[1]), Number(iso[2]), Number(iso[3]), iso[1] ?? "");

  const dmy = DMY.exec(text);
  if (dmy) {
    const [, dayText = "", separator = "/", monthText = "", yearText = ""] = dmy;
    const day = Number(dayText);
    const month = Number(monthText);
    const year = Number(yearText);
    if (yearText.length === 4 && month > 12 && day >= 1 && day <= 12) {
      // Unambiguously month/day/year, e.g. 12/25/2020.
      const swapped = buildDate(year, day, month, yearText);
      const fix = swapped.ok
        ? `: write ${[monthText, dayText, yearText].join(separator)}.`
        : `. ${DATE_HINT}`;
      return fail(`This looks like month/day/year, but dates here are day/month/year${fix}`);
    }
    return buildDate(year, month, day, yearText);
  }

  const named = DAY_MONTH_NAME.exec(text.toLowerCase());
  if (named) {
    const [, dayText = "", name = "", yearText = ""] = named;
    const month = MONTH_NAMES.findIndex(
      (candidate) => name.length >= 3 && candidate.startsWith(name),
    );
    if (month >= 0) return buildDate(Number(yearText), month + 1, Number(dayText), yearText);
  }

  if (SERIAL.test(text)) return parseSerial(Number(text));
  return fail(`"${text}" is not a date we can read. ${DATE_HINT}`);
}

function parseSerial(serial: number): ParseResult<string> {
  // A bare year (e.g. 2015) is far likelier than an Excel date in 1905.
  if (Number.isInteger(serial) && serial >= MIN_YEAR && serial <= MAX_YEAR) {
    return fail(`${serial} looks like a year on its own. ${DATE_HINT}`);
  }
  return excelSerialToIso(serial);
}

// ---------------------------------------------------------------- year groups

const YEAR_GROUP_HINT = "Use a year group from Reception (R) to Year 13, like R, 7, Y7 or Year 7.";
const YEAR_PREFIX = /^(?:nc ?year|national curriculum year|year group|year|yr|y)? ?(.*)$/;
const RECEPTION = new Set(["r", "rec", "reception"]);

/** "R" or "1"–"13" from 7, 07, Y7, Yr 7, Year 7, NC Year 7, R, Rec, Reception, YR. */
export function parseYearGroup(raw: string | number): ParseResult<YearGroup> {
  const text = words(String(raw));
  if (text === "") return fail(`The year group is empty. ${YEAR_GROUP_HINT}`);
  if (/^(?:n ?[12]|nursery.*|year n|pre ?school|fs1)$/.test(text)) {
    return fail(`Nursery pupils are not included. ${YEAR_GROUP_HINT}`);
  }
  const rest = YEAR_PREFIX.exec(text)?.[1] ?? text;
  if (RECEPTION.has(rest) || text === "yr" || text === "fs2") return ok("R");
  if (/^\d{1,2}$/.test(rest)) {
    const year = Number(rest);
    if (year >= 1 && year <= 13) return ok(String(year) as YearGroup);
    return fail(`There is no Year ${year} in school. ${YEAR_GROUP_HINT}`);
  }
  return fail(`"${String(raw).trim()}" is not a year group. ${YEAR_GROUP_HINT}`);
}

// ---------------------------------------------------------------- flags

const TRUE_WORDS = new Set(["y", "yes", "1", "true", "t"]);
const FALSE_WORDS = new Set(["n", "no", "0", "false", "f", ""]);

/**
 * Yes/no cells: Y/N, Yes/No, 1/0, TRUE/FALSE, T/F in any case. An empty cell is
 * `false`, because MIS exports leave flags blank for "no".
 */
export function parseFlag(raw: string | number | boolean): ParseResult<boolean> {
  if (typeof raw === "boolean") return ok(raw);
  const text = String(raw).trim().toLowerCase();
  if (TRUE_WORDS.has(text)) return ok(true);
  if (FALSE_WORDS.has(text)) return ok(false);
  return fail(
    `"${String(raw).trim()}" is not yes or no. Use Y or N (or Yes/No, True/False, 1/0); a blank cell means no.`,
  );
}

// ---------------------------------------------------------------- SEN status

const SEN: Readonly<Record<string, SenStatus>> = {
  "": "N",
  n: "N",
  none: "N",
  "no sen": "N",
  "no special educational need": "N",
  "no special educational needs": "N",
  k: "K",
  "sen support": "K",
  e: "E",
  s: "E",
  ehcp: "E",
  "ehc plan": "E",
  "education health and care plan": "E",
  statement: "E",
  "statement of sen": "E",
  "statement of special educational needs": "E",
};
const SEN_HINT = "Use N (no SEN), K (SEN support) or E (EHC plan); a blank cell means no SEN.";

/** N, K or E; also "No SEN", "SEN Support", "EHC Plan", "Statement" and SIMS's "K - SEN Support". */
export function parseSenStatus(raw: string): ParseResult<SenStatus> {
  const text = words(raw);
  const direct = SEN[text];
  if (direct) return ok(direct);
  // "K - SEN Support": a code followed by its description.
  const coded = /^([nkes]) (.+)$/.exec(text);
  const code = coded ? SEN[coded[1] ?? ""] : undefined;
  if (code && SEN[coded?.[2] ?? ""] === code) return ok(code);
  return fail(`"${raw.trim()}" is not an SEN status. ${SEN_HINT}`);
}

// ---------------------------------------------------------------- gender

const GENDERS: Readonly<Record<string, Gender>> = {
  f: "F",
  female: "F",
  girl: "F",
  m: "M",
  male: "M",
  boy: "M",
  x: "X",
  u: "X",
  other: "X",
  "not known": "X",
  unknown: "X",
  "non binary": "X",
  nonbinary: "X",
};

/** F, M or X: F/M/Female/Male/Girl/Boy; X/U/Other/Not known/Unknown/Non-binary → X. */
export function parseGender(raw: string): ParseResult<Gender> {
  const gender = GENDERS[words(raw)];
  if (gender) return ok(gender);
  return fail(
    `"${raw.trim()}" is not a gender we recognise. Use F, M or X (or Female, Male, Girl, Boy, Other or Not known).`,
  );
}

// ---------------------------------------------------------------- names

/**
 * A name: trimmed, runs of spaces and tabs collapsed to one space, Unicode NFC.
 * Rejects empty names, names over 100 characters and control characters
 * (including line breaks inside the name). `label` names the field, e.g. "Last name".
 */
export function parseName(raw: string, label: string): ParseResult<string> {
  const name = raw
    .normalize("NFC")
    .trim()
    .replaceAll(/[^\S\r\n]+/g, " ");
  if (name === "")
    return fail(`${label} is empty: enter a name of up to ${NAME_MAX_LENGTH} characters.`);
  if (/\p{Cc}/u.test(name)) {
    return fail(
      `${label} contains a line break or other hidden control character: remove it (names can contain letters, spaces, hyphens and apostrophes, but not control characters).`,
    );
  }
  const length = [...name].length;
  if (length > NAME_MAX_LENGTH) {
    return fail(`${label} has ${length} characters: use at most ${NAME_MAX_LENGTH}.`);
  }
  return ok(name);
}

/**
 * A date of birth: a readable date that is not after today (London). A birth in the
 * future is always a slip (often the year, or day and month swapped).
 */
export function parseDateOfBirth(raw: string | number, today: string): ParseResult<string> {
  const date = parseDate(raw);
  if (!date.ok) return date;
  if (date.value > today) {
    return fail(
      `${formatCalendarDate(date.value)} is in the future: a date of birth is on or before today.`,
    );
  }
  return date;
}
