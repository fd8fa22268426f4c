/**
 * The roles of DESIGN §2 and the scope each is held over. The Zod enums in
 * src/contracts/roles.ts and src/contracts/network.ts are built from these lists.
 */
export const ROLES = [
  "network_admin",
  "programme_lead",
  "school_leader",
  "teacher",
  "para_professional",
] as const;
export type Role = (typeof ROLES)[number];

export const SCOPE_TYPES = ["network", "cluster", "school"] as const;
export type ScopeType = (typeof SCOPE_TYPES)[number];

/** Which scope each role is held over. */
export const ROLE_SCOPE: Record<Role, ScopeType> = {
  network_admin: "network",
  programme_lead: "cluster",
  school_leader: "school",
  teacher: "school",
  para_professional: "school",
};

/** The roles held over a school: the staff who work at it. */
export const SCHOOL_ROLES: readonly Role[] = ["school_leader", "teacher", "para_professional"];

export const ROLE_LABELS: Record<Role, string> = {
  network_admin: "Network administrator",
  programme_lead: "Programme lead",
  school_leader: "School leader",
  teacher: "Teacher",
  para_professional: "Para-professional",
};

/** The roles a school's team invitation offers (a school leader is a "leader" there). */
export const TEAM_ROLES = ["leader", "teacher", "para_professional"] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];
export const TEAM_ROLE_LABELS: Record<TeamRole, string> = {
  leader: "Leader",
  teacher: "Teacher",
  para_professional: "Para-professional",
};
