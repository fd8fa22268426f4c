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

/**
 * Which flags each rule reads: a pupil counts as disadvantaged when any of them is set.
 * The one statement of the rules; `isDisadvantaged` and the server's SQL filter both read it.
 */
export const DISADVANTAGE_RULE_FLAGS: Record<
  DisadvantageRule,
  readonly (keyof DisadvantageFlags)[]
> = {
  pupil_premium: ["pupilPremium"],
  fsm: ["fsm"],
  ever6_fsm: ["ever6Fsm", "fsm"],
  pupil_premium_or_looked_after: ["pupilPremium", "lookedAfter", "previouslyLookedAfter"],
};

/** The pupils table's column for each flag. */
export const DISADVANTAGE_FLAG_COLUMNS = {
  pupilPremium: "pupil_premium",
  fsm: "fsm",
  ever6Fsm: "ever6_fsm",
  lookedAfter: "looked_after",
  previouslyLookedAfter: "previously_looked_after",
} as const satisfies Record<keyof DisadvantageFlags, string>;

/** A pupil row's flags, as the database holds them. */
export type DisadvantageColumns = {
  [K in keyof DisadvantageFlags as (typeof DISADVANTAGE_FLAG_COLUMNS)[K]]: boolean;
};

/** A school's stored rule as a rule (pupil premium when it is not one). */
export function disadvantageRuleOf(rule: string | null | undefined): DisadvantageRule {
  return (DISADVANTAGE_RULES as readonly string[]).includes(rule ?? "")
    ? (rule as DisadvantageRule)
    : "pupil_premium";
}

/** Whether a pupil counts as disadvantaged under the school's rule (pupil premium by default). */
export function isDisadvantaged(
  pupil: DisadvantageFlags,
  rule: DisadvantageRule = "pupil_premium",
): boolean {
  return DISADVANTAGE_RULE_FLAGS[disadvantageRuleOf(rule)].some((flag) => pupil[flag]);
}

/** The flags of a pupil row (snake_case columns). */
export function disadvantageFlagsOf(row: DisadvantageColumns): DisadvantageFlags {
  return {
    pupilPremium: row.pupil_premium,
    fsm: row.fsm,
    ever6Fsm: row.ever6_fsm,
    lookedAfter: row.looked_after,
    previouslyLookedAfter: row.previously_looked_after,
  };
}

/** Whether the pupil of this row counts as disadvantaged under the school's stored rule. */
export function isRowDisadvantaged(
  row: DisadvantageColumns,
  rule: string | null | undefined,
): boolean {
  return isDisadvantaged(disadvantageFlagsOf(row), disadvantageRuleOf(rule));
}
