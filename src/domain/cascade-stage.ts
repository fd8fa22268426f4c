/**
 * How far a strategy reaches (its cascade stage), and what a change of stage
 * needs before it may happen. Pure: the server's PATCH and the web's decision
 * form ask the same questions here.
 */

/** The stages, narrowest first. */
export const CASCADE_STAGES = ["target_cohort", "year_group", "whole_school"] as const;
export type CascadeStage = (typeof CASCADE_STAGES)[number];

/** Whether moving from `from` to `to` widens the strategy's reach. */
export function isWidening(from: string, to: string): boolean {
  return CASCADE_STAGES.indexOf(to as CascadeStage) > CASCADE_STAGES.indexOf(from as CascadeStage);
}

/** A reason a change of stage is refused: a title, the field it is about and what to do. */
export interface StageProblem {
  title: string;
  field: "stageEvidence" | "stageEvaluation";
  message: string;
}

/**
 * The cascade-stage evidence rule. A change of stage (to a different stage)
 * must say what justifies it: moving wider needs the evidence that the
 * strategy works, moving narrower a reason. An evaluation cited for it must
 * cover time since the strategy began. (A cited evaluation must also have a
 * usable effect size: the server checks that with the same rule as sharing.)
 * Not moving, or "moving" to the stage it is at, needs nothing.
 */
export function stageChangeProblem(change: {
  from: string;
  to: string | undefined;
  /** What the person moving it wrote. */
  evidence: string | null | undefined;
  /** The cited evaluation's coverage of the strategy's time, if one was cited. */
  citedCoverage?: string | null;
}): StageProblem | null {
  if (change.to === undefined || change.to === change.from) return null;
  if (!change.evidence)
    return {
      title: "Say what justifies the change of stage.",
      field: "stageEvidence",
      message: isWidening(change.from, change.to)
        ? "Moving a strategy wider needs the evidence that it works."
        : "Say why the strategy's reach changes.",
    };
  if (change.citedCoverage === "ends-before-start")
    return {
      title: "That evaluation cannot justify a change of stage.",
      field: "stageEvaluation",
      message: "Its period ends before the strategy began, so it says nothing about the strategy.",
    };
  return null;
}

/** Whether a change is a real move of stage (one that is recorded). */
export const movesStage = (from: string, to: string | undefined): to is string =>
  to !== undefined && to !== from;

/** The evidence recorded with a change of stage: what was written, and the evaluation cited. */
export function stageChangeRecord(
  evidence: string | null | undefined,
  cited: {
    measureName: string;
    from: string;
    to: string;
    hedgesG: number | null | undefined;
  } | null,
): string {
  if (!cited) return evidence ?? "";
  return `${evidence ?? ""}\n(Evaluation cited: ${cited.measureName}, ${cited.from} to ${cited.to}, g = ${cited.hedgesG?.toFixed(2)}.)`.trim();
}
