import { describe, expect, it } from "vitest";
import { FOLD_FROM, FOLD_TO, foldForSearch, MAX_SEARCH_WORDS, searchWords } from "./name-search.ts";

describe("foldForSearch", () => {
  it("drops case and accents", () => {
    expect(foldForSearch("Zoë")).toBe("zoe");
    expect(foldForSearch("ÉLODIE")).toBe("elodie");
    expect(foldForSearch("Łukasz Øberg")).toBe("lukasz oberg");
    expect(foldForSearch("Şahin Çelik")).toBe("sahin celik");
  });
  it("reads a curly apostrophe as a straight one", () => {
    expect(foldForSearch("O\u2019Brien")).toBe("o'brien");
  });
});

describe("searchWords", () => {
  it("splits a full name at spaces and commas, in the order typed", () => {
    expect(searchWords("Noah Violetbank")).toEqual(["noah", "violetbank"]);
    expect(searchWords("Violetbank, Noah")).toEqual(["violetbank", "noah"]);
    expect(searchWords("  Violetbank ,Noah  ")).toEqual(["violetbank", "noah"]);
  });
  it("keeps a hyphenated or apostrophised name as one word", () => {
    expect(searchWords("Smith-Jones O'Neil")).toEqual(["smith-jones", "o'neil"]);
  });
  it("drops repeats and empty terms", () => {
    expect(searchWords("Noah noah NOAH")).toEqual(["noah"]);
    expect(searchWords(" , ")).toEqual([]);
  });
  it("counts only the first few words", () => {
    expect(searchWords("a b c d e f g h")).toHaveLength(MAX_SEARCH_WORDS);
  });
});

describe("the database's fold table", () => {
  it("maps each character to what foldForSearch gives it", () => {
    expect(FOLD_FROM.length).toBe(FOLD_TO.length);
    expect(FOLD_FROM.length).toBeGreaterThan(150);
    for (const [i, char] of Array.from(FOLD_FROM).entries())
      expect(foldForSearch(char)).toBe(FOLD_TO[i]);
  });
  it("covers the accented letters of names schools hold", () => {
    for (const char of "ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖØòóôõöøÙÚÛÜùúûüÝýÿŁłŚśŠšŽžĞğİıŞş\u2019")
      expect(FOLD_FROM).toContain(char);
  });
});
