import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/checks.ts";
import { accounts, ownSchool, signedIn } from "./support/cohort-matrix.ts";
import { DEMO_BASE_URL } from "./support/demo.ts";
import { choose, screenshot } from "./support/ui.ts";

/**
 * The network aims dashboard (issue 17): an administrator reads the four aims
 * against national, filters by hub and downloads the CSV and the PDF. The demo
 * leader's school links its reading measure to the national KS2 measure first
 * (through the API, as the gap dashboard does), and unlinks it after.
 */
test.describe.configure({ mode: "serial", timeout: 180_000 });

test("an administrator reads the network's aims, filters by hub and downloads them", async ({
  browser,
}) => {
  const leader = await signedIn(browser, accounts().leader);
  const { schoolId } = await ownSchool(leader.page);
  const measures: { items: Array<{ id: string; key: string }> } = await (
    await leader.page.request.get(`${DEMO_BASE_URL}/api/schools/${schoolId}/measures`)
  ).json();
  const reading = measures.items.find((m) => m.key === "reading-ta");
  if (!reading) throw new Error("the demo school has no reading measure");
  const link = (key: string | null) =>
    leader.page.request.put(
      `${DEMO_BASE_URL}/api/schools/${schoolId}/measures/${reading.id}/national-measure`,
      { headers: { origin: DEMO_BASE_URL }, data: { nationalMeasureKey: key } },
    );
  expect((await link("ks2-rwm-expected")).status()).toBe(200);

  const admin = accounts().leader.replace(/^[^@]+/, "admin");
  const { page, errors, close } = await signedIn(browser, admin);
  try {
    await page.getByRole("link", { name: "Admin · Network aims" }).click();
    await expect(page.getByRole("heading", { name: "Network aims", level: 1 })).toBeVisible();
    const results = page.getByRole("region", {
      name: "Results of disadvantaged pupils against national",
    });
    await expect(results).toContainText("of disadvantaged pupils reached the expected standard");
    await expect(results.getByRole("img")).toBeVisible();
    await expect(page.getByRole("region", { name: "The gap against national" })).toBeVisible();
    await expect(
      page.getByRole("region", { name: "Strategies evaluated and cascaded" }),
    ).toBeVisible();
    const rows = page.getByTestId("aims-school");
    await expect(rows.first()).toBeVisible();
    // Schools by pseudonym only: never the demo leader's school by name.
    for (const name of await rows.locator("th").allTextContents())
      expect(name).toMatch(/^School [A-Z]{2}\d$/);
    await expect(page.getByRole("main")).not.toContainText("Northbrook");
    await expectAccessible(page, "network aims");
    await screenshot(page, "network-aims");

    const all = await rows.count();
    await choose(page, "Hub", /^North \(fictional\) Hub$/);
    await expect(page.getByText(/^North \(fictional\) Hub: \d+ schools\.$/)).toBeVisible();
    await expect(async () => expect(await rows.count()).toBeLessThan(all)).toPass();
    await expectAccessible(page, "network aims for a hub");

    const status = page.getByTestId("download-status");
    const csvDownload = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download CSV" }).click();
    const csv = await csvDownload;
    expect(csv.suggestedFilename()).toMatch(/^network-aims-.*\.csv$/);
    const csvText = fs.readFileSync((await csv.path()) ?? "", "utf8");
    expect(csvText).toContain("Network aims: North (fictional) Hub");
    expect(csvText).not.toContain("Northbrook");
    await expect(status).toHaveText("The CSV is downloaded.");

    const pdfDownload = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download PDF" }).click();
    await expect(status).toHaveText(/Building the PDF…|The PDF is downloaded\./);
    const pdf = await pdfDownload;
    expect(pdf.suggestedFilename()).toMatch(/^network-aims-.*\.pdf$/);
    const bytes = fs.readFileSync((await pdf.path()) ?? "");
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    await expect(status).toHaveText("The PDF is downloaded.");
    fs.writeFileSync(".tmp/screens/network-aims.pdf", bytes);
    await expectAccessible(page, "network aims after the downloads");
    expect(errors).toEqual([]);
    expect(leader.errors).toEqual([]);
  } finally {
    await link(null);
    await close();
    await leader.close();
  }
});
