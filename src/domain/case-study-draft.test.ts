import { describe, expect, it } from "vitest";
import { buildCaseStudyFacts, type CaseStudySource, yearGroupsText } from "./case-study-draft.ts";

const source = (
  over: Partial<CaseStudySource> = {},
  evaluation: Partial<CaseStudySource["evaluation"]> = {},
): CaseStudySource => ({
  title: "Reading buddies",
  theme: { key: "academically-competent", name: "Academically competent" },
  strand: {
    key: "reading-comprehension",
    name: "Reading comprehension strategies",
    months: 6,
    cost: 1,
    evidence: 4,
  },
  phase: "primary",
  participants: 15,
  yearGroups: ["6", "5"],
  startsOn: "2026-09-07",
  endsOn: "2026-12-14",
  sessionsPerWeek: 3,
  minutesPerSession: 20,
  costPounds: 900,
  cascadeStage: "year_group",
  decision: { reviewedOn: "2026-12-01", text: "Carry on into the spring" },
  ...over,
  evaluation: {
    measureName: "Reading",
    measureKind: "attainment",
    fromLabel: "Autumn 1 2026/27",
    toLabel: "Autumn 2 2026/27",
    comparisonLabel: "Other disadvantaged pupils in the same year groups",
    designKind: "comparison-group",
    groups: [
      { label: "Participants", n: 15, meanBefore: 1.5, meanAfter: 2.4, missing: 0 },
      { label: "Other disadvantaged pupils", n: 12, meanBefore: 1.6, meanAfter: 1.9, missing: 0 },
    ],
    g: 0.4567,
    ciLow: -0.1234,
    ciHigh: 1.0321,
    warnings: [],
    secondary: false,
    ...evaluation,
  },
});

describe("buildCaseStudyFacts", () => {
  it("gives the challenge, what was done, the data, the decision and the stage", () => {
    const f = buildCaseStudyFacts(source());
    expect(f.challenge).toMatchObject({
      theme: "Academically competent",
      yearGroupsText: "Years 5 and 6",
      cohortSize: 15,
      cohortText: "15 pupils in Years 5 and 6",
    });
    expect(f.done).toMatchObject({
      doseText: "3 sessions a week of 20 minutes (60 minutes a week)",
      weeks: 14,
      costPerPupil: 60,
      costBand: { level: 1, label: "very low" },
    });
    expect(f.done.strand?.headline).toBe("+6 months, cost £ (very low), evidence 4/5");
    expect(f.data).toMatchObject({
      designKind: "comparison-group",
      nParticipants: 15,
      nComparison: 12,
      g: 0.46,
      ciLow: -0.12,
      ciHigh: 1.03,
      months: 6,
      suppressed: false,
      series: [
        { label: "Participants", before: 1.5, after: 2.4 },
        { label: "Other disadvantaged pupils", before: 1.6, after: 1.9 },
      ],
    });
    expect(f.data.effectText).toContain("Hedges' g 0.46 (95% CI −0.12 to 1.03)");
    expect(f.data.monthsText).toContain("6 months' additional progress");
    expect(f.decision?.text).toBe("Carry on into the spring");
    expect(f.stage).toBe("year_group");
    expect(f.searchText).toContain("Reading comprehension strategies");
    expect(f.searchText).toContain("comparison group");
    expect(f.searchText).toContain("Years 5 and 6");
  });

  it("gives no months for the before-and-after design, only the standardised change", () => {
    const f = buildCaseStudyFacts(
      source(
        {},
        {
          designKind: "pre-post",
          comparisonLabel: null,
          groups: [{ label: "Participants", n: 15, meanBefore: 1, meanAfter: 2, missing: 0 }],
        },
      ),
    );
    expect(f.data.g).toBe(0.46);
    expect(f.data.months).toBeNull();
    expect(f.data.monthsText).toBeNull();
    expect(f.data.monthsNote).toContain("assume a comparison group");
    expect(f.data.effectText).toContain("Standardised change g 0.46");
    expect(f.searchText).toContain("before and after");
  });

  it("gives no months for a measure other than attainment", () => {
    const f = buildCaseStudyFacts(source({}, { measureKind: "attendance" }));
    expect(f.data.months).toBeNull();
    expect(f.data.monthsNote).toContain("attendance");
  });

  it("suppresses a cohort of 5 or fewer and every figure from it", () => {
    const f = buildCaseStudyFacts(
      source(
        { participants: 5 },
        {
          groups: [
            { label: "Participants", n: 5, meanBefore: 1, meanAfter: 2, missing: 2 },
            { label: "Comparison", n: 12, meanBefore: 1, meanAfter: 1.5, missing: 0 },
          ],
          warnings: [
            {
              code: "small-group",
              text: "Only 5 pupils in the participants with values at both points: fewer than 10, so the result could easily be chance.",
            },
            {
              code: "missing-data",
              text: "2 pupils in the participants lacked a value at one of the points and were left out.",
            },
          ],
        },
      ),
    );
    expect(f.challenge.cohortSize).toBeNull();
    expect(f.challenge.cohortText).not.toMatch(/\b5 pupils\b/u);
    expect(f.done.costPerPupil).toBeNull();
    expect(f.data).toMatchObject({
      g: null,
      ciLow: null,
      ciHigh: null,
      months: null,
      nParticipants: null,
      nComparison: 12,
      suppressed: true,
    });
    expect(f.data.series[0]).toEqual({ label: "Participants", before: null, after: null });
    expect(f.data.series[1]?.before).toBe(1);
    expect(f.data.warnings.join(" ")).not.toMatch(/\b[1-5] pupils?\b/u);
    expect(JSON.stringify(f)).not.toContain("0.46");
  });

  it("suppresses the effect when the comparison group is small", () => {
    const f = buildCaseStudyFacts(
      source(
        {},
        {
          groups: [
            { label: "Participants", n: 15, meanBefore: 1, meanAfter: 2, missing: 0 },
            { label: "Comparison", n: 4, meanBefore: 1, meanAfter: 1.5, missing: 0 },
          ],
        },
      ),
    );
    expect(f.data.g).toBeNull();
    expect(f.data.nComparison).toBeNull();
    expect(f.data.nParticipants).toBe(15);
    expect(f.data.effectText).toContain("5 or fewer");
  });

  it("keeps a count of 6 or more in a warning", () => {
    const text =
      "8 pupils in the participants lacked a value at one of the points and were left out.";
    const f = buildCaseStudyFacts(
      source(
        {},
        {
          groups: [
            { label: "Participants", n: 15, meanBefore: 1, meanAfter: 2, missing: 8 },
            { label: "Comparison", n: 12, meanBefore: 1, meanAfter: 1.5, missing: 0 },
          ],
          warnings: [{ code: "missing-data", text }],
        },
      ),
    );
    expect(f.data.warnings).toEqual([text]);
  });

  it("places the cost per pupil in the EEF's bands", () => {
    const band = (cost: number) =>
      buildCaseStudyFacts(source({ costPounds: cost, participants: 10 })).done.costBand?.label;
    expect(band(799)).toBe("very low");
    expect(band(2000)).toBe("low");
    expect(band(7200)).toBe("moderate");
    expect(band(12000)).toBe("high");
    expect(band(12010)).toBe("very high");
  });
});

describe("yearGroupsText", () => {
  it("names year groups in order", () => {
    expect(yearGroupsText(["5"])).toBe("Year 5");
    expect(yearGroupsText(["6", "4", "5"])).toBe("Years 4, 5 and 6");
    expect(yearGroupsText(["1", "R"])).toBe("Reception and Year 1");
  });
});
