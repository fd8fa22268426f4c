import type { Actor } from "../../context.ts";

/**
 * Who may ask whether the app and its database answer: anyone, signed in or
 * not, since load balancers and uptime monitors ask without a session. The
 * answer names only the database engine and the version, nothing of anyone's
 * data. Pure.
 */
export const healthPolicy = {
  check: (_actor: Actor | null) => true,
};
