import type { Actor } from "../../context.ts";

/**
 * When Cascade may be set up from the browser, by anyone who reaches it
 * (there is nobody to sign in as yet): creating the first network
 * administrator only while Cascade has no accounts at all. Once it has one,
 * people join by invitation. Pure.
 */
export const setupPolicy = {
  createFirstAdmin: (_actor: Actor | null, cascade: { users: number }) => cascade.users === 0,
};
