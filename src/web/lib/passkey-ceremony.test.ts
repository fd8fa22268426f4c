import { describe, expect, it } from "vitest";
import { ceremonyProblem } from "./passkey-ceremony.ts";

const domError = (name: string, message = "") => Object.assign(new Error(message), { name });

describe("what the person is told when the browser ends a passkey ceremony", () => {
  it("says a cancelled or timed-out prompt saved nothing", () => {
    const problem = ceremonyProblem("register", domError("NotAllowedError"));
    expect(problem.title).toBe("The passkey was not saved");
    expect(problem.detail).toBe(
      "The passkey was not saved: the browser's prompt was cancelled or timed out.",
    );
    expect(ceremonyProblem("sign-in", domError("AbortError")).detail).toBe(
      "The passkey was not used: the browser's prompt was cancelled or timed out.",
    );
  });

  it("tells a device already registered apart, by the library's code or the DOM's name", () => {
    const byCode = Object.assign(domError("InvalidStateError"), {
      code: "ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED",
    });
    expect(ceremonyProblem("register", byCode).detail).toMatch(/already holds a passkey/);
    expect(ceremonyProblem("register", domError("InvalidStateError")).detail).toMatch(
      /already holds a passkey/,
    );
  });

  it("says when the device cannot verify its user or keep a discoverable passkey", () => {
    expect(ceremonyProblem("register", domError("ConstraintError")).detail).toMatch(
      /cannot keep a passkey that checks it is you/,
    );
  });

  it("says the address was refused, and falls back to trying again for anything else", () => {
    expect(ceremonyProblem("sign-in", domError("SecurityError")).detail).toMatch(
      /would not use passkeys on this address/,
    );
    expect(ceremonyProblem("sign-in", "odd").detail).toBe(
      "The passkey was not used: the browser could not finish. Try again.",
    );
  });
});
