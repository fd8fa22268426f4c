/** Three-letter school codes used in pupil pseudonyms such as RVB-07. */

/** Words that say what kind of school it is rather than which school it is. */
export const FILLER_WORDS: ReadonlySet<string> = new Set([
  "the",
  "of",
  "and",
  "st",
  "saint",
  "school",
  "academy",
  "primary",
  "secondary",
  "infant",
  "infants",
  "junior",
  "juniors",
  "church",
  "england",
  "ce",
  "c",
  "e",
  "rc",
  "catholic",
  "community",
  "college",
  "high",
  "special",
  "free",
  "trust",
  "federation",
  "nursery",
  "all",
  "through",
  "voluntary",
  "aided",
  "controlled",
]);

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const CODE_LENGTH = 3;
/** Stands in for letters a name does not have (e.g. "123" → XXX, "Ox" → OXX). */
const PAD_LETTER = "X";

/** Exactly three upper-case letters A–Z. */
export function isValidShortCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code);
}

/** The name's words in lower case, accents removed, split on anything but a–z. */
function wordsOf(name: string): string[] {
  return name
    .normalize("NFD")
    .replaceAll(/\p{M}/gu, "")
    .toLowerCase()
    .replaceAll(/['’`]/g, "")
    .split(/[^a-z]+/)
    .filter((word) => word.length > 0);
}

function unique(letters: Iterable<string>): string[] {
  return [...new Set(letters)];
}

/**
 * Proposes a three-letter code for a school that is not in `taken`: the initials
 * of the significant words of its name, topped up from the letters that follow
 * in the first word, then the later words. If that code is taken, keeps the
 * first letter and varies the second and third through the name's letters, then
 * A–Z; only then varies the first letter too. Deterministic. Throws only if all
 * 17,576 codes are taken.
 */
export function proposeShortCode(schoolName: string, taken: ReadonlySet<string>): string {
  const takenUpper = new Set([...taken].map((code) => code.toUpperCase()));
  const allWords = wordsOf(schoolName);
  const significant = allWords.filter((word) => !FILLER_WORDS.has(word));
  const words = significant.length > 0 ? significant : allWords;

  const initials = words.slice(0, CODE_LENGTH).map((word) => word.charAt(0));
  const topUp = words.flatMap((word, index) => [...word.slice(index < CODE_LENGTH ? 1 : 0)]);
  const base = [...initials, ...topUp]
    .join("")
    .slice(0, CODE_LENGTH)
    .padEnd(CODE_LENGTH, PAD_LETTER)
    .toUpperCase();

  const nameLetters = [...words.join(""), ...allWords.join("")].map((letter) =>
    letter.toUpperCase(),
  );
  const pool = unique([...nameLetters, ...ALPHABET]);
  const [first = PAD_LETTER, second = PAD_LETTER, third = PAD_LETTER] = base;

  for (const a of unique([first, ...pool])) {
    for (const b of unique([second, ...pool])) {
      for (const c of unique([third, ...pool])) {
        const code = `${a}${b}${c}`;
        if (!takenUpper.has(code)) return code;
      }
    }
  }
  throw new Error("Every three-letter code is already taken.");
}
