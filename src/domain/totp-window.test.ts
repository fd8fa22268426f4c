import { generateSync, stringToBytes } from "otplib";
import { describe, expect, it } from "vitest";
import { judgeCode, sameCode, timeStep } from "./totp-window.ts";

/** RFC 6238 Appendix B: the SHA-1 seed and its 8-digit codes. */
const RFC_SECRET = stringToBytes("12345678901234567890");
const RFC_VECTORS: [seconds: number, code: string][] = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
];

/** The library computes a step's code; the rule under test decides which steps count. */
const rfcCodeAt = (step: number) =>
  generateSync({ strategy: "hotp", secret: RFC_SECRET, counter: step, digits: 8 });

describe("TOTP window and replay rule against RFC 6238 Appendix B", () => {
  it.each(RFC_VECTORS)("at %i s the published code is accepted for its own step", (t, code) => {
    const verdict = judgeCode(code, t * 1000, null, rfcCodeAt);
    expect(verdict).toEqual({ ok: true, step: Math.floor(t / 30) });
  });

  it.each(RFC_VECTORS)("at %i s the code is still accepted one step early or late", (t, code) => {
    expect(judgeCode(code, (t - 30) * 1000, null, rfcCodeAt)).toMatchObject({ ok: true });
    expect(judgeCode(code, (t + 30) * 1000, null, rfcCodeAt)).toMatchObject({ ok: true });
  });

  it.each(RFC_VECTORS)("at %i s the code is wrong two steps away", (t, code) => {
    expect(judgeCode(code, (t - 60) * 1000, null, rfcCodeAt)).toEqual({
      ok: false,
      reason: "wrong",
    });
    expect(judgeCode(code, (t + 60) * 1000, null, rfcCodeAt)).toEqual({
      ok: false,
      reason: "wrong",
    });
  });

  it.each(RFC_VECTORS)("at %i s the code is refused once its step was used", (t, code) => {
    const first = judgeCode(code, t * 1000, null, rfcCodeAt);
    if (!first.ok) throw new Error("the published code should be accepted");
    expect(judgeCode(code, t * 1000, first.step, rfcCodeAt)).toEqual({
      ok: false,
      reason: "replayed",
    });
    // A later step used also closes every earlier one.
    expect(judgeCode(code, t * 1000, first.step + 1, rfcCodeAt)).toEqual({
      ok: false,
      reason: "replayed",
    });
  });

  it("1111111109 and 1111111111 fall in neighbouring steps, and each code is told apart", () => {
    expect(timeStep(1111111109_000)).toBe(37037036);
    expect(timeStep(1111111111_000)).toBe(37037037);
    // After the first step is used, the next step's code still works.
    expect(judgeCode("14050471", 1111111111_000, 37037036, rfcCodeAt)).toEqual({
      ok: true,
      step: 37037037,
    });
  });

  it("a wrong code and a code of the wrong length are wrong", () => {
    expect(judgeCode("00000000", 59_000, null, rfcCodeAt)).toEqual({ ok: false, reason: "wrong" });
    expect(judgeCode("9428708", 59_000, null, rfcCodeAt)).toEqual({ ok: false, reason: "wrong" });
  });

  it("compares codes in full", () => {
    expect(sameCode("123456", "123456")).toBe(true);
    expect(sameCode("123456", "123457")).toBe(false);
    expect(sameCode("12345", "123456")).toBe(false);
  });
});
