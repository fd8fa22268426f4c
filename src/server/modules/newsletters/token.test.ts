import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { keyringOf } from "../../secrets/keyring.ts";
import { unsubscribeToken, userOfToken } from "./token.ts";

const USER = "00000000-0000-4000-8000-000000000006";

describe("the newsletter's unsubscribe token", () => {
  it("names the user it was made for, under the current or a previous key", () => {
    const old = randomBytes(32);
    const token = unsubscribeToken(keyringOf(old), USER);
    expect(userOfToken(keyringOf(old), token)).toBe(USER);
    expect(userOfToken(keyringOf(randomBytes(32), [old]), token)).toBe(USER);
  });

  it("refuses a token from another server, or one altered to name someone else", () => {
    const keyring = keyringOf(randomBytes(32));
    const token = unsubscribeToken(keyringOf(randomBytes(32)), USER);
    expect(userOfToken(keyring, token)).toBeUndefined();
    const mine = unsubscribeToken(keyring, USER);
    const other = mine.replace(USER, "00000000-0000-4000-8000-000000000007");
    expect(userOfToken(keyring, other)).toBeUndefined();
    expect(userOfToken(keyring, "nonsense")).toBeUndefined();
    expect(userOfToken(keyring, `${USER}.`)).toBeUndefined();
  });
});
