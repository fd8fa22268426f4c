import type { Matrix } from "../../../contracts/cohort.ts";

/**
 * Okabe–Ito, the colour-blind-safe palette, in an order that keeps the first
 * schools' colours strongest on white; yellow comes last. Every school also gets
 * its own shape, so colour is never the only cue.
 */
export const OKABE_ITO = [
  "#0072B2", // blue
  "#D55E00", // vermilion
  "#009E73", // bluish green
  "#CC79A7", // reddish purple
  "#E69F00", // orange
  "#56B4E9", // sky blue
  "#000000", // black
  "#F0E442", // yellow
] as const;

/** Observable Plot's filled symbols. */
export const SYMBOLS = ["circle", "square", "triangle", "diamond", "star", "cross", "wye"] as const;
export type SymbolName = (typeof SYMBOLS)[number];

/** Shape names for people, as in the legend. */
export const SYMBOL_WORDS: Record<SymbolName, string> = {
  circle: "circle",
  square: "square",
  triangle: "triangle",
  diamond: "diamond",
  star: "star",
  cross: "cross",
  wye: "three-pointed star",
};

export interface SchoolStyle {
  code: string;
  name: string;
  own: boolean;
  colour: string;
  symbol: SymbolName;
}

/** Each school of the view its colour and shape, in the order the server lists the schools. */
export function schoolStyles(schools: Matrix["schools"]): Map<string, SchoolStyle> {
  return new Map(
    schools.map((s, i) => [
      s.code,
      {
        code: s.code,
        name: s.name,
        own: s.own,
        colour: OKABE_ITO[i % OKABE_ITO.length] ?? "#000000",
        symbol: SYMBOLS[i % SYMBOLS.length] ?? "circle",
      },
    ]),
  );
}
