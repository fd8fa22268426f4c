import { describe, expect, it } from "vitest";
import { redactNames, type ScannedPupil, scanForNames } from "./name-scan.ts";

const pupil = (p: Partial<ScannedPupil> & { legalFirstName: string; lastName: string }) => ({
  preferredFirstName: null,
  upn: "A123456789012",
  ...p,
});

const words = (text: string, pupils: ScannedPupil[]) =>
  scanForNames(text, pupils).map((h) => h.text);

describe("scanForNames", () => {
  it("finds a first name and a surname as whole words, whatever the case", () => {
    const pupils = [pupil({ legalFirstName: "Noah", lastName: "Violetbank" })];
    expect(words("We worked with noah and the VIOLETBANK family.", pupils)).toEqual([
      "noah",
      "VIOLETBANK",
    ]);
  });

  it("does not match a name inside another word", () => {
    const pupils = [
      pupil({ legalFirstName: "Al", lastName: "Ann" }),
      pupil({ legalFirstName: "Ed", lastName: "Tim" }),
    ];
    expect(words("Also, our Annual review edited the timetable.", pupils)).toEqual([]);
    expect(words("Al read with Ann.", pupils)).toEqual(["Al", "Ann"]);
  });

  it("matches across accents either way", () => {
    expect(words("Zoe loved it", [pupil({ legalFirstName: "Zoë", lastName: "Park" })])).toEqual([
      "Zoe",
    ]);
    expect(words("Zoë loved it", [pupil({ legalFirstName: "Zoe", lastName: "Park" })])).toEqual([
      "Zoë",
    ]);
  });

  it("matches straight, curly and missing apostrophes, and a possessive", () => {
    const pupils = [pupil({ legalFirstName: "Sean", lastName: "O'Brien" })];
    expect(words("O\u2019Brien joined", pupils)).toEqual(["O\u2019Brien"]);
    expect(words("OBrien joined", pupils)).toEqual(["OBrien"]);
    expect(words("Sean's reading grew", pupils)).toEqual(["Sean's"]);
    expect(words("Sean\u2019s reading grew", pupils)).toEqual(["Sean\u2019s"]);
  });

  it("finds preferred names", () => {
    const pupils = [
      pupil({ legalFirstName: "Alexander", preferredFirstName: "Sasha", lastName: "Reed" }),
    ];
    expect(words("Sasha said it helped", pupils)).toEqual(["Sasha"]);
  });

  it("finds a multi-word surname whole, and its parts other than particles", () => {
    const pupils = [
      pupil({ legalFirstName: "Mia", lastName: "Van der Berg" }),
      pupil({ legalFirstName: "Leo", lastName: "Smith-Jones" }),
    ];
    expect(words("Thanks to van der Berg.", pupils)).toEqual(["van der Berg"]);
    expect(words("Berg was keen", pupils)).toEqual(["Berg"]);
    expect(words("the van was late, der", pupils)).toEqual([]);
    expect(words("Smith-Jones and Jones", pupils)).toEqual(["Smith-Jones", "Jones"]);
  });

  it("finds a UPN in any case", () => {
    const pupils = [pupil({ legalFirstName: "Mia", lastName: "Cole", upn: "H801200001001" })];
    expect(scanForNames("Ref h801200001001.", pupils)).toEqual([
      { text: "h801200001001", kind: "upn" },
    ]);
  });

  it("reports each word once", () => {
    const pupils = [pupil({ legalFirstName: "Noah", lastName: "Violetbank" })];
    expect(words("Noah, then noah again", pupils)).toEqual(["Noah"]);
  });
});

describe("redactNames", () => {
  it("replaces each name, whole multi-word surnames included", () => {
    const pupils = [pupil({ legalFirstName: "Mia", lastName: "Van der Berg" })];
    expect(redactNames("Keep Mia Van der Berg going; Also fine.", pupils, "X")).toBe(
      "Keep X X going; Also fine.",
    );
  });
});
