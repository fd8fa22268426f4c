import { Select } from "@mantine/core";
import { useState } from "react";

export interface Option {
  value: string;
  label: string;
}

/**
 * A select whose options come from a server-side search: the page owns the
 * query and passes its results; the chosen option stays offered while the
 * results change.
 */
export function SearchSelect({
  options,
  onSearch,
  value,
  onChange,
  loading = false,
  emptyMessage = "Nothing matches",
  ...props
}: {
  label: string;
  options: Option[];
  onSearch: (search: string) => void;
  value?: string | null;
  onChange: (value: string | null) => void;
  loading?: boolean;
  emptyMessage?: string;
  placeholder?: string;
  description?: string;
  error?: React.ReactNode;
  required?: boolean;
  w?: number | string;
}) {
  const [selected, setSelected] = useState<Option | null>(null);
  const data =
    selected &&
    selected.value === (value ?? null) &&
    !options.some((o) => o.value === selected.value)
      ? [selected, ...options]
      : options;
  return (
    <Select
      {...props}
      searchable
      data={data}
      value={value ?? null}
      onChange={(next, option) => {
        setSelected(option ? { value: option.value, label: option.label } : null);
        onChange(next);
      }}
      onSearchChange={onSearch}
      // The server has already filtered by the search.
      filter={({ options: all }) => all}
      nothingFoundMessage={loading ? "Searching…" : emptyMessage}
    />
  );
}
