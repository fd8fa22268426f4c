import { describe, expect, it } from "vitest";
import { judgeCounter } from "./passkey-counter.ts";

describe("judgeCounter", () => {
  it.each([
    [0, 0, "not_kept"],
    [0, 1, "advanced"],
    [5, 6, "advanced"],
    [5, 500, "advanced"],
    [5, 5, "regressed"],
    [5, 4, "regressed"],
    [5, 0, "regressed"],
    [1, 0, "regressed"],
  ] as const)("stored %d, received %d → %s", (stored, received, expected) => {
    expect(judgeCounter(stored, received)).toBe(expected);
  });
});
