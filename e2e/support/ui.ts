import { expect, type Locator, type Page } from "@playwright/test";
import { signInSaved } from "./sessions.ts";

/** The first administrator, created by foundation.spec.ts on the empty database. */
export const admin = {
  name: "Ada Adeyemi",
  email: "ada@network.test",
  password: "copper kettle moorland 7",
};

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await signInSaved(page, "", email, password);
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
    if ((await input.getAttribute("aria-expanded")) !== "true") await input.click();
    if (search !== undefined && (await input.inputValue()) !== search) await input.fill(search);
    await page.getByRole("option", { name }).first().click({ timeout: 5_000 });
  }).toPass({ timeout: 30_000 });
  await expect(input).toHaveAttribute("aria-expanded", "false");
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
