import { describe, expect, it } from "vitest";
import {
  CASCADE_STAGES,
  isWidening,
  movesStage,
  stageChangeProblem,
  stageChangeRecord,
} from "./cascade-stage.ts";

describe("cascade stages", () => {
  it("are ordered narrowest first", () => {
    expect(CASCADE_STAGES).toEqual(["target_cohort", "year_group", "whole_school"]);
  });

  it.each([
    ["target_cohort", "year_group", true],
    ["target_cohort", "whole_school", true],
    ["year_group", "whole_school", true],
    ["year_group", "target_cohort", false],
    ["whole_school", "target_cohort", false],
    ["year_group", "year_group", false],
  ])("%s → %s widens: %s", (from, to, widens) => {
    expect(isWidening(from, to)).toBe(widens);
  });

  it("a move is a change to a different stage", () => {
    expect(movesStage("target_cohort", undefined)).toBe(false);
    expect(movesStage("target_cohort", "target_cohort")).toBe(false);
    expect(movesStage("target_cohort", "year_group")).toBe(true);
  });
});

describe("the evidence a change of stage needs", () => {
  it("not moving needs nothing, even with no evidence", () => {
    expect(stageChangeProblem({ from: "year_group", to: undefined, evidence: "" })).toBeNull();
    expect(stageChangeProblem({ from: "year_group", to: "year_group", evidence: null })).toBeNull();
  });

  it("moving wider without evidence asks for the evidence that it works", () => {
    expect(stageChangeProblem({ from: "target_cohort", to: "year_group", evidence: "" })).toEqual({
      title: "Say what justifies the change of stage.",
      field: "stageEvidence",
      message: "Moving a strategy wider needs the evidence that it works.",
    });
  });

  it("moving narrower without evidence asks for a reason", () => {
    expect(
      stageChangeProblem({ from: "whole_school", to: "target_cohort", evidence: undefined }),
    ).toEqual({
      title: "Say what justifies the change of stage.",
      field: "stageEvidence",
      message: "Say why the strategy's reach changes.",
    });
  });

  it("an evaluation whose period ends before the strategy began cannot justify it", () => {
    expect(
      stageChangeProblem({
        from: "target_cohort",
        to: "whole_school",
        evidence: "It works",
        citedCoverage: "ends-before-start",
      }),
    ).toEqual({
      title: "That evaluation cannot justify a change of stage.",
      field: "stageEvaluation",
      message: "Its period ends before the strategy began, so it says nothing about the strategy.",
    });
  });

  it("missing evidence is reported before the cited evaluation's coverage", () => {
    expect(
      stageChangeProblem({
        from: "target_cohort",
        to: "year_group",
        evidence: "",
        citedCoverage: "ends-before-start",
      })?.field,
    ).toBe("stageEvidence");
  });

  it("with evidence (and an evaluation covering the strategy's time) the move may go ahead", () => {
    for (const citedCoverage of [undefined, null, "full", "partial"])
      expect(
        stageChangeProblem({
          from: "target_cohort",
          to: "year_group",
          evidence: "g = 0.4",
          citedCoverage,
        }),
      ).toBeNull();
  });
});

describe("what a change of stage records", () => {
  it("the words alone without a cited evaluation", () => {
    expect(stageChangeRecord("Reading ages up", null)).toBe("Reading ages up");
    expect(stageChangeRecord(undefined, null)).toBe("");
  });

  it("the words and the cited evaluation", () => {
    expect(
      stageChangeRecord("Reading ages up", {
        measureName: "Reading age",
        from: "Autumn 1",
        to: "Summer 2",
        hedgesG: 0.4567,
      }),
    ).toBe("Reading ages up\n(Evaluation cited: Reading age, Autumn 1 to Summer 2, g = 0.46.)");
    expect(stageChangeRecord(null, { measureName: "M", from: "A", to: "B", hedgesG: 0.1 })).toBe(
      "(Evaluation cited: M, A to B, g = 0.10.)",
    );
  });
});
