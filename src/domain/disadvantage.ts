/** The flags a school's rule for "disadvantaged" can read. */
export interface DisadvantageFlags {
  pupilPremium: boolean;
  fsm: boolean;
  ever6Fsm: boolean;
  lookedAfter: boolean;
  previouslyLookedAfter: boolean;
}

export const DISADVANTAGE_RULES = [
  "pupil_premium",
  "fsm",
  "ever6_fsm",
  "pupil_premium_or_looked_after",
] as const;

export type DisadvantageRule = (typeof DISADVANTAGE_RULES)[number];

/** How each rule reads to a school leader choosing one. */
export const DISADVANTAGE_RULE_LABELS: Record<DisadvantageRule, string> = {
  pupil_premium: "Pupil premium (the default)",
  fsm: "Eligible for free school meals now",
  ever6_fsm: "Free school meals at any time in the last six years (ever-6), or now",
  pupil_premium_or_looked_after: "Pupil premium, looked after, or previously looked after",
};

/** Whether a pupil counts as disadvantaged under the school's rule (pupil premium by default). */
export function isDisadvantaged(
  pupil: DisadvantageFlags,
  rule: DisadvantageRule = "pupil_premium",
): boolean {
  switch (rule) {
    case "pupil_premium":
      return pupil.pupilPremium;
    case "fsm":
      return pupil.fsm;
    case "ever6_fsm":
      return pupil.ever6Fsm || pupil.fsm;
    case "pupil_premium_or_looked_after":
      return pupil.pupilPremium || pupil.lookedAfter || pupil.previouslyLookedAfter;
  }
}
