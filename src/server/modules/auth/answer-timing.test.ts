import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClient } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import { makeUser } from "../../../../test/support/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";

/*
 * AUTH-5: how long an answer takes must not tell a known email from an unknown
 * one. Sign-in verifies the password against a dummy argon2 hash when the email
 * is unknown, so both refusals do the same argon2 work; a reset request does
 * the same queries for nobody. The fastest of several tries each, alternating:
 * a busy machine only ever adds time, so the fastest try is the work itself. A
 * leak shows in every round; a round spoilt by other tests on the same cores
 * does not, so the comparison is made again (up to three rounds) before it fails.
 */
const TRIES = 9;
const ROUNDS = 3;
const BOUNDS = { low: 0.5, high: 2.0 };

const fastest = (values: number[]): number => Math.min(...values);

describe(`answers take about as long for an unknown email as for a known one [${testEngine()}]`, () => {
  let t: TestApp;
  let ipCounter = 0;
  /** An address of its own per try, so no throttle answers early. */
  const fresh = () => new TestClient(t.app, { ip: `203.0.113.${++ipCounter}` });

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  async function timed(call: () => Promise<{ statusCode: number }>, status: number) {
    const start = performance.now();
    const response = await call();
    const ms = performance.now() - start;
    expect(response.statusCode).toBe(status);
    return ms;
  }

  /** The fastest of `known` and `unknown`, tried in turn after one warm-up each. */
  async function round(
    known: () => Promise<{ statusCode: number }>,
    unknown: () => Promise<{ statusCode: number }>,
    status: number,
  ) {
    await timed(known, status);
    await timed(unknown, status);
    const knownMs: number[] = [];
    const unknownMs: number[] = [];
    for (let i = 0; i < TRIES; i++) {
      knownMs.push(await timed(known, status));
      unknownMs.push(await timed(unknown, status));
    }
    return { known: fastest(knownMs), unknown: fastest(unknownMs) };
  }

  /** Rounds until one is within the bounds (at most ROUNDS), and the last round's figures. */
  async function compare(
    known: () => Promise<{ statusCode: number }>,
    unknown: () => Promise<{ statusCode: number }>,
    status: number,
  ) {
    let last = await round(known, unknown, status);
    for (let i = 1; i < ROUNDS; i++) {
      const ratio = last.unknown / last.known;
      if (ratio > BOUNDS.low && ratio < BOUNDS.high) break;
      last = await round(known, unknown, status);
    }
    return last;
  }

  it("refuses a wrong password and an unknown email in comparable time (argon2 in both)", async () => {
    const user = await makeUser(t);
    const { known, unknown } = await compare(
      () => fresh().post("/api/auth/login", { email: user.email, password: "wrong password 1" }),
      () =>
        fresh().post("/api/auth/login", {
          email: `nobody-${++ipCounter}@school.test`,
          password: "wrong password 1",
        }),
      401,
    );
    // Both pay for argon2 (tens of milliseconds), not just a lookup.
    expect(Math.min(known, unknown)).toBeGreaterThan(5);
    const ratio = unknown / known;
    expect(ratio, `unknown ${unknown.toFixed(1)} ms, known ${known.toFixed(1)} ms`).toBeGreaterThan(
      BOUNDS.low,
    );
    expect(ratio, `unknown ${unknown.toFixed(1)} ms, known ${known.toFixed(1)} ms`).toBeLessThan(
      BOUNDS.high,
    );
  });

  it("answers a reset request for a known and an unknown email in comparable time", async () => {
    // A new person each try: an account gets only a few reset emails in half an hour.
    const people = await Promise.all(
      Array.from({ length: ROUNDS * (TRIES + 1) }, () => makeUser(t, { role: null })),
    );
    let next = 0;
    const { known, unknown } = await compare(
      () => fresh().post("/api/auth/password-reset", { email: people[next++]?.email }),
      () =>
        fresh().post("/api/auth/password-reset", { email: `nobody-${++ipCounter}@school.test` }),
      202,
    );
    const ratio = unknown / known;
    expect(ratio, `unknown ${unknown.toFixed(1)} ms, known ${known.toFixed(1)} ms`).toBeGreaterThan(
      BOUNDS.low,
    );
    expect(ratio, `unknown ${unknown.toFixed(1)} ms, known ${known.toFixed(1)} ms`).toBeLessThan(
      BOUNDS.high,
    );
  });
});
