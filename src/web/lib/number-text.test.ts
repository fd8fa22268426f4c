import { describe, expect, it } from "vitest";
import {
  isNotANumber,
  notANumberMessage,
  readNumberText,
  withNumberFields,
} from "./number-text.ts";

describe("number fields keep what was typed", () => {
  it("reads plain, grouped, pound and minus-sign numbers", () => {
    expect(readNumberText("12")).toBe(12);
    expect(readNumberText(" 12.5 ")).toBe(12.5);
    expect(readNumberText(".5")).toBe(0.5);
    expect(readNumberText("-3")).toBe(-3);
    expect(readNumberText("−20")).toBe(-20);
    expect(readNumberText("£1,200.50")).toBe(1200.5);
    expect(readNumberText("-£20")).toBe(-20);
    expect(readNumberText("£−20")).toBe(-20);
    expect(readNumberText("−£20")).toBe(-20);
    expect(readNumberText(150)).toBe(150);
    expect(readNumberText("150%")).toBe(150);
    expect(readNumberText("62.5 %")).toBe(62.5);
  });

  it("says empty is empty (null) and anything else is not a number (NaN)", () => {
    expect(readNumberText("")).toBeNull();
    expect(readNumberText("  ")).toBeNull();
    expect(readNumberText(null)).toBeNull();
    for (const text of [
      "abc",
      "12abc",
      "1,2",
      "12,34.5",
      "1e3",
      "--2",
      "£",
      "12 34",
      "0x10",
      "%",
      "5%%",
    ])
      expect(readNumberText(text), text).toBeNaN();
    expect(readNumberText(Number.POSITIVE_INFINITY)).toBeNaN();
    expect(isNotANumber("abc")).toBe(true);
    expect(isNotANumber("")).toBe(false);
    expect(isNotANumber("150")).toBe(false);
  });

  it("names what was typed and what to type instead", () => {
    expect(notANumberMessage("abc", "12.5")).toBe('"abc" is not a number. Type digits, like 12.5.');
    expect(notANumberMessage("x".repeat(40), "3")).toBe(
      `"${"x".repeat(24)}…" is not a number. Type digits, like 3.`,
    );
  });

  it("refuses listed fields that are not numbers, over the form's own checks", () => {
    const validate = withNumberFields<{ cost: string; minutes: string; title: string }>(
      { cost: "250 or 1,200.50", minutes: "30" },
      (v) => ({
        ...(v.title ? {} : { title: "Give it a title." }),
        ...(Number(v.minutes) >= 0 ? {} : { minutes: "Use 0 or more." }),
      }),
    );
    expect(validate({ cost: "abc", minutes: "ten", title: "" })).toEqual({
      cost: '"abc" is not a number. Type digits, like 250 or 1,200.50.',
      minutes: '"ten" is not a number. Type digits, like 30.',
      title: "Give it a title.",
    });
    expect(validate({ cost: "", minutes: "-20", title: "Reading" })).toEqual({
      minutes: "Use 0 or more.",
    });
    expect(validate({ cost: "£250", minutes: "30", title: "Reading" })).toEqual({});
  });
});
