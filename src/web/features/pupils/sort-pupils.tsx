import { Table } from "@mantine/core";
import { type Pupil, YEAR_GROUPS } from "../../../contracts/pupil-data.ts";
import { firstNameOf } from "../../../domain/pupil-name.ts";

export type SortKey = "upn" | "name" | "year" | "sen" | "disadvantaged";
export interface SortState {
  key: SortKey;
  direction: "ascending" | "descending";
}

const SEN_ORDER = { E: 0, K: 1, N: 2 } as const;
const byName = (a: Pupil, b: Pupil) =>
  a.lastName.localeCompare(b.lastName, "en-GB") ||
  firstNameOf(a).localeCompare(firstNameOf(b), "en-GB");

const COMPARE: Record<SortKey, (a: Pupil, b: Pupil) => number> = {
  upn: (a, b) => a.upn.localeCompare(b.upn),
  name: byName,
  year: (a, b) =>
    YEAR_GROUPS.indexOf(a.yearGroup) - YEAR_GROUPS.indexOf(b.yearGroup) || byName(a, b),
  sen: (a, b) => SEN_ORDER[a.senStatus] - SEN_ORDER[b.senStatus] || byName(a, b),
  disadvantaged: (a, b) => Number(b.disadvantaged) - Number(a.disadvantaged) || byName(a, b),
};

export function sortPupils(pupils: Pupil[], sort: SortState): Pupil[] {
  const compare = COMPARE[sort.key];
  const sign = sort.direction === "ascending" ? 1 : -1;
  return [...pupils].sort((a, b) => sign * compare(a, b));
}

/** A column header that sorts the table, announcing its order with aria-sort. */
export function SortHeader({
  label,
  column,
  sort,
  onSort,
}: {
  label: string;
  column: SortKey;
  sort: SortState;
  onSort: (sort: SortState) => void;
}) {
  const active = sort.key === column;
  const next = active && sort.direction === "ascending" ? "descending" : "ascending";
  return (
    <Table.Th aria-sort={active ? sort.direction : "none"}>
      <button
        type="button"
        className="sort-button"
        onClick={() => onSort({ key: column, direction: next })}
      >
        {label}
        <span aria-hidden="true">
          {active ? (sort.direction === "ascending" ? "▲" : "▼") : "↕"}
        </span>
      </button>
    </Table.Th>
  );
}
