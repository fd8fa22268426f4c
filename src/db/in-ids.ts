/** A UUID no row has: SQL has no empty `IN ()`, so an empty list matches this instead, and so nothing. */
export const NO_ROW_ID = "00000000-0000-0000-0000-000000000000";

/** The ids for `where(column, "in", inIds(ids))`, safe when the list is empty (it then matches no row). */
export function inIds(ids: readonly string[]): string[] {
  return ids.length > 0 ? [...ids] : [NO_ROW_ID];
}
