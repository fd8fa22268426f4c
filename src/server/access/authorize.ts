import { Forbidden } from "../errors.ts";

/**
 * The one way a handler refuses: a named policy rule says whether this actor may
 * do this to this row, and a "no" becomes the 403 (which the error handler writes
 * to the audit log as a refusal). Rows outside the actor's scope never reach here:
 * the store's scoped loaders answer 404 for them first.
 *
 *   authorize(strategyPolicy.edit(actor, strategy), "Only the school's leaders change a strategy.");
 */
export function authorize(allowed: boolean, why?: string): asserts allowed {
  if (!allowed) throw new Forbidden(why);
}
