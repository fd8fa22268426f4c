/** An ILIKE pattern matching text that contains `term` literally (its %, _ and \ escaped). */
export function containing(term: string): string {
  return `%${term.replaceAll(/[\\%_]/g, "\\$&")}%`;
}
