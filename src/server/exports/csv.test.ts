import { describe, expect, it } from "vitest";
import { neutralise, toCsv } from "./csv.ts";

describe("CSV exports", () => {
  it("neutralises cells a spreadsheet would run", () => {
    for (const bad of ["=1+1", "+44", "-2", "@SUM(A1)", "\tx", "\rx"])
      expect(neutralise(bad).startsWith("'")).toBe(true);
    expect(neutralise("RVB-07")).toBe("RVB-07");
  });

  it("quotes what needs quoting, keeps numbers as numbers, and starts with a BOM", () => {
    const csv = toCsv(
      ["Name", "Value"],
      [
        ["D'Souza, Jr", -0.25],
        ['Say "hi"', null],
        ["=cmd", 3],
      ],
    );
    expect(csv).toBe('\uFEFFName,Value\r\n"D\'Souza, Jr",-0.25\r\n"Say ""hi""",\r\n\'=cmd,3\r\n');
  });
});
