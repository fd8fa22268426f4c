import { describe, expect, it } from "vitest";
import { findTemplate, PROGRAMME_TEMPLATES } from "./programme-templates.ts";

describe("PROGRAMME_TEMPLATES", () => {
  it("holds the Excellence for Everyone template", () => {
    expect(PROGRAMME_TEMPLATES.map((template) => [template.key, template.name])).toEqual([
      ["excellence-for-everyone", "Excellence for Everyone"],
    ]);
  });

  it("has unique template keys", () => {
    const keys = PROGRAMME_TEMPLATES.map((template) => template.key);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe("the Excellence for Everyone template", () => {
  const template = findTemplate("excellence-for-everyone");
  if (!template) throw new Error("the built-in template is missing");

  it("has the three learner themes", () => {
    expect(template.themes.map((theme) => [theme.key, theme.name])).toEqual([
      ["academically-competent", "Academically Competent Learner"],
      ["self-aware", "Self-Aware Learner"],
      ["resilient", "Resilient Learner"],
    ]);
  });

  it("has six workshops in positions 1 to 6 across the school year", () => {
    expect(template.workshops.map((workshop) => workshop.position)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(template.workshops.map((workshop) => workshop.month)).toEqual([9, 11, 1, 3, 6, 7]);
  });

  it("gives workshops 3 to 5 one theme each, in order, and the others none", () => {
    expect(template.workshops.map((workshop) => workshop.themeKey)).toEqual([
      null,
      null,
      "academically-competent",
      "self-aware",
      "resilient",
      null,
    ]);
  });

  it("refers only to themes it defines", () => {
    const themeKeys = new Set(template.themes.map((theme) => theme.key));
    for (const workshop of template.workshops) {
      if (workshop.themeKey !== null) expect(themeKeys.has(workshop.themeKey)).toBe(true);
    }
  });

  it("writes every text as a sentence or a short title", () => {
    expect(template.description).toMatch(/^[A-Z].*\.$/);
    for (const theme of template.themes) expect(theme.description).toMatch(/^[A-Z].*\.$/);
    for (const workshop of template.workshops) {
      expect(workshop.title.length).toBeGreaterThan(0);
      expect(workshop.title.length).toBeLessThanOrEqual(40);
      expect(workshop.title).not.toMatch(/\.$/);
      expect(workshop.focus).toMatch(/^[A-Z].*\.$/);
    }
  });

  it("has valid months and unique theme keys", () => {
    for (const workshop of template.workshops) {
      expect(Number.isInteger(workshop.month)).toBe(true);
      expect(workshop.month).toBeGreaterThanOrEqual(1);
      expect(workshop.month).toBeLessThanOrEqual(12);
    }
    const keys = template.themes.map((theme) => theme.key);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe("findTemplate", () => {
  it("finds a template by key", () => {
    expect(findTemplate("excellence-for-everyone")?.name).toBe("Excellence for Everyone");
  });

  it("returns undefined for an unknown key", () => {
    expect(findTemplate("excellence")).toBeUndefined();
    expect(findTemplate("")).toBeUndefined();
    expect(findTemplate("Excellence-For-Everyone")).toBeUndefined();
  });
});
