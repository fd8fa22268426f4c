import { describe, expect, it } from "vitest";
import {
  checkTeamComposition,
  SUBJECTS,
  type TeamMemberForComposition,
  type TeamRole,
} from "./team-composition.ts";

const member = (teamRole: TeamRole, subject: string | null = null): TeamMemberForComposition => ({
  teamRole,
  subject,
});
const leader = member("leader");
const para = member("para_professional");
const teacher = (subject: string | null = null) => member("teacher", subject);

const SECONDARY_RULE =
  "Secondary: 1 leader, 3 teachers including maths and English, 2 para-professionals";

describe("checkTeamComposition: primary", () => {
  it("is met by 1 leader, 1 teacher and 1 para-professional", () => {
    const result = checkTeamComposition("primary", [leader, teacher(), para]);
    expect(result).toEqual({
      meets: true,
      rule: "Primary: 1 leader, 1 teacher, 1 para-professional",
      items: [
        { key: "leaders", label: "1 leader", required: 1, have: 1, ok: true, note: null },
        { key: "teachers", label: "1 teacher", required: 1, have: 1, ok: true, note: null },
        {
          key: "para_professionals",
          label: "1 para-professional",
          required: 1,
          have: 1,
          ok: true,
          note: null,
        },
      ],
      summary: "Meets the programme's guidance — Primary: 1 leader, 1 teacher, 1 para-professional",
    });
  });

  it("is fine with more members than required", () => {
    const result = checkTeamComposition("primary", [leader, leader, teacher(), teacher(), para]);
    expect(result.meets).toBe(true);
    expect(result.items.map((item) => item.have)).toEqual([2, 2, 1]);
  });

  it("lists what is missing", () => {
    const result = checkTeamComposition("primary", [teacher("maths")]);
    expect(result.meets).toBe(false);
    expect(result.items.map((item) => [item.key, item.ok, item.note])).toEqual([
      ["leaders", false, "0 of 1"],
      ["teachers", true, null],
      ["para_professionals", false, "0 of 1"],
    ]);
    expect(result.summary).toBe("Primary: 1 leader — 0 of 1; 1 para-professional — 0 of 1");
  });

  it("does not ask primary teachers for subjects", () => {
    expect(checkTeamComposition("primary", [leader, teacher(null), para]).meets).toBe(true);
  });

  it("reports an empty team in full", () => {
    const result = checkTeamComposition("primary", []);
    expect(result.meets).toBe(false);
    expect(result.summary).toBe(
      "Primary: 1 leader — 0 of 1; 1 teacher — 0 of 1; 1 para-professional — 0 of 1",
    );
  });
});

describe("checkTeamComposition: secondary", () => {
  it("is met by 1 leader, maths, English and another teacher, and 2 para-professionals", () => {
    const result = checkTeamComposition("secondary", [
      leader,
      teacher("maths"),
      teacher("english"),
      teacher("science"),
      para,
      para,
    ]);
    expect(result.meets).toBe(true);
    expect(result.rule).toBe(SECONDARY_RULE);
    expect(result.summary).toBe(`Meets the programme's guidance — ${SECONDARY_RULE}`);
    expect(result.items.find((item) => item.key === "teachers")).toEqual({
      key: "teachers",
      label: "3 teachers including maths and English",
      required: 3,
      have: 3,
      ok: true,
      note: null,
    });
  });

  it("reports 2 of 3 with English missing", () => {
    const result = checkTeamComposition("secondary", [
      leader,
      teacher("maths"),
      teacher("science"),
      para,
    ]);
    expect(result.meets).toBe(false);
    expect(result.items).toEqual([
      { key: "leaders", label: "1 leader", required: 1, have: 1, ok: true, note: null },
      {
        key: "teachers",
        label: "3 teachers including maths and English",
        required: 3,
        have: 2,
        ok: false,
        note: "2 of 3, English missing",
      },
      {
        key: "para_professionals",
        label: "2 para-professionals",
        required: 2,
        have: 1,
        ok: false,
        note: "1 of 2",
      },
    ]);
    expect(result.summary).toBe(
      "Secondary: 3 teachers including maths and English — 2 of 3, English missing; 2 para-professionals — 1 of 2",
    );
  });

  it("reports English missing even with enough teachers", () => {
    const result = checkTeamComposition("secondary", [
      leader,
      teacher("maths"),
      teacher("science"),
      teacher("history"),
      para,
      para,
    ]);
    const teachers = result.items.find((item) => item.key === "teachers");
    expect(teachers).toMatchObject({ have: 3, ok: false, note: "3 of 3, English missing" });
    expect(result.meets).toBe(false);
    expect(result.summary).toBe(
      "Secondary: 3 teachers including maths and English — 3 of 3, English missing",
    );
  });

  it("names both subjects when neither is there", () => {
    const result = checkTeamComposition("secondary", [teacher("science"), teacher(null)]);
    expect(result.items[1]?.note).toBe("2 of 3, maths and English missing");
  });

  it("says how many teachers there are when there are more than 3 but a subject is missing", () => {
    const result = checkTeamComposition("secondary", [
      teacher("english"),
      teacher("science"),
      teacher("arts"),
      teacher("pe"),
    ]);
    expect(result.items[1]).toMatchObject({
      have: 4,
      ok: false,
      note: "4 teachers, maths missing",
    });
  });

  it("counts subjects only for teachers, not for leaders or para-professionals", () => {
    const result = checkTeamComposition("secondary", [
      member("leader", "english"),
      member("para_professional", "english"),
      para,
      teacher("maths"),
      teacher("science"),
      teacher("history"),
    ]);
    expect(result.items[1]?.note).toBe("3 of 3, English missing");
  });

  it("tolerates stray case and spaces in subject keys", () => {
    const result = checkTeamComposition("secondary", [
      leader,
      teacher(" Maths"),
      teacher("ENGLISH "),
      teacher("science"),
      para,
      para,
    ]);
    expect(result.meets).toBe(true);
  });
});

describe("checkTeamComposition: special and all-through", () => {
  it("applies the primary rule to special schools", () => {
    const result = checkTeamComposition("special", [leader, teacher(), para]);
    expect(result.meets).toBe(true);
    expect(result.rule).toBe("Special (primary rule): 1 leader, 1 teacher, 1 para-professional");
  });

  it("applies the secondary rule to all-through schools", () => {
    const result = checkTeamComposition("all_through", [leader, teacher(), para]);
    expect(result.meets).toBe(false);
    expect(result.rule).toBe(
      "All-through (secondary rule): 1 leader, 3 teachers including maths and English, 2 para-professionals",
    );
    expect(result.summary).toBe(
      "All-through (secondary rule): 3 teachers including maths and English — 1 of 3, maths and English missing; 2 para-professionals — 1 of 2",
    );
  });
});

describe("SUBJECTS", () => {
  it("lists the secondary subjects in order with their labels", () => {
    expect(SUBJECTS.map((subject) => [subject.key, subject.label])).toEqual([
      ["maths", "Maths"],
      ["english", "English"],
      ["science", "Science"],
      ["humanities", "Humanities"],
      ["languages", "Modern languages"],
      ["arts", "Arts"],
      ["pe", "PE"],
      ["computing", "Computing"],
      ["technology", "Design and technology"],
      ["other", "Other"],
    ]);
  });

  it("uses unique lower-case keys", () => {
    const keys = SUBJECTS.map((subject) => subject.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toMatch(/^[a-z]+$/);
  });
});
