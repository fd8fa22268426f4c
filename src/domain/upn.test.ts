import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CHECK_ALPHABET, checkLetter, makeUpn, validateUpn } from "./upn.ts";

/*
 * Hand-computed vectors (weights 2–13 on positions 2–13; remainder mod 23 indexes
 * A B C D E F G H J K L M N P Q R T U V W X Y Z, so A=0 … G=6 … K=9, L=10 … Z=22).
 *
 * 1. Permanent, positions 2–13 = 2 0 1 2 0 0 1 1 5 0 0 1 (LA 201, establishment
 *    2001, allocated 2015, serial 001):
 *      2×2 + 0×3 + 1×4 + 2×5 + 0×6 + 0×7 + 1×8 + 1×9 + 5×10 + 0×11 + 0×12 + 1×13
 *    = 4 + 0 + 4 + 10 + 0 + 0 + 8 + 9 + 50 + 0 + 0 + 13 = 98
 *    98 mod 23 = 98 − 92 = 6 → G, so the UPN is G201200115001.
 *
 * 2. Temporary, positions 2–13 = 9 3 8 4 3 2 1 2 4 0 7 K (LA 938, establishment
 *    4321, allocated 2024, serial 07, letter K = 9 in the check alphabet):
 *      9×2 + 3×3 + 8×4 + 4×5 + 3×6 + 2×7 + 1×8 + 2×9 + 4×10 + 0×11 + 7×12 + 9×13
 *    = 18 + 9 + 32 + 20 + 18 + 14 + 8 + 18 + 40 + 0 + 84 + 117 = 378
 *    378 mod 23 = 378 − 368 = 10 → L, so the UPN is L93843212407K.
 *
 * 3. All zeros: sum 0 → A, so A000000000000.
 */
const HAND_COMPUTED = [
  { rest: "201200115001", letter: "G" },
  { rest: "93843212407K", letter: "L" },
  { rest: "000000000000", letter: "A" },
] as const;

/** Further vectors produced by the implementation and cross-checked by `reference` below. */
const GENERATED = ["F999999999999", "H202345611012", "F87340002099Z", "C33020021900A"] as const;

/** An independent, deliberately plain restatement of the DfE algorithm. */
function reference(upn: string): string {
  const letters = "ABCDEFGHJKLMNPQRTUVWXYZ";
  const values = [...upn.slice(1)].map((char) =>
    /\d/.test(char) ? Number(char) : letters.indexOf(char),
  );
  const sum = values.reduce((total, value, index) => total + value * (index + 2), 0);
  return letters[sum % 23] ?? "?";
}

describe("CHECK_ALPHABET", () => {
  it("has 23 letters and leaves out I, O and S", () => {
    expect(CHECK_ALPHABET).toHaveLength(23);
    for (const letter of "IOS") expect(CHECK_ALPHABET).not.toContain(letter);
  });
});

describe("checkLetter", () => {
  it.each(HAND_COMPUTED)("$rest → $letter (hand-computed)", ({ rest, letter }) => {
    expect(checkLetter(rest)).toBe(letter);
  });

  it.each(GENERATED)("agrees with the generated vector %s", (upn) => {
    expect(checkLetter(upn.slice(1))).toBe(upn[0]);
    expect(reference(upn)).toBe(upn[0]);
  });

  it.each([
    ["too short", "20120011500"],
    ["too long", "2012001150011"],
    ["a letter before position 13", "2012A0115001"],
    ["I in position 13", "20120011500I"],
    ["O in position 13", "20120011500O"],
    ["S in position 13", "20120011500S"],
    ["lower case letter", "20120011500k"],
    ["punctuation", "20120011500-"],
    ["a space", "201200 15001"],
  ])("returns null for %s", (_label, rest) => {
    expect(checkLetter(rest)).toBeNull();
  });

  it("matches an independent implementation on random permanent and temporary UPNs", () => {
    const digit = fc.constantFrom(..."0123456789");
    const last = fc.constantFrom(..."0123456789", ...CHECK_ALPHABET);
    fc.assert(
      fc.property(fc.array(digit, { minLength: 11, maxLength: 11 }), last, (first11, tail) => {
        const rest = first11.join("") + tail;
        expect(checkLetter(rest)).toBe(reference(`?${rest}`));
      }),
    );
  });
});

describe("validateUpn", () => {
  it("accepts the hand-computed permanent UPN", () => {
    expect(validateUpn("G201200115001")).toEqual({
      ok: true,
      upn: "G201200115001",
      temporary: false,
    });
  });

  it("accepts the hand-computed temporary UPN", () => {
    expect(validateUpn("L93843212407K")).toEqual({
      ok: true,
      upn: "L93843212407K",
      temporary: true,
    });
  });

  it("trims and upper-cases", () => {
    expect(validateUpn("  g201200115001\t")).toEqual({
      ok: true,
      upn: "G201200115001",
      temporary: false,
    });
    expect(validateUpn("l93843212407k")).toMatchObject({ ok: true, upn: "L93843212407K" });
  });

  it.each(GENERATED)("accepts %s", (upn) => {
    expect(validateUpn(upn)).toMatchObject({ ok: true, upn });
  });

  it("reports the wrong length", () => {
    expect(validateUpn("G2012001150")).toEqual({
      ok: false,
      message: "A UPN has 13 characters; this has 11.",
    });
    expect(validateUpn("G2012001150011")).toEqual({
      ok: false,
      message: "A UPN has 13 characters; this has 14.",
    });
    expect(validateUpn("   ")).toEqual({
      ok: false,
      message: "A UPN has 13 characters; this is empty.",
    });
  });

  it("reports a wrong check letter with the right one", () => {
    expect(validateUpn("A201200115001")).toEqual({
      ok: false,
      message: "The check letter should be G, not A: the UPN may be mistyped.",
    });
    expect(validateUpn("K93843212407K")).toEqual({
      ok: false,
      message: "The check letter should be L, not K: the UPN may be mistyped.",
    });
  });

  it("catches a single mistyped digit through the check letter", () => {
    const result = validateUpn("G201200115002");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/^The check letter should be [A-Z], not G/);
  });

  it("says which position holds a bad character", () => {
    expect(validateUpn("1201200115001")).toEqual({
      ok: false,
      message:
        'Position 1 should be the check letter (a letter from A to Z except I, O and S), not "1".',
    });
    expect(validateUpn("G2012A0115001")).toEqual({
      ok: false,
      message: "Position 6 should be a digit from 0 to 9, not the letter A.",
    });
    expect(validateUpn("G2012 0115001")).toEqual({
      ok: false,
      message: "Position 6 should be a digit from 0 to 9, not a space.",
    });
    expect(validateUpn("G20120011500-")).toEqual({
      ok: false,
      message:
        'Position 13 should be a digit, or a letter from A to Z except I, O and S for a temporary UPN, not "-".',
    });
  });

  it("suggests the digit that a mistyped O, I or S probably was", () => {
    expect(validateUpn("G2012O0115001")).toEqual({
      ok: false,
      message: "Position 6 should be a digit from 0 to 9, not the letter O (did you mean 0?).",
    });
    expect(validateUpn("G20I200115001")).toMatchObject({
      message: expect.stringContaining("(did you mean 1?)"),
    });
    expect(validateUpn("G2012001S5001")).toMatchObject({
      message: expect.stringContaining("(did you mean 5?)"),
    });
  });

  it.each(["I", "O", "S"])("rejects %s as the check letter", (letter) => {
    expect(validateUpn(`${letter}201200115001`)).toEqual({
      ok: false,
      message: `Position 1 is the letter ${letter}, which UPNs never use: the check letter is a letter from A to Z except I, O and S.`,
    });
  });

  it.each(["I", "O", "S"])("rejects %s in position 13 of a temporary UPN", (letter) => {
    expect(validateUpn(`G20120011500${letter.toLowerCase()}`)).toEqual({
      ok: false,
      message: `Position 13 is the letter ${letter}, which UPNs never use: use a digit, or a letter from A to Z except I, O and S for a temporary UPN.`,
    });
  });

  it("checks characters before the check letter", () => {
    expect(validateUpn("A2012O0115001")).toMatchObject({
      message: expect.stringMatching(/^Position 6/),
    });
  });
});

describe("makeUpn", () => {
  it("builds the hand-computed vectors", () => {
    expect(makeUpn(201, 2001, 15, 1)).toBe("G201200115001");
    expect(makeUpn(938, 4321, 24, 7, "K")).toBe("L93843212407K");
    expect(makeUpn(0, 0, 0, 0)).toBe("A000000000000");
  });

  it("accepts a four-digit year of allocation", () => {
    expect(makeUpn(201, 2001, 2015, 1)).toBe("G201200115001");
    expect(makeUpn(330, 2002, 1919, 0, "a")).toBe(makeUpn(330, 2002, 19, 0, "A"));
  });

  it("always produces UPNs that validate", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999 }),
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 999 }),
        (la, establishment, year, serial) => {
          const upn = makeUpn(la, establishment, year, serial);
          expect(validateUpn(upn)).toEqual({ ok: true, upn, temporary: false });
        },
      ),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 99 }),
        fc.constantFrom(...CHECK_ALPHABET),
        (serial, letter) => {
          const upn = makeUpn(873, 4000, 20, serial, letter);
          expect(upn.endsWith(letter)).toBe(true);
          expect(validateUpn(upn)).toEqual({ ok: true, upn, temporary: true });
        },
      ),
    );
  });

  it.each([
    ["LA number too large", () => makeUpn(1000, 1, 1, 1)],
    ["negative establishment", () => makeUpn(201, -1, 1, 1)],
    ["fractional serial", () => makeUpn(201, 1, 1, 1.5)],
    ["year out of range", () => makeUpn(201, 1, 150, 1)],
    ["permanent serial too large", () => makeUpn(201, 1, 1, 1000)],
    ["temporary serial too large", () => makeUpn(201, 1, 1, 100, "A")],
    ["forbidden temporary letter", () => makeUpn(201, 1, 1, 1, "O")],
    ["temporary letter that is not a letter", () => makeUpn(201, 1, 1, 1, "7")],
  ])("throws a RangeError for %s", (_label, build) => {
    expect(build).toThrow(RangeError);
  });
});

describe("validateUpn with characters outside the basic plane", () => {
  it("counts characters, not UTF-16 code units, and names the position", () => {
    expect(validateUpn("G20120011500😀")).toEqual({
      ok: false,
      message:
        'Position 13 should be a digit, or a letter from A to Z except I, O and S for a temporary UPN, not "😀".',
    });
  });
});
