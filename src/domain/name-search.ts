/**
 * How a name search matches: a term is split into words (at spaces and commas),
 * and a pupil matches when every word appears in one of their names, in any
 * order, ignoring case and accents. So "Noah Violetbank", "Violetbank, Noah" and
 * "zoe" (for Zoë) all find the pupil they mean.
 *
 * Folding is one rule with two homes that must agree: {@link foldForSearch}
 * folds the typed term in JavaScript, and the database folds the stored names
 * with `translate(name, FOLD_FROM, FOLD_TO)` then `lower()` (built in on every
 * PostgreSQL, PGlite included, which ships without the `unaccent` extension).
 * {@link FOLD_FROM} and {@link FOLD_TO} are generated from `foldForSearch`
 * itself, so the two cannot drift apart.
 */

/** Letters that carry no combining mark in Unicode but are read as a plain letter. */
const STANDALONE: Readonly<Record<string, string>> = {
  ø: "o",
  Ø: "o",
  ł: "l",
  Ł: "l",
  đ: "d",
  Đ: "d",
  ħ: "h",
  Ħ: "h",
  ı: "i",
  "\u2019": "'",
  "\u2018": "'",
  ʼ: "'",
};

function foldChar(char: string): string {
  const standalone = STANDALONE[char];
  if (standalone !== undefined) return standalone;
  return char
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
}

/** Lower case without accents: "Zoë" → "zoe", "ŁUKASZ" → "lukasz". */
export function foldForSearch(text: string): string {
  return Array.from(text, foldChar).join("");
}

/** At most this many words of a term count; a full name rarely has more. */
export const MAX_SEARCH_WORDS = 6;

/** The folded words of a search term, without repeats, in the order typed. */
export function searchWords(term: string): string[] {
  const words = foldForSearch(term)
    .split(/[\s,]+/u)
    .filter((word) => word.length > 0);
  return [...new Set(words)].slice(0, MAX_SEARCH_WORDS);
}

function foldTable(): { from: string; to: string } {
  let from = "";
  let to = "";
  // Latin-1 Supplement, Latin Extended-A and B, and the typographic apostrophes.
  const codes: number[] = [];
  for (let code = 0xc0; code <= 0x24f; code += 1) codes.push(code);
  codes.push(0x2bc, 0x2018, 0x2019);
  for (const code of codes) {
    const char = String.fromCodePoint(code);
    const folded = foldChar(char);
    // translate() maps one character to one; longer foldings (none in practice) are left to lower().
    if (folded.length === 1 && folded !== char && /^[a-z']$/.test(folded)) {
      from += char;
      to += folded;
    }
  }
  return { from, to };
}

const TABLE = foldTable();
/** Characters the database replaces, position by position, with {@link FOLD_TO}. */
export const FOLD_FROM = TABLE.from;
/** The plain letters {@link FOLD_FROM} folds to. */
export const FOLD_TO = TABLE.to;
