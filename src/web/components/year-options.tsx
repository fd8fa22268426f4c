import { Select } from "@mantine/core";
import { YEAR_GROUPS } from "../../contracts/pupil-data.ts";
import { yearGroupLabel } from "../../domain/pupil-fields.ts";

export const yearLabel = yearGroupLabel;

/** Year groups for selects: Reception, then Year 1 to Year 13. */
export const YEAR_OPTIONS = YEAR_GROUPS.map((y) => ({ value: y, label: yearLabel(y) }));

/** The "Year group" filter the pupil lists share: empty means every year group. */
export function YearGroupFilter({
  value,
  onChange,
  yearGroups,
  w = 170,
}: {
  value: string | null;
  onChange: (value: string | null) => void;
  /** Only these year groups (e.g. those the school has); all of them when absent. */
  yearGroups?: readonly string[];
  w?: number;
}) {
  return (
    <Select
      label="Year group"
      placeholder="All year groups"
      data={yearGroups ? yearGroups.map((y) => ({ value: y, label: yearLabel(y) })) : YEAR_OPTIONS}
      value={value}
      onChange={onChange}
      clearable
      w={w}
    />
  );
}
