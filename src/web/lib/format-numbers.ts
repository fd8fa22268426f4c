const formats = new Map<number, Intl.NumberFormat>();

function formatFor(decimals: number): Intl.NumberFormat {
  let format = formats.get(decimals);
  if (!format) {
    format = new Intl.NumberFormat("en-GB", {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    });
    formats.set(decimals, format);
  }
  return format;
}

/** A number to fixed decimals (`1,234.5`), or a dash when there is none. */
export function formatNumber(value: number | null | undefined, decimals = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return formatFor(decimals).format(value);
}

/** A percentage to whole numbers (`52%`), or a dash. */
export function formatPercent(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : `${formatFor(0).format(value)}%`;
}

/** A signed difference (`+0.27`, `−0.19`), or a dash. */
export function formatSigned(value: number | null | undefined, decimals = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const text = formatFor(decimals).format(Math.abs(value));
  if (Number(text) === 0) return text;
  return value > 0 ? `+${text}` : `−${text}`;
}
