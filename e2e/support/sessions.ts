import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";

/** Where this run keeps each account's session (emptied by global-setup.ts when a run starts). */
export const SESSIONS_DIR = `.tmp/e2e-sessions-${Number(process.env.E2E_PORT ?? 3100)}`;

const fileOf = (base: string, email: string) =>
  path.join(
    SESSIONS_DIR,
    `${createHash("sha256").update(`${base} ${email.toLowerCase()}`).digest("hex").slice(0, 16)}.json`,
  );

/** Signs in through the form and waits for the home page. */
export async function signInWithForm(page: Page, base: string, email: string, password: string) {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("textbox", { name: "Password", exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: /^Welcome/ })).toBeVisible();
}

/**
 * A journey's sign-in: the first time an account signs in during a run it goes
 * through the form, and its session is saved; later journeys start from that
 * saved session. A saved session that no longer works (signed out, expired) falls
 * back to the form, so a journey never depends on what an earlier one did.
 */
export async function signInSaved(page: Page, base: string, email: string, password: string) {
  const file = fileOf(base, email);
  if (fs.existsSync(file)) {
    const { cookies } = JSON.parse(fs.readFileSync(file, "utf8"));
    await page.context().addCookies(cookies);
    await page.goto(`${base}/`);
    const landed = page.getByRole("heading", { name: /^(Welcome|Sign in$)/ }).first();
    await landed.waitFor();
    if ((await landed.textContent())?.startsWith("Welcome")) return;
    await page.context().clearCookies();
  }
  await signInWithForm(page, base, email, password);
  fs.mkdirSync(SESSIONS_DIR, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(await page.context().storageState()));
}
