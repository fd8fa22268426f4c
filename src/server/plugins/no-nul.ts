import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { type FieldError, ValidationProblem } from "../errors.ts";

const MAX_REPORTED = 20;

/** Where in a parsed query, path or JSON body a string holds a NUL character (U+0000). */
export function nulFields(value: unknown, path = "", found: string[] = []): string[] {
  if (found.length >= MAX_REPORTED) return found;
  if (typeof value === "string") {
    if (value.includes("\u0000")) found.push(path || "body");
  } else if (Array.isArray(value)) {
    for (const [i, item] of value.entries())
      nulFields(item, path ? `${path}.${i}` : String(i), found);
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes("\u0000")) found.push(path ? `${path}.${key}` : key);
      else nulFields(item, path ? `${path}.${key}` : key, found);
    }
  }
  return found;
}

/**
 * No text Cascade accepts may hold a NUL character: PostgreSQL cannot store one in
 * text and refuses it in a query parameter, which surfaced as a 500. One check here,
 * before any route's own validation, covers every query string, path and JSON body.
 */
export const noNulPlugin = fp(async (app: FastifyInstance) => {
  app.addHook("preValidation", async (request) => {
    const fields = [
      ...nulFields(request.params),
      ...nulFields(request.query),
      ...(typeof request.body === "object" || typeof request.body === "string"
        ? nulFields(request.body)
        : []),
    ];
    if (fields.length === 0) return;
    const errors: FieldError[] = fields.map((field) => ({
      field,
      message: "This text holds a NUL character (U+0000), which is not accepted.",
    }));
    throw new ValidationProblem("Text in the request holds a NUL character.", errors);
  });
});
