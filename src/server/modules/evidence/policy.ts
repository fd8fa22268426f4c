import type { Actor } from "../../context.ts";

/**
 * Who may see what works across the network. Everyone signed in reads it: it
 * holds no pupil, only shared group figures, and small groups are held back by
 * the pooling itself. A school appears by name only where its leaders chose to
 * be named when sharing, to every reader alike (its own staff included);
 * otherwise by its pseudonym.
 */
export const evidencePolicy = {
  /** Read the network's shared results and their pools: anyone signed in. */
  read: (_actor: Actor): boolean => true,
  /** Show the school's name beside a shared result: only when it was shared named. */
  nameSchool: (_actor: Actor, result: { named: boolean }): boolean => result.named,
};
