/**
 * Who may open a page, said in words. The server decides what each person may
 * read or change; these guards only keep someone from landing on a page that
 * could show them nothing, and tell them why instead of sending them home.
 */

import { notFound } from "@tanstack/react-router";
import type { Me } from "../../contracts/auth.ts";

/** Thrown by a page guard: the person is signed in but no role of theirs opens the page. */
export class PageForbidden extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "PageForbidden";
  }
}

/** "Only the school's leaders can create strategies." */
export function forbiddenReason(who: string, doing: string): string {
  return `Only ${who} can ${doing}.`;
}

/** Who a page is for: in the words its refusal uses, and as the abilities that open it. */
export interface PageRule {
  who: string;
  may: (me: Me) => boolean;
}

/**
 * A route guard: unless the server's abilities for the person open the page, the page
 * says who may, and why. The rule reads only what `/api/me` says the person may do.
 */
export const requireAbility =
  (doing: string, rule: PageRule) =>
  ({ context }: { context: { me: Me } }) => {
    if (!rule.may(context.me)) throw new PageForbidden(forbiddenReason(rule.who, doing));
  };

/** The pages for everyone who works at a school, or leads a cluster. */
export const FOR = {
  signedIn: { who: "everyone signed in", may: () => true },
  team: { who: "members of a school's team", may: (me: Me) => me.schools.length > 0 },
  teamOrLeads: {
    who: "members of a school's team and programme leads",
    may: (me: Me) => me.schools.length > 0 || me.clusters.some((c) => c.abilities.openMatrix),
  },
  leads: { who: "programme leads", may: (me: Me) => me.clusters.length > 0 },
  leadsOrAdmins: {
    who: "programme leads and network administrators",
    may: (me: Me) => me.clusters.length > 0 || me.abilities.manageClusters,
  },
  clusterReports: {
    who: "the cluster's programme lead and network administrators",
    may: (me: Me) =>
      me.abilities.readClusterReports || me.clusters.some((c) => c.abilities.readClusterReport),
  },
} satisfies Record<string, PageRule>;

/** A page for those the server lets do one thing at one of their schools, said as who they are. */
export const atSchool = (
  ability: keyof Me["schools"][number]["abilities"],
  who: string,
): PageRule => ({
  who,
  may: (me) => me.schools.some((s) => s.abilities[ability]),
});

/** A page for those who may do one thing at one of their schools (the school's leaders). */
export const schoolLeaders = (ability: keyof Me["schools"][number]["abilities"]): PageRule =>
  atSchool(ability, "the school's leaders");

/** A page for the leads of a cluster who may do one thing there. */
export const clusterLeads = (ability: keyof Me["clusters"][number]["abilities"]): PageRule => ({
  who: "the cluster's programme leads",
  may: (me) => me.clusters.some((c) => c.abilities[ability]),
});

/** A page for those who may use one of the network's tools (the administrators). */
export const administrators = (ability: keyof Me["abilities"]): PageRule => ({
  who: "network administrators",
  may: (me) => me.abilities[ability],
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An address whose id is not an id names nothing: the not-found page, not the API's complaint. */
export const requireIds =
  (...names: string[]) =>
  ({ params }: { params: Record<string, string> }) => {
    for (const name of names) if (!UUID.test(params[name] ?? "")) throw notFound();
  };
