import { foldForSearch } from "./name-search.ts";

/**
 * The free-text name scan of a case study (issue 16): which words of a text
 * name one of the school's pupils (a legal or preferred first name, a surname)
 * or give a UPN, so the author can be told exactly what to remove.
 *
 * A name matches only as whole words: "Al" is found in "Al said" but not in
 * "Also", "Ann" not in "Annual". Case, accents (Zoë = Zoe) and the kind of
 * apostrophe (O'Brien = O’Brien = OBrien) do not matter, and a possessive
 * ("Zoë's") still names Zoë. A surname of several words ("Van der Berg",
 * "Smith-Jones") matches as the whole, and each of its parts that is not a
 * particle (van, der, de, al…) matches on its own too.
 */

export interface ScannedPupil {
  legalFirstName: string;
  preferredFirstName: string | null;
  lastName: string;
  upn: string;
}

/** A word (or run of words) to remove, as it is written in the text. */
export interface NameHit {
  text: string;
  kind: "name" | "upn";
}

/** Name words too common on their own to stand for a surname part. */
const PARTICLES = new Set([
  "al",
  "ap",
  "bin",
  "binti",
  "da",
  "de",
  "del",
  "della",
  "den",
  "der",
  "di",
  "du",
  "el",
  "ibn",
  "la",
  "le",
  "st",
  "ten",
  "ter",
  "van",
  "von",
]);

/** Letters, marks, digits and apostrophes inside a word; anything else separates words. */
const WORD = /[\p{L}\p{M}\p{N}]+(?:['\u2019\u2018\u02bc][\p{L}\p{M}\p{N}]+)*/gu;

interface Token {
  /** The folded word without apostrophes. */
  key: string;
  /** The same without a possessive "'s", when it has one. */
  bare: string | null;
  start: number;
  end: number;
}

const APOSTROPHES = /['\u2019\u2018\u02bc]/gu;

function tokens(text: string): Token[] {
  return Array.from(text.matchAll(WORD), (m) => {
    const folded = foldForSearch(m[0]);
    const possessive = /'s$/u.test(folded) ? folded.slice(0, -2).replace(APOSTROPHES, "") : null;
    return {
      key: folded.replace(APOSTROPHES, ""),
      bare: possessive,
      start: m.index ?? 0,
      end: (m.index ?? 0) + m[0].length,
    };
  });
}

/** A name as the sequence of folded words it is written with. */
const nameWords = (name: string): string[] => tokens(name).map((t) => t.key);

/** Every sequence of words that names a pupil of the list (or gives their UPN). */
function patternsOf(
  pupils: readonly ScannedPupil[],
): Array<{ words: string[]; kind: NameHit["kind"] }> {
  const seen = new Set<string>();
  const out: Array<{ words: string[]; kind: NameHit["kind"] }> = [];
  const add = (words: string[], kind: NameHit["kind"]) => {
    if (words.length === 0) return;
    const key = words.join(" ");
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ words, kind });
  };
  for (const p of pupils) {
    for (const name of [p.legalFirstName, p.preferredFirstName ?? "", p.lastName]) {
      const words = nameWords(name);
      add(words, "name");
      if (words.length > 1)
        for (const part of words) if (!PARTICLES.has(part) && part.length > 1) add([part], "name");
    }
    add(nameWords(p.upn), "upn");
  }
  // Longest first, so "Van der Berg" is reported whole rather than as "Berg".
  return out.sort((a, b) => b.words.length - a.words.length);
}

/**
 * The words of `text` that name one of `pupils` or give a UPN, each once, in
 * the order they first appear.
 */
export function scanForNames(text: string, pupils: readonly ScannedPupil[]): NameHit[] {
  if (!text.trim() || pupils.length === 0) return [];
  const words = tokens(text);
  const patterns = patternsOf(pupils);
  const taken = new Array<boolean>(words.length).fill(false);
  const hits: Array<NameHit & { at: number }> = [];
  for (const pattern of patterns) {
    const n = pattern.words.length;
    for (let i = 0; i + n <= words.length; i++) {
      if (taken.slice(i, i + n).some(Boolean)) continue;
      const matches = pattern.words.every((w, j) => {
        const token = words[i + j];
        if (!token) return false;
        // A possessive counts on the last word of a name only.
        return token.key === w || (j === n - 1 && token.bare === w);
      });
      if (!matches) continue;
      for (let j = i; j < i + n; j++) taken[j] = true;
      const first = words[i];
      const last = words[i + n - 1];
      if (first && last)
        hits.push({ text: text.slice(first.start, last.end), kind: pattern.kind, at: first.start });
    }
  }
  const unique = new Map<string, NameHit & { at: number }>();
  for (const hit of hits.sort((a, b) => a.at - b.at)) {
    const key = foldForSearch(hit.text);
    if (!unique.has(key)) unique.set(key, hit);
  }
  return [...unique.values()].map(({ text: t, kind }) => ({ text: t, kind }));
}

/**
 * The text with every hit replaced by `replacement`: for text the author did
 * not write in the case study (a strategy review's decision copied into its
 * facts), which is cleaned rather than sent back.
 */
export function redactNames(
  text: string,
  pupils: readonly ScannedPupil[],
  replacement = "[a pupil]",
): string {
  const hits = scanForNames(text, pupils);
  if (hits.length === 0) return text;
  const keys = new Set(
    hits.map((h) =>
      tokens(h.text)
        .map((t) => t.key)
        .join(" "),
    ),
  );
  const words = tokens(text);
  const patterns = [...keys].map((k) => k.split(" ")).sort((a, b) => b.length - a.length);
  let out = "";
  let cursor = 0;
  for (let i = 0; i < words.length; ) {
    const pattern = patterns.find((p) =>
      p.every((w, j) => {
        const token = words[i + j];
        return token !== undefined && (token.key === w || (j === p.length - 1 && token.bare === w));
      }),
    );
    const first = words[i];
    if (!pattern || !first) {
      i++;
      continue;
    }
    const last = words[i + pattern.length - 1] ?? first;
    out += text.slice(cursor, first.start) + replacement;
    cursor = last.end;
    i += pattern.length;
  }
  return out + text.slice(cursor);
}
