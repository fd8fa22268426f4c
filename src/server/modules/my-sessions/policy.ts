import type { Actor } from "../../context.ts";

/**
 * Who may see and end a session. Everyone signed in manages their own sessions
 * and nobody else's (an administrator ends another person's sessions through
 * users' `endSessions`, which is audited as theirs). Pure.
 */
export const mySessionsPolicy = {
  /** Seeing one's list of sessions: anyone signed in. */
  list: (_actor: Actor): boolean => true,
  /** Ending a session: only one's own. */
  end: (actor: Actor, session: { userId: string }): boolean => actor.userId === session.userId,
};
