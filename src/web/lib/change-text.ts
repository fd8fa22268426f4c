/** A number for people: at most two decimals, a real minus sign. */
export function formatNumber(value: number, decimals = 2): string {
  const rounded = Number(value.toFixed(decimals));
  const text = String(Math.abs(rounded));
  return rounded < 0 ? `−${text}` : text;
}

/** A change in words with an arrow, never colour alone: "▲ up 1", "▼ down 0.5", "= no change". */
export function changeText(change: number | null, decimals = 2): string {
  if (change === null) return "no earlier value";
  const rounded = Number(change.toFixed(decimals));
  if (rounded === 0) return "= no change";
  return rounded > 0
    ? `▲ up ${formatNumber(rounded, decimals)}`
    : `▼ down ${formatNumber(-rounded, decimals)}`;
}
