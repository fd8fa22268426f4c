import { type FieldError, ValidationProblem } from "./errors.ts";

/** A field of a request body that names another row. */
export interface FieldReference {
  field: string;
  /** The id the body gives; a reference the body leaves out (or clears) is not checked. */
  id: string | null | undefined;
  /**
   * Why the id cannot be used here, or null when it can: usually `foundOr(query, message)`,
   * the query finding the row only within what the body may refer to.
   */
  problem: (id: string) => Promise<string | null>;
}

/** A reference's check that the row is found, with the message for when it is not. */
export const foundOr =
  (find: (id: string) => Promise<unknown>, message: string) =>
  async (id: string): Promise<string | null> =>
    (await find(id)) ? null : message;

/**
 * Checks every reference a body makes (and any other field problems already found);
 * a 400 with `detail`, naming each field that refers to what it may not, or nothing.
 */
export async function refuseBadReferences(
  detail: string,
  references: FieldReference[],
  errors: FieldError[] = [],
): Promise<void> {
  const found: FieldError[] = [];
  for (const { field, id, problem } of references) {
    if (!id) continue;
    const message = await problem(id);
    if (message) found.push({ field, message });
  }
  const all = [...found, ...errors];
  if (all.length > 0) throw new ValidationProblem(detail, all);
}
