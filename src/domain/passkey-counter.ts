/**
 * A passkey's signature counter (WebAuthn §6.1.1): an authenticator that keeps
 * one reports a larger number at every use, so a number that does not go up
 * means the credential may have been cloned. Authenticators that keep no
 * counter (many synced passkeys) always report zero, and zero after zero is
 * fine.
 */
export type CounterVerdict = "advanced" | "not_kept" | "regressed";

export function judgeCounter(stored: number, received: number): CounterVerdict {
  if (stored === 0 && received === 0) return "not_kept";
  return received > stored ? "advanced" : "regressed";
}
