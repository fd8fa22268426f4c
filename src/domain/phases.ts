/** A school's phase (GIAS's phase of education, folded to the four Cascade uses). */
export const SCHOOL_PHASES = ["primary", "secondary", "special", "all_through"] as const;
export type SchoolPhase = (typeof SCHOOL_PHASES)[number];

export const PHASE_LABELS: Record<SchoolPhase, string> = {
  primary: "Primary",
  secondary: "Secondary",
  special: "Special",
  all_through: "All-through",
};
