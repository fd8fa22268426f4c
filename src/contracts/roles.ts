import { z } from "zod";

import { ROLES, SCOPE_TYPES } from "../domain/roles.ts";

export {
  ROLE_LABELS,
  ROLE_SCOPE,
  ROLES,
  type Role,
  SCOPE_TYPES,
  type ScopeType,
} from "../domain/roles.ts";

export const roleSchema = z.enum(ROLES);
export const scopeTypeSchema = z.enum(SCOPE_TYPES);

export const membershipSchema = z.object({
  role: roleSchema,
  scopeType: scopeTypeSchema,
  scopeId: z.uuid().nullable(),
  /** A readable name for the scope ("the network", a school or cluster name). */
  scopeName: z.string(),
});
export type Membership = z.infer<typeof membershipSchema>;
