import { expect, type Locator, type Page, test } from "@playwright/test";
import { signInSaved } from "./sessions.ts";

/** The first administrator, created by foundation.spec.ts on the empty database. */
export const admin = {
  name: "Ada Adeyemi",
  email: "ada@network.test",
  password: "copper kettle moorland 7",
};

/** Signs in on the Cascade of the journey's project (its baseURL), reusing the run's saved session. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await signInSaved(page, test.info().project.use.baseURL ?? "", email, password);
}

/**
 * Picks an option of a Mantine Select (searchable or not) by its label. Tries
 * again if the dropdown closed while the page was still settling.
 */
export async function choose(
  scope: Page | Locator,
  label: string,
  option: string | RegExp,
  search?: string,
): Promise<void> {
  const page = "page" in scope ? scope.page() : scope;
  const input = scope.getByRole("combobox", { name: label, exact: true });
  const name = typeof option === "string" ? new RegExp(`^${option}$`) : option;
  await expect(async () => {
    // An open dropdown whose input has scrolled out of view is hidden (Mantine
    // hides a detached dropdown), so bring the input back into view each try.
    await input.scrollIntoViewIfNeeded();
    if ((await input.getAttribute("aria-expanded")) !== "true") await input.click();
    if (search !== undefined && (await input.inputValue()) !== search) await input.fill(search);
    await page.getByRole("option", { name }).first().click({ timeout: 5_000 });
  }).toPass({ timeout: 30_000 });
  await expect(input).toHaveAttribute("aria-expanded", "false");
}

/** What an invitation grants: a network administrator's role unless given. */
export interface InvitationGrant {
  role: string;
  scopeType: "network" | "cluster" | "school";
  scopeId?: string;
}

/**
 * Invites `email` through the API as the person signed in on `page` (an
 * administrator), and returns the invitation's link (`/invitation#token=…`).
 */
export async function invite(
  page: Page,
  email: string,
  grant: InvitationGrant = { role: "network_admin", scopeType: "network" },
): Promise<string> {
  const origin = new URL(page.url()).origin;
  const response = await page.request.post(`${origin}/api/invitations`, {
    data: { email, ...grant },
    headers: { origin },
  });
  expect(response.ok(), await response.text()).toBe(true);
  const { url } = (await response.json()) as { url?: string };
  if (!url) throw new Error(`the invitation for ${email} came back without a link`);
  return url;
}

/** Accepts an invitation link in a fresh browser, as a new person. */
export async function acceptInvitation(
  page: Page,
  link: string,
  person: { name: string; password: string },
): Promise<void> {
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Join Cascade" })).toBeVisible();
  await page.getByLabel("Your name").fill(person.name);
  await page.getByRole("textbox", { name: "Choose a password", exact: true }).fill(person.password);
  await page.getByRole("button", { name: "Create my account" }).click();
  await expect(
    page.getByRole("heading", { name: `Welcome, ${person.name.split(" ")[0]}` }),
  ).toBeVisible();
}

/** A full-page screenshot to look at; scrolled to the top so the fixed header stays in place. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `.tmp/screens/${name}.png`, fullPage: true });
}
