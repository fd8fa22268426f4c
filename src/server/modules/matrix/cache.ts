import { createHash } from "node:crypto";
import { pupilSight } from "../../../domain/pupil-visibility.ts";
import { worksAtSchool } from "../../access/scope.ts";
import type { Actor } from "../../context.ts";
import type { ResolvedView } from "./view.ts";

/**
 * What a viewer may see of a view's pupils, as a key: the schools whose pupils
 * they see named. Their roles alone decide it for a school's leaders and teachers
 * (every pupil of their school) and for everyone outside the school (pseudonyms
 * only). A para-professional's sight hangs on their team, their strategies and the
 * school's setting, which no data version follows, so their matrix is never kept:
 * null.
 */
export function visibilityClassOf(actor: Actor, view: ResolvedView): string | null {
  const named: string[] = [];
  for (const school of view.schools) {
    if (!worksAtSchool(actor, school.schoolId)) continue;
    const roles = actor.memberships
      .filter((m) => m.scopeType === "school" && m.scopeId === school.schoolId)
      .map((m) => m.role);
    // "working" is the narrow setting: whoever sees every pupil under it does so by role.
    if (!pupilSight(roles, "working").allPupils) return null;
    named.push(school.schoolId);
  }
  return `named:${named.sort().join(",")}`;
}

export interface CachedMatrix {
  etag: string;
  /** The response body exactly as the route's serializer writes it. */
  body: string;
  namedPupils: number;
}

/**
 * Built matrices of one app server, each under the key of everything that decides
 * what its viewer sees (the resolved view with its own-school flags and whether
 * they may save the axes, the query, the visibility class) and served only while
 * the data versions it was built under are still the database's: the ETag covers
 * both, so a changed version is a miss. The oldest entry goes first beyond `limit`.
 */
export function matrixCache(limit = 500) {
  const entries = new Map<string, CachedMatrix>();
  return {
    etagFor(key: string, versions: string): string {
      return `"${createHash("sha256").update(key).update("\n").update(versions).digest("base64url").slice(0, 32)}"`;
    },
    get(key: string, etag: string): CachedMatrix | undefined {
      const entry = entries.get(key);
      if (entry?.etag !== etag) return undefined;
      entries.delete(key);
      entries.set(key, entry);
      return entry;
    },
    set(key: string, entry: CachedMatrix): void {
      entries.delete(key);
      entries.set(key, entry);
      for (const oldest of entries.keys()) {
        if (entries.size <= limit) break;
        entries.delete(oldest);
      }
    },
  };
}

/** Whether an If-None-Match header names this ETag (weak or strong, one of a list, or `*`). */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header
    .split(",")
    .map((tag) => tag.trim().replace(/^W\//, ""))
    .some((tag) => tag === "*" || tag === etag);
}
