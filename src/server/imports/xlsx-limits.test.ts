import { describe, expect, it } from "vitest";
import { buildZip, columnBomb, rowBomb } from "../../../test/support/xlsx-bomb.ts";
import { checkXlsxLimits, TABLE_LIMITS, TableTooLarge, zipEntries } from "./xlsx-limits.ts";

describe("XLSX limits, read before parsing", () => {
  it("counts rows exactly, across the chunks a sheet unpacks in", async () => {
    // The limit counts every row, the header included: exactly at it passes, one more does not.
    await expect(checkXlsxLimits(await rowBomb(TABLE_LIMITS.rows))).resolves.toBeUndefined();
    await expect(checkXlsxLimits(await rowBomb(TABLE_LIMITS.rows + 1))).rejects.toMatchObject({
      status: 413,
      extra: { limit: { name: "rows", max: TABLE_LIMITS.rows } },
    });
  });

  it("reads the column of a cell from its reference, not from how many cells come before it", async () => {
    await expect(checkXlsxLimits(await columnBomb("GR"))).resolves.toBeUndefined(); // column 200
    await expect(checkXlsxLimits(await columnBomb("GS"))).rejects.toBeInstanceOf(TableTooLarge);
  });

  it("lists a zip's parts with their declared sizes, and calls a truncated file unreadable", async () => {
    const zip = await buildZip([
      { name: "a.xml", head: "<a/>", chunk: "", times: 0, tail: "" },
      { name: "b.xml", head: "", chunk: "x", times: 1000, tail: "" },
    ]);
    expect(zipEntries(zip).map((e) => [e.name, e.uncompressedSize])).toEqual([
      ["a.xml", 4],
      ["b.xml", 1000],
    ]);
    await expect(checkXlsxLimits(zip.subarray(0, zip.length - 30))).rejects.toThrow(
      /not a complete XLSX file/,
    );
  });
});
