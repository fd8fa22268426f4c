import fs from "node:fs";
import { type Browser, expect, type Page } from "@playwright/test";
import { watchForBrowserErrors } from "./checks.ts";
import { DEMO_ACCOUNTS_FILE, DEMO_BASE_URL, type DemoAccounts, signInToDemo } from "./demo.ts";

/** Helpers for the cohort and matrix journeys on the demo network. */

/** A pseudonym: school code and number, e.g. NFO-07. */
export const PSEUDONYM = /^[A-Z]{3}-\d+$/;
/** The demo leader's school, Northbrook Fictional Primary School. */
export const OWN_CODE = "NFO";

let demoAccounts: DemoAccounts | null = null;
/** Read once, when the first journey needs them (setup-demo.spec.ts has written them by then). */
export const accounts = (): DemoAccounts => {
  demoAccounts ??= JSON.parse(fs.readFileSync(DEMO_ACCOUNTS_FILE, "utf8")) as DemoAccounts;
  return demoAccounts;
};

/** A fresh browser context signed in to the demo Cascade, watching for CSP violations and errors. */
export async function signedIn(browser: Browser, email: string) {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const errors = watchForBrowserErrors(page);
  await signInToDemo(page, email, accounts().password);
  return { page, errors, close: () => context.close() };
}

/** The leader's school id and all its pupils' names (to prove none leak into other schools' dots). */
export async function ownSchool(page: Page) {
  const me = await (await page.request.get(`${DEMO_BASE_URL}/api/me`)).json();
  const schoolId: string = me.memberships.find(
    (m: { role: string }) => m.role === "school_leader",
  ).scopeId;
  const candidates = await (
    await page.request.get(`${DEMO_BASE_URL}/api/schools/${schoolId}/cohort/candidates`)
  ).json();
  const list: Array<{ pupilId: string; name: string }> = candidates.candidates;
  return {
    schoolId,
    all: list.map((c) => c.name),
    names: new Map(list.map((c) => [c.pupilId, c.name])),
  };
}

/** Picks an option of a segmented control (radio buttons whose inputs are hidden behind labels). */
export async function segment(page: Page, name: string) {
  await page
    .locator("label.mantine-SegmentedControl-label")
    .filter({ hasText: new RegExp(`^${name}$`) })
    .click();
  await expect(page.getByRole("radio", { name })).toBeChecked();
}
