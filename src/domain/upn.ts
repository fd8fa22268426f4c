/**
 * The DfE Unique Pupil Number (UPN): 13 characters.
 *
 *   1      check letter
 *   2–4    local authority number (digits)
 *   5–8    DfE establishment number (digits)
 *   9–10   year of allocation (digits)
 *   11–12  serial (digits)
 *   13     a digit (permanent UPN) or a letter (temporary UPN)
 *
 * Check letter: multiply positions 2–13 by the weights 2–13, sum, take the
 * remainder mod 23 and look it up in {@link CHECK_ALPHABET}. A letter in
 * position 13 counts as its index in the same alphabet (A=0 … Z=22).
 */

/** The 23 letters used for check letters and temporary UPNs: A–Z without I, O and S. */
export const CHECK_ALPHABET = "ABCDEFGHJKLMNPQRTUVWXYZ";

export const UPN_LENGTH = 13;

const FORBIDDEN_LETTERS = "IOS";
/** What a mistyped I, O or S most likely stood for, in a digit position. */
const LOOKALIKE_DIGIT: Readonly<Record<string, string>> = { I: "1", O: "0", S: "5" };
const LETTERS_ALLOWED = "a letter from A to Z except I, O and S";

export type UpnResult =
  | { ok: true; upn: string; temporary: boolean }
  | { ok: false; message: string };

const isDigit = (char: string): boolean => char >= "0" && char <= "9";
const isCheckAlphabetLetter = (char: string): boolean =>
  char.length === 1 && CHECK_ALPHABET.includes(char);

/**
 * The check letter for positions 2–13 of a UPN (11 digits, then a digit or a
 * check-alphabet letter, upper case), or null when `rest12` is not of that shape.
 */
export function checkLetter(rest12: string): string | null {
  if (rest12.length !== UPN_LENGTH - 1) return null;
  let sum = 0;
  for (let index = 0; index < rest12.length; index++) {
    const char = rest12.charAt(index);
    const weight = index + 2;
    if (isDigit(char)) {
      sum += Number(char) * weight;
    } else if (index === rest12.length - 1 && isCheckAlphabetLetter(char)) {
      sum += CHECK_ALPHABET.indexOf(char) * weight;
    } else {
      return null;
    }
  }
  return CHECK_ALPHABET.charAt(sum % 23);
}

/** Describes a character for a message: "X", "a space", "the letter O". */
function describe(char: string): string {
  if (char === " ") return "a space";
  if (/^[A-Z]$/.test(char)) return `the letter ${char}`;
  return `"${char}"`;
}

/** The first problem with one character of a 13-character UPN, or null if it is fine. */
function characterProblem(char: string, position: number): string | null {
  if (position === 1) {
    if (isCheckAlphabetLetter(char)) return null;
    if (FORBIDDEN_LETTERS.includes(char)) {
      return `Position 1 is the letter ${char}, which UPNs never use: the check letter is ${LETTERS_ALLOWED}.`;
    }
    return `Position 1 should be the check letter (${LETTERS_ALLOWED}), not ${describe(char)}.`;
  }
  if (position < UPN_LENGTH) {
    if (isDigit(char)) return null;
    const lookalike = LOOKALIKE_DIGIT[char];
    const hint = lookalike ? ` (did you mean ${lookalike}?)` : "";
    return `Position ${position} should be a digit from 0 to 9, not ${describe(char)}${hint}.`;
  }
  if (isDigit(char) || isCheckAlphabetLetter(char)) return null;
  if (FORBIDDEN_LETTERS.includes(char)) {
    return `Position 13 is the letter ${char}, which UPNs never use: use a digit, or ${LETTERS_ALLOWED} for a temporary UPN.`;
  }
  return `Position 13 should be a digit, or ${LETTERS_ALLOWED} for a temporary UPN, not ${describe(char)}.`;
}

/**
 * Checks a UPN as typed or exported (surrounding whitespace and lower case are
 * allowed) and returns it normalised, with whether it is temporary.
 */
export function validateUpn(raw: string): UpnResult {
  const upn = raw.trim().toUpperCase();
  const chars = [...upn];
  const length = chars.length;
  if (length === 0) {
    return { ok: false, message: "A UPN has 13 characters; this is empty." };
  }
  if (length !== UPN_LENGTH) {
    return { ok: false, message: `A UPN has 13 characters; this has ${length}.` };
  }
  for (const [index, char] of chars.entries()) {
    const problem = characterProblem(char, index + 1);
    if (problem) return { ok: false, message: problem };
  }
  const expected = checkLetter(upn.slice(1));
  const actual = upn.charAt(0);
  if (expected !== actual) {
    return {
      ok: false,
      message: `The check letter should be ${expected}, not ${actual}: the UPN may be mistyped.`,
    };
  }
  return { ok: true, upn, temporary: !isDigit(upn.charAt(UPN_LENGTH - 1)) };
}

function digits(value: number, width: number, what: string, max: number): string {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`The ${what} must be a whole number from 0 to ${max}, not ${value}.`);
  }
  return String(value).padStart(width, "0");
}

/**
 * Builds a valid UPN. `year` is the year of allocation, either two digits
 * (0–99) or a full year (1900–2099). A permanent UPN takes a serial of 0–999
 * (positions 11–13); a temporary one a serial of 0–99 and a letter from
 * {@link CHECK_ALPHABET} for position 13. Throws a RangeError on bad input.
 */
export function makeUpn(
  la: number,
  establishment: number,
  year: number,
  serial: number,
  temporaryLetter?: string,
): string {
  const yy = year >= 1900 && year <= 2099 ? year % 100 : year;
  let tail: string;
  if (temporaryLetter === undefined) {
    tail = digits(serial, 3, "serial", 999);
  } else {
    const letter = temporaryLetter.toUpperCase();
    if (!isCheckAlphabetLetter(letter)) {
      throw new RangeError(
        `A temporary UPN ends with ${LETTERS_ALLOWED}, not "${temporaryLetter}".`,
      );
    }
    tail = digits(serial, 2, "serial of a temporary UPN", 99) + letter;
  }
  const rest =
    digits(la, 3, "LA number", 999) +
    digits(establishment, 4, "establishment number", 9999) +
    digits(yy, 2, "year of allocation", 99) +
    tail;
  const check = checkLetter(rest);
  if (check === null) throw new RangeError(`Cannot build a UPN from "${rest}".`);
  return check + rest;
}
