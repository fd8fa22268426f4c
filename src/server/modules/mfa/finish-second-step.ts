import type { FastifyReply, FastifyRequest } from "fastify";
import type { Me } from "../../../contracts/auth.ts";
import { refundAttempts } from "../../access/attempts.ts";
import type { AppDeps } from "../../context.ts";
import { appOrigin } from "../../origin.ts";
import { setSessionCookie } from "../../plugins/session.ts";
import { presentMe } from "../auth/me.ts";
import { noticeSignIn } from "../my-sessions/new-device.ts";
import { userById } from "../users/store.ts";
import { clearChallengeCookie } from "./challenge.ts";
import type { Challenge } from "./store.ts";

/**
 * The end of a sign-in whose second step passed (a code, a recovery code or a
 * passkey): the guesses it took are given back, the challenge cookie goes, the new
 * session's cookie is set (lasting only if the person asked to stay signed in), a
 * new device is told of as after any sign-in, and the person is presented as
 * `/api/me` presents them.
 */
export async function finishSecondStep(
  deps: AppDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  done: {
    challenge: Challenge;
    session: { token: string; expiresAt: Date };
    guessKeys: string[];
    client: { ip: string; userAgent: string | null };
    now: Date;
  },
): Promise<Me> {
  const { challenge, session, client, now } = done;
  await refundAttempts(deps.db, done.guessKeys);
  clearChallengeCookie(reply, deps);
  setSessionCookie(reply, deps, session.token, challenge.keepSignedIn ? session.expiresAt : null);
  const user = await userById(deps.db, challenge.userId);
  await noticeSignIn(deps, user, client, now, appOrigin(deps.config, request));
  return presentMe(deps.db, user);
}
