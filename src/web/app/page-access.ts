/**
 * Who may open a page, said in words. The server decides what each person may
 * read or change; these guards only keep someone from landing on a page that
 * could show them nothing, and tell them why instead of sending them home.
 */

import { notFound } from "@tanstack/react-router";
import type { Me } from "../../contracts/auth.ts";
import type { Role } from "../../contracts/roles.ts";
import { SCHOOL_ROLES } from "../../domain/roles.ts";

/** Thrown by a page guard: the person is signed in but no role of theirs opens the page. */
export class PageForbidden extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "PageForbidden";
  }
}

const GROUPS: ReadonlyArray<{ roles: readonly Role[]; words: string }> = [
  { roles: SCHOOL_ROLES, words: "members of a school's team" },
  { roles: ["school_leader"], words: "the school's leaders" },
  { roles: ["teacher"], words: "teachers" },
  { roles: ["para_professional"], words: "para-professionals" },
  { roles: ["programme_lead"], words: "programme leads" },
  { roles: ["network_admin"], words: "network administrators" },
];

/** "members of a school's team and programme leads" for those roles. */
export function whoMay(roles: readonly Role[]): string {
  let left = [...new Set(roles)];
  const parts: string[] = [];
  for (const group of GROUPS) {
    if (group.roles.every((r) => left.includes(r))) {
      parts.push(group.words);
      left = left.filter((r) => !group.roles.includes(r));
    }
  }
  if (parts.length <= 1) return parts[0] ?? "nobody";
  return `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}

/** "Only the school's leaders can create strategies." */
export function forbiddenReason(roles: readonly Role[], doing: string): string {
  return `Only ${whoMay(roles)} can ${doing}.`;
}

/** A route guard: without one of the roles the page says who may, and why. */
export const requireRole =
  (doing: string, ...roles: Role[]) =>
  ({ context }: { context: { me: Me } }) => {
    if (!context.me.memberships.some((m) => roles.includes(m.role)))
      throw new PageForbidden(forbiddenReason(roles, doing));
  };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An address whose id is not an id names nothing: the not-found page, not the API's complaint. */
export const requireIds =
  (...names: string[]) =>
  ({ params }: { params: Record<string, string> }) => {
    for (const name of names) if (!UUID.test(params[name] ?? "")) throw notFound();
  };
