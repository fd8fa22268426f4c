import type { z } from "zod";
import { ApiProblem } from "./api-client.ts";

/** A Mantine form validator from a shared zod schema: the browser checks what the server will. */
export function validateWith<S extends z.ZodType>(schema: S) {
  return (values: unknown): Record<string, string> => {
    const result = schema.safeParse(values);
    if (result.success) return {};
    const errors: Record<string, string> = {};
    for (const issue of result.error.issues) {
      const key = issue.path.join(".");
      errors[key] ??= issue.message;
    }
    return errors;
  };
}

/** The server's field errors in the shape `form.setErrors` takes. */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  if (!(error instanceof ApiProblem)) return {};
  return Object.fromEntries(error.errors.map((e) => [e.field, e.message]));
}
