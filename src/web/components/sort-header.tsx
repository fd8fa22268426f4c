import { Table } from "@mantine/core";
import "./data-views.css";

export type SortDirection = "ascending" | "descending";
export interface SortState<K extends string> {
  key: K;
  direction: SortDirection;
}

/**
 * A column header that sorts its table: a button (so the keyboard reaches it)
 * inside a header announcing the current order with aria-sort.
 */
export function SortHeader<K extends string>({
  label,
  column,
  sort,
  onSort,
  numeric = false,
}: {
  label: string;
  column: K;
  sort: SortState<K>;
  onSort: (sort: SortState<K>) => void;
  numeric?: boolean;
}) {
  const active = sort.key === column;
  const next: SortDirection = active && sort.direction === "ascending" ? "descending" : "ascending";
  return (
    <Table.Th
      scope="col"
      aria-sort={active ? sort.direction : "none"}
      className={numeric ? "num" : undefined}
    >
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
