import { YEAR_GROUPS } from "../../../contracts/pupil-data.ts";

/** Year groups for selects: Reception, then Year 1 to Year 13. */
export const YEAR_OPTIONS = YEAR_GROUPS.map((y) => ({
  value: y,
  label: y === "R" ? "Reception" : `Year ${y}`,
}));

export const yearLabel = (y: string) => (y === "R" ? "Reception" : `Year ${y}`);
