import { z } from "zod";

/** The roles of DESIGN §2, and the kind of thing each is held over. */
export const ROLES = [
  "network_admin",
  "programme_lead",
  "school_leader",
  "teacher",
  "para_professional",
] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);

export const SCOPE_TYPES = ["network", "cluster", "school"] as const;
export type ScopeType = (typeof SCOPE_TYPES)[number];
export const scopeTypeSchema = z.enum(SCOPE_TYPES);

/** Which scope each role is held over. */
export const ROLE_SCOPE: Record<Role, ScopeType> = {
  network_admin: "network",
  programme_lead: "cluster",
  school_leader: "school",
  teacher: "school",
  para_professional: "school",
};

export const ROLE_LABELS: Record<Role, string> = {
  network_admin: "Network administrator",
  programme_lead: "Programme lead",
  school_leader: "School leader",
  teacher: "Teacher",
  para_professional: "Para-professional",
};

export const membershipSchema = z.object({
  role: roleSchema,
  scopeType: scopeTypeSchema,
  scopeId: z.uuid().nullable(),
  /** A readable name for the scope ("the network", a school or cluster name). */
  scopeName: z.string(),
});
export type Membership = z.infer<typeof membershipSchema>;
