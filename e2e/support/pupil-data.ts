import fs from "node:fs";
import { expect, type Locator, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS_FILE, type DemoAccounts, signInToDemo } from "./demo.ts";

/** The demo accounts setup-demo.spec.ts wrote down. */
export const demoAccounts = (): DemoAccounts =>
  JSON.parse(fs.readFileSync(DEMO_ACCOUNTS_FILE, "utf8")) as DemoAccounts;

/** Signs in to the demo Cascade as its school leader, teacher or programme lead. */
export async function signInAs(page: Page, who: "leader" | "teacher" | "lead"): Promise<void> {
  const accounts = demoAccounts();
  await signInToDemo(page, accounts[who], accounts.password);
}

/** Opens My school, then one of its sections from the sub-navigation. */
export async function openSchoolTab(page: Page, tab: string, heading: string): Promise<void> {
  const mySchool = page.getByRole("navigation", { name: "My school" });
  if (!(await mySchool.isVisible())) {
    await page
      .getByRole("navigation", { name: "Main navigation" })
      .getByRole("link", { name: "My school" })
      .click();
  }
  await mySchool.getByRole("link", { name: tab, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
}

/** A CSV file for `setInputFiles`. */
export const csvFile = (name: string, rows: string[][]) => ({
  name,
  mimeType: "text/csv",
  buffer: Buffer.from(`${rows.map((r) => r.join(",")).join("\r\n")}\r\n`, "utf8"),
});

/** Waits for a dialog's opening transition to end, so axe sees its real colours. */
export async function dialogSettled(dialog: Locator): Promise<void> {
  await expect(dialog).toBeVisible();
  await expect
    .poll(() =>
      dialog.evaluate((el) => {
        let opacity = 1;
        for (let node: Element | null = el; node; node = node.parentElement)
          opacity *= Number(getComputedStyle(node).opacity);
        return opacity;
      }),
    )
    .toBe(1);
}
