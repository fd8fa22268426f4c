import { describe, expect, it } from "vitest";
import {
  bandFor,
  type CandidatePupil,
  COHORT_MAX,
  COHORT_MIN,
  COHORT_TARGET,
  cohortSizeWarning,
  DEFAULT_WEIGHTS,
  isBehindPeers,
  MIN_BAND_PUPILS,
  PROGRESS_THRESHOLD,
  progressBands,
  rankCandidates,
  WEIGHT_EXPLANATIONS,
  weightExplanations,
} from "./cohort.ts";

/** A disadvantaged Year 4 pupil below expected in maths, with no incidents and 95% attendance. */
function pupil(overrides: Partial<CandidatePupil> = {}): CandidatePupil {
  const id = overrides.id ?? "P01";
  return {
    id,
    upn: `UPN-${id}`,
    yearGroup: "4",
    disadvantaged: true,
    otherIntervention: false,
    inStrategy: false,
    coreDistances: [{ measureName: "Maths grade", distance: -1 / 9 }],
    attainmentNow: null,
    attainmentBefore: null,
    behaviourIncidents: 0,
    attendance: 95,
    ...overrides,
  };
}

const change = (before: number, delta: number) => ({
  attainmentBefore: before,
  attainmentNow: before + delta,
});

function only(pupils: CandidatePupil[], id = "P01") {
  const found = rankCandidates(pupils).find((candidate) => candidate.id === id);
  if (!found) throw new Error(`No candidate ${id}`);
  return found;
}

const codes = (candidate: { reasons: Array<{ code: string }> }) =>
  candidate.reasons.map((reason) => reason.code);

describe("progressBands", () => {
  it("cuts quintiles by nearest rank and keeps tied starting points together (hand-computed)", () => {
    // Starting points 0,0,0,1,1,2,3,3,3,3 (n = 10): cuts at ranks 2,4,6,8,10 → 0,1,2,3,3,
    // so four bands: ≤0 (3 pupils), (0,1] (2), (1,2] (1), (2,3] (4).
    const befores = [3, 0, 1, 3, 0, 2, 3, 1, 0, 3];
    const deltas = [0.1, 0.2, 0.05, 0.3, 0.0, -0.1, 0.2, 0.15, 0.1, 0.0];
    const bands = progressBands(befores.map((before, i) => change(before, deltas[i] ?? 0)));
    expect(
      bands.map(({ band, lowest, highest, pupils }) => [band, lowest, highest, pupils]),
    ).toEqual([
      [1, 0, 0, 3],
      [2, 1, 1, 2],
      [3, 2, 2, 1],
      [4, 3, 3, 4],
    ]);
    // Medians: band 1 {0.2, 0, 0.1} → 0.1; band 2 {0.05, 0.15} → 0.1; band 3 → −0.1;
    // band 4 {0.1, 0.3, 0.2, 0} → (0.1 + 0.2) / 2 = 0.15.
    const medians = bands.map((band) => band.medianChange);
    expect(medians[0]).toBeCloseTo(0.1, 12);
    expect(medians[1]).toBeCloseTo(0.1, 12);
    expect(medians[2]).toBeCloseTo(-0.1, 12);
    expect(medians[3]).toBeCloseTo(0.15, 12);
  });

  it("makes five equal bands from distinct starting points", () => {
    const pupils = Array.from({ length: 20 }, (_, i) => change(i / 20, 0));
    const bands = progressBands(pupils);
    expect(bands.map((band) => band.pupils)).toEqual([4, 4, 4, 4, 4]);
    expect(bands.map((band) => band.highest)).toEqual([0.15, 0.35, 0.55, 0.75, 0.95]);
  });

  it("puts everyone in one band when all start at the same point", () => {
    const bands = progressBands([change(0, 0.1), change(0, 0.2), change(0, 0.4)]);
    expect(bands).toEqual([{ band: 1, lowest: 0, highest: 0, pupils: 3, medianChange: 0.2 }]);
  });

  it("leaves out pupils missing either value, and is empty without any", () => {
    const bands = progressBands([
      change(0, 0.1),
      { attainmentBefore: 0, attainmentNow: null },
      { attainmentBefore: null, attainmentNow: 0.3 },
      { attainmentBefore: Number.NaN, attainmentNow: 0.3 },
    ]);
    expect(bands).toEqual([{ band: 1, lowest: 0, highest: 0, pupils: 1, medianChange: 0.1 }]);
    expect(progressBands([])).toEqual([]);
  });

  it("finds a starting point's band", () => {
    const bands = progressBands(Array.from({ length: 10 }, (_, i) => change(i, 0)));
    expect(bandFor(bands, 0)?.band).toBe(1);
    expect(bandFor(bands, 1.5)?.band).toBe(2);
    expect(bandFor(bands, 9)?.band).toBe(5);
    expect(bandFor(bands, 9.5)).toBeNull();
    expect(bandFor([], 0)).toBeNull();
  });
});

describe("isBehindPeers", () => {
  // One band of 5 at starting point 0 with median change 0.10.
  const peers = [0.1, 0.1, 0.1, 0.2, 0.3].map((delta) => change(0, delta));
  const bands = progressBands(peers);

  it("is behind only when more than the threshold below the band's median", () => {
    expect(isBehindPeers(change(0, 0.07), bands)).toBe(true);
    // Exactly 0.02 below is not "more than" (despite floating-point rounding).
    expect(isBehindPeers(change(0, 0.08), bands)).toBe(false);
    expect(isBehindPeers(change(0, 0.1), bands)).toBe(false);
    expect(isBehindPeers(change(0, 0.09), bands, 0.005)).toBe(true);
  });

  it("cannot judge without both values or with too small a band", () => {
    expect(isBehindPeers({ attainmentBefore: 0, attainmentNow: null }, bands)).toBeNull();
    const small = progressBands(peers.slice(0, MIN_BAND_PUPILS - 1));
    expect(isBehindPeers(change(0, -1), small)).toBeNull();
    expect(isBehindPeers(change(1, -1), bands)).toBeNull();
  });
});

describe("rankCandidates: criteria", () => {
  it("proposes a disadvantaged, underachieving, invisible pupil and explains every point", () => {
    const candidate = only([pupil()]);
    expect(candidate).toEqual({
      id: "P01",
      score: 8,
      status: "proposed",
      reasons: [
        { code: "disadvantaged", text: "Disadvantaged under the school's rule", points: 3 },
        { code: "below-expected", text: "Below expected in Maths grade", points: 3 },
        {
          code: "good-behaviour",
          text: "Good behaviour record (no incidents at the latest point)",
          points: 1,
        },
        {
          code: "middling-attendance",
          text: "Attendance of 95%: not low enough for the attendance list",
          points: 1,
        },
      ],
    });
  });

  it("holds back a pupil who is not disadvantaged", () => {
    const candidate = only([pupil({ disadvantaged: false })]);
    expect(candidate.status).toBe("held-back");
    expect(candidate.score).toBe(5);
    expect(candidate.reasons[0]).toEqual({
      code: "not-disadvantaged",
      text: "Not disadvantaged under the school's rule",
      points: 0,
    });
  });

  it("names the core measures below expected", () => {
    const two = pupil({
      coreDistances: [
        { measureName: "Maths grade", distance: -1 / 9 },
        { measureName: "English grade", distance: -2 / 9 },
      ],
    });
    expect(only([two]).reasons[1]?.text).toBe("Below expected in Maths grade and English grade");
    const three = pupil({
      coreDistances: [
        { measureName: "Reading", distance: -1 / 3 },
        { measureName: "Writing", distance: 0 },
        { measureName: "Maths", distance: -1 / 3 },
        { measureName: "Science", distance: null },
        { measureName: "Spelling", distance: -0.1 },
      ],
    });
    expect(only([three]).reasons[1]?.text).toBe("Below expected in Reading, Maths and Spelling");
  });

  it("holds back a pupil who is not underachieving on the latest data", () => {
    const candidate = only([pupil({ coreDistances: [{ measureName: "Maths", distance: 0 }] })]);
    expect(candidate.status).toBe("held-back");
    expect(candidate.reasons).toContainEqual({
      code: "not-underachieving",
      text: "Not underachieving on the latest data",
      points: 0,
    });
  });

  it("holds back a pupil with no attainment data at the latest point", () => {
    for (const coreDistances of [[], [{ measureName: "Maths", distance: null }]]) {
      const candidate = only([pupil({ coreDistances })]);
      expect(candidate.status).toBe("held-back");
      expect(codes(candidate)).toContain("no-attainment-data");
      expect(codes(candidate)).not.toContain("not-underachieving");
      expect(candidate.reasons.find((r) => r.code === "no-attainment-data")?.text).toBe(
        "No attainment data at the latest point",
      );
    }
  });

  it.each([
    ["6", "Year 6"],
    ["Y11", "Year 11"],
    ["Year 13", "Year 13"],
  ])("holds back a pupil in an exam year (%s)", (yearGroup, shown) => {
    const candidate = only([pupil({ yearGroup })]);
    expect(candidate.status).toBe("held-back");
    expect(candidate.reasons).toContainEqual({
      code: "exam-year",
      text: `In an exam year (${shown})`,
      points: 0,
    });
  });

  it.each([
    "R",
    "5",
    "10",
    "12",
    "unknown",
  ])("does not treat year group %s as an exam year", (y) => {
    expect(codes(only([pupil({ yearGroup: y })]))).not.toContain("exam-year");
  });

  it("holds back a pupil already in another intervention or one of the team's strategies", () => {
    const other = only([pupil({ otherIntervention: true })]);
    expect(other.status).toBe("held-back");
    expect(other.reasons).toContainEqual({
      code: "other-intervention",
      text: "Already receiving another intervention",
      points: 0,
    });
    const strategy = only([pupil({ inStrategy: true })]);
    expect(strategy.status).toBe("held-back");
    expect(codes(strategy)).toContain("in-strategy");
  });

  it("scores a good behaviour record of 0 or 1 incidents only", () => {
    expect(only([pupil({ behaviourIncidents: 1 })]).reasons).toContainEqual({
      code: "good-behaviour",
      text: "Good behaviour record (1 incident at the latest point)",
      points: 1,
    });
    expect(codes(only([pupil({ behaviourIncidents: 2 })]))).not.toContain("good-behaviour");
    expect(codes(only([pupil({ behaviourIncidents: null })]))).not.toContain("good-behaviour");
  });

  it("scores middling attendance from 90% to under 97% and flags attendance below 90%", () => {
    const scoreAt = (attendance: number | null) => only([pupil({ attendance })]);
    expect(codes(scoreAt(90))).toContain("middling-attendance");
    expect(scoreAt(96.94).reasons.at(-1)?.text).toBe(
      "Attendance of 96.9%: not low enough for the attendance list",
    );
    expect(codes(scoreAt(97))).not.toContain("middling-attendance");
    expect(codes(scoreAt(null))).not.toContain("middling-attendance");
    const low = scoreAt(89.9);
    expect(low.status).toBe("proposed");
    expect(low.score).toBe(7);
    expect(low.reasons.at(-1)).toEqual({
      code: "low-attendance",
      text: "Attendance below 90%: likely already on the attendance list",
      points: 0,
    });
  });
});

describe("rankCandidates: progress behind peers", () => {
  // 20 peers in four bands of 5 (starting points −0.4, −0.2, 0.2, 0.4), each gaining 0.1,
  // and the middle band at starting point 0 made up of four peers and the pupil.
  const peers = [-0.4, -0.2, 0.2, 0.4].flatMap((before) =>
    Array.from({ length: 5 }, (_, i) =>
      pupil({ id: `Q${before}-${i}`, disadvantaged: false, ...change(before, 0.1) }),
    ),
  );
  const middle = Array.from({ length: 4 }, (_, i) =>
    pupil({ id: `M${i}`, disadvantaged: false, ...change(0, 0.1) }),
  );
  const atExpected = [{ measureName: "Maths grade", distance: 0 }];

  it("proposes a pupil at expected whose progress is behind peers of a similar starting point", () => {
    const slow = pupil({ coreDistances: atExpected, ...change(0, 0.05) });
    const candidate = only([...peers, ...middle, slow]);
    expect(candidate.status).toBe("proposed");
    expect(candidate.reasons).toContainEqual({
      code: "progress-behind",
      text: "Less progress since the previous point than pupils with a similar starting point",
      points: 2,
    });
    expect(codes(candidate)).not.toContain("below-expected");
    expect(candidate.score).toBe(3 + 2 + 1 + 1);
  });

  it("does not count a pupil whose progress is within the threshold of the median", () => {
    const close = pupil({ coreDistances: atExpected, ...change(0, 0.1 - PROGRESS_THRESHOLD / 2) });
    const candidate = only([...peers, ...middle, close]);
    expect(codes(candidate)).not.toContain("progress-behind");
    expect(candidate.status).toBe("held-back");
  });

  it("takes a custom progress threshold", () => {
    const close = pupil({ coreDistances: atExpected, ...change(0, 0.09) });
    const ranked = rankCandidates([...peers, ...middle, close], { progressThreshold: 0.005 });
    expect(codes(ranked.find((c) => c.id === "P01") ?? { reasons: [] })).toContain(
      "progress-behind",
    );
  });
});

describe("rankCandidates: order and weights", () => {
  const school: CandidatePupil[] = [
    pupil({ id: "C", attendance: 99 }), // 7, proposed
    pupil({ id: "A" }), // 8, proposed
    pupil({ id: "B", behaviourIncidents: 4 }), // 7, proposed
    pupil({ id: "D", yearGroup: "11" }), // 8, held back
    pupil({ id: "E", disadvantaged: false, attendance: 99 }), // 4, held back
  ];

  it("breaks ties in score by UPN, not by id, so row ids from the database never decide", () => {
    // Equal scores; ids in one order, UPNs in the other.
    const tied = [
      pupil({ id: "a", upn: "Z990100000003" }),
      pupil({ id: "b", upn: "Z990100000001" }),
      pupil({ id: "c", upn: "Z990100000002" }),
    ];
    expect(rankCandidates(tied).map((c) => c.id)).toEqual(["b", "c", "a"]);
    expect(rankCandidates([...tied].reverse()).map((c) => c.id)).toEqual(["b", "c", "a"]);
    // The same pupils under fresh ids (another database) rank in the same order.
    const renamed = tied.map((p, i) => ({ ...p, id: `other-${2 - i}` }));
    expect(rankCandidates(renamed).map((c) => renamed.find((p) => p.id === c.id)?.upn)).toEqual([
      "Z990100000001",
      "Z990100000002",
      "Z990100000003",
    ]);
  });

  it("puts proposed pupils first, then the highest score, then UPN", () => {
    const ranked = rankCandidates(school);
    expect(ranked.map((c) => [c.id, c.status, c.score])).toEqual([
      ["A", "proposed", 8],
      ["B", "proposed", 7],
      ["C", "proposed", 7],
      ["D", "held-back", 8],
      ["E", "held-back", 4],
    ]);
  });

  it("gives the same ranking whatever the input order", () => {
    const reference = rankCandidates(school);
    expect(rankCandidates([...school].reverse())).toEqual(reference);
    expect(
      rankCandidates([school[3], school[0], school[4], school[2], school[1]] as CandidatePupil[]),
    ).toEqual(reference);
  });

  it("applies custom weights to the points and the score", () => {
    const ranked = rankCandidates(school, {
      weights: { goodBehaviour: 5, belowExpected: undefined },
    });
    const a = ranked.find((c) => c.id === "A");
    expect(a?.score).toBe(3 + 3 + 5 + 1);
    expect(a?.reasons.find((r) => r.code === "good-behaviour")?.points).toBe(5);
    expect(ranked.map((c) => c.id).slice(0, 3)).toEqual(["A", "C", "B"]);
  });

  it("returns an empty list for an empty school", () => {
    expect(rankCandidates([])).toEqual([]);
  });
});

describe("weight explanations", () => {
  it("shows the default weights", () => {
    const points = Object.fromEntries(WEIGHT_EXPLANATIONS.map((w) => [w.code, w.points]));
    expect(points).toMatchObject({
      disadvantaged: DEFAULT_WEIGHTS.disadvantaged,
      "below-expected": 3,
      "progress-behind": 2,
      "good-behaviour": 1,
      "middling-attendance": 1,
      "low-attendance": 0,
      "exam-year": 0,
    });
    expect(new Set(WEIGHT_EXPLANATIONS.map((w) => w.code)).size).toBe(WEIGHT_EXPLANATIONS.length);
    for (const w of WEIGHT_EXPLANATIONS) expect(w.text).toMatch(/^[A-Z].*\.$/);
  });

  it("follows custom weights", () => {
    const custom = weightExplanations({ ...DEFAULT_WEIGHTS, progressBehind: 4 });
    expect(custom.find((w) => w.code === "progress-behind")?.points).toBe(4);
  });
});

describe("cohortSizeWarning", () => {
  it("warns outside 10–20 and is silent inside", () => {
    expect([COHORT_TARGET, COHORT_MIN, COHORT_MAX]).toEqual([15, 10, 20]);
    expect(cohortSizeWarning(8)).toBe("About 15 pupils is the aim: 8 is fewer than 10.");
    expect(cohortSizeWarning(23)).toBe("About 15 pupils is the aim: 23 is more than 20.");
    expect(cohortSizeWarning(0)).toBe("About 15 pupils is the aim: 0 is fewer than 10.");
    for (const n of [10, 15, 20]) expect(cohortSizeWarning(n)).toBeNull();
    expect(cohortSizeWarning(9)).not.toBeNull();
    expect(cohortSizeWarning(21)).not.toBeNull();
  });
});
