import { describe, expect, it } from "vitest";
import { isValidShortCode, proposeShortCode } from "./short-code.ts";

const none: ReadonlySet<string> = new Set();

describe("proposeShortCode", () => {
  it.each([
    ["River View Bridge Primary School", "RVB"],
    ["Brookfield Fictional Primary School", "BFR"],
    ["Oakwood Academy", "OAK"],
    ["The Elms Junior School", "ELM"],
    ["St Mary's Catholic Primary School", "MAR"],
    ["St. Mary’s C of E Infant School", "MAR"],
    ["Saint Hilda's Church of England High School", "HIL"],
    ["Holy Trinity CE (VA) Primary School", "HTV"],
    ["Northgate Community College", "NOR"],
    ["King Edward VI Grammar School", "KEV"],
    ["Green Lane", "GLR"],
    ["École Élan Bilingue", "EEB"],
    ["Ashby-de-la-Zouch Nursery", "ADL"],
  ])("%s → %s", (name, code) => {
    expect(proposeShortCode(name, none)).toBe(code);
  });

  it("keeps filler words when nothing else is left", () => {
    expect(proposeShortCode("The High School", none)).toBe("THS");
    expect(proposeShortCode("Free School", none)).toBe("FSR");
  });

  it("pads short names with X", () => {
    expect(proposeShortCode("Ox", none)).toBe("OXX");
    expect(proposeShortCode("Ab Primary", none)).toBe("ABX");
  });

  it("gives names without letters an X-based code from A–Z", () => {
    expect(proposeShortCode("123", none)).toBe("XXX");
    expect(proposeShortCode("", none)).toBe("XXX");
    expect(proposeShortCode("123", new Set(["XXX"]))).toBe("XXA");
    expect(proposeShortCode("!!!", new Set(["XXX", "XXA"]))).toBe("XXB");
  });

  it("keeps the first letter and varies the third, then the second, through the name's letters", () => {
    const name = "River View Bridge Primary School";
    expect(proposeShortCode(name, new Set(["RVB"]))).toBe("RVR");
    expect(proposeShortCode(name, new Set(["RVB", "RVR"]))).toBe("RVI");
    expect(proposeShortCode(name, new Set(["RVB", "RVR", "RVI", "RVV"]))).toBe("RVE");
  });

  it("moves on to the second letter once every third letter is taken", () => {
    const name = "River View Bridge";
    const taken = new Set([..."ABCDEFGHIJKLMNOPQRSTUVWXYZ"].map((letter) => `RV${letter}`));
    expect(proposeShortCode(name, taken)).toBe("RRB");
  });

  it("varies the first letter only when every code starting with it is taken", () => {
    const letters = [..."ABCDEFGHIJKLMNOPQRSTUVWXYZ"];
    const taken = new Set(letters.flatMap((b) => letters.map((c) => `O${b}${c}`)));
    const code = proposeShortCode("Oakwood", taken);
    expect(code).toBe("AAK");
    expect(taken.has(code)).toBe(false);
  });

  it("treats taken codes case-insensitively", () => {
    expect(proposeShortCode("Oakwood", new Set(["oak"]))).not.toBe("OAK");
  });

  it("is deterministic and never returns a taken code", () => {
    const names = [
      "Brookfield Fictional Primary School",
      "Brookfield Federation",
      "Brook Farm Infants",
      "Brookside Fields",
      "123",
      "St John's",
      "Ox",
    ];
    const taken = new Set<string>();
    for (let round = 0; round < 40; round++) {
      for (const name of names) {
        const code = proposeShortCode(name, taken);
        expect(proposeShortCode(name, new Set(taken))).toBe(code);
        expect(isValidShortCode(code)).toBe(true);
        expect(taken.has(code)).toBe(false);
        taken.add(code);
      }
    }
    expect(taken.size).toBe(names.length * 40);
  });

  it("throws only when all 17,576 codes are taken", () => {
    const letters = [..."ABCDEFGHIJKLMNOPQRSTUVWXYZ"];
    const all = letters.flatMap((a) => letters.flatMap((b) => letters.map((c) => `${a}${b}${c}`)));
    const allButOne = new Set(all.filter((code) => code !== "QZJ"));
    expect(proposeShortCode("Oakwood", allButOne)).toBe("QZJ");
    expect(() => proposeShortCode("Oakwood", new Set(all))).toThrow("already taken");
  });
});

describe("isValidShortCode", () => {
  it.each([
    ["RVB", true],
    ["XXX", true],
    ["rvb", false],
    ["RV", false],
    ["RVBX", false],
    ["RV1", false],
    ["ÉLM", false],
    [" RVB", false],
    ["", false],
  ])("%j → %s", (code, valid) => {
    expect(isValidShortCode(code)).toBe(valid);
  });
});
