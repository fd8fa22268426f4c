import { expect, type Page, test } from "@playwright/test";
import { generateSync } from "otplib";
import { expectAccessible, watchForBrowserErrors } from "./support/checks.ts";
import { admin, invite, screenshot, signIn } from "./support/ui.ts";

/**
 * An authenticator app, end to end on the main Cascade (whose administrator
 * left the second-factor requirement off at set-up): a new person sets it up
 * with a code generated here from the manual key shown, signs out, signs in with
 * a code, then with a recovery code.
 */
const suffix = Math.random().toString(16).slice(2, 8);
const mo = {
  name: "Mo Okafor",
  email: `mo-${suffix}@network.test`,
  password: "lighthouse pebble saffron",
};

let secret = "";
let recoveryCodes: string[] = [];
let lastStep = 0;

const stepNow = () => Math.floor(Date.now() / 30_000);

/** A code for a step not used yet: each code is accepted once, so wait for the next one if need be. */
async function freshCode(): Promise<string> {
  while (stepNow() <= lastStep) await new Promise((resolve) => setTimeout(resolve, 500));
  lastStep = stepNow();
  return generateSync({ secret, epoch: Math.floor(Date.now() / 1000) });
}

async function passwordStep(page: Page) {
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(mo.email);
  await page.getByRole("textbox", { name: "Password", exact: true }).fill(mo.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Enter your code" })).toBeVisible();
}

test.describe
  .serial("a second factor with an authenticator app", () => {
    test("a new person sets up an authenticator app from the manual key", async ({
      page,
      browser,
    }) => {
      const errors = watchForBrowserErrors(page);
      await signIn(page, admin.email, admin.password);
      const link = await invite(page, mo.email);
      // The administrator's page shows the network's policy.
      await page.goto("/security");
      await expect(page.getByRole("heading", { name: "Network policy" })).toBeVisible();
      await expect(page.getByRole("switch", { name: /Require a second factor/ })).not.toBeChecked();
      await expectAccessible(page, "sign-in security, administrator");
      await screenshot(page, "mfa-security-admin");

      const context = await browser.newContext();
      const moPage = await context.newPage();
      await moPage.goto(link);
      await moPage.getByLabel("Your name").fill(mo.name);
      await moPage
        .getByRole("textbox", { name: "Choose a password", exact: true })
        .fill(mo.password);
      await moPage.getByRole("button", { name: "Create my account" }).click();
      await expect(moPage.getByRole("heading", { name: "Welcome, Mo" })).toBeVisible();

      await moPage.getByRole("link", { name: "Sign-in security" }).click();
      await moPage.getByRole("link", { name: "Set up an authenticator app" }).click();
      await expect(
        moPage.getByRole("heading", { name: "Set up an authenticator app" }),
      ).toBeVisible();
      await moPage.getByRole("button", { name: "Show the QR code" }).click();
      // An invitation's session did not sign in with a password: the page asks for it first.
      await moPage.getByLabel("Your password").fill(mo.password);
      await moPage.getByRole("button", { name: "Show the QR code" }).click();
      await expect(
        moPage.getByAltText("QR code to scan with your authenticator app"),
      ).toBeVisible();
      await expectAccessible(moPage, "authenticator set-up");
      await screenshot(moPage, "mfa-enrol");
      secret = ((await moPage.getByTestId("manual-key").textContent()) ?? "").replaceAll(/\s/g, "");
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);

      await moPage.getByLabel("Code from your authenticator app").fill("000000");
      await moPage.getByRole("button", { name: "Turn on" }).click();
      await expect(moPage.getByText(/not right|already been used/)).toBeVisible();
      await moPage.getByLabel("Code from your authenticator app").fill(await freshCode());
      await moPage.getByRole("button", { name: "Turn on" }).click();
      await expect(
        moPage.getByRole("heading", { name: "Your authenticator app is set up" }),
      ).toBeVisible();
      recoveryCodes = (
        await moPage.getByTestId("recovery-codes").locator("li").allTextContents()
      ).map((c) => c.trim());
      expect(recoveryCodes).toHaveLength(10);
      await expectAccessible(moPage, "recovery codes");
      await screenshot(moPage, "mfa-recovery-codes");
      const carryOn = moPage.getByRole("button", { name: "Continue to Cascade" });
      await expect(carryOn).toBeDisabled();
      await moPage.getByLabel("I have saved my recovery codes").check();
      await carryOn.click();
      await expect(moPage.getByRole("heading", { name: "Welcome, Mo" })).toBeVisible();
      await moPage.getByRole("link", { name: "Sign-in security" }).click();
      await expect(moPage.getByText("10 of 10 recovery codes left.")).toBeVisible();
      await expectAccessible(moPage, "sign-in security, factor on");
      await screenshot(moPage, "mfa-security-on");
      await context.close();
      expect(errors).toEqual([]);
    });

    test("signs out, then in with the password and a code from the app", async ({ page }) => {
      await passwordStep(page);
      await expectAccessible(page, "second step");
      await screenshot(page, "mfa-second-step");
      await page.getByLabel("Code from your authenticator app").fill(await freshCode());
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await expect(page.getByRole("heading", { name: "Welcome, Mo" })).toBeVisible();
      await page.getByRole("button", { name: "Sign out" }).click();
      await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    });

    test("signs in with a recovery code, which then no longer works", async ({ page }) => {
      await passwordStep(page);
      await page.getByRole("button", { name: "Use a recovery code instead" }).click();
      await page.getByLabel("Recovery code").fill(recoveryCodes[0] ?? "");
      await expectAccessible(page, "second step, recovery code");
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await expect(page.getByRole("heading", { name: "Welcome, Mo" })).toBeVisible();
      await page.getByRole("button", { name: "Sign out" }).click();

      await passwordStep(page);
      await page.getByRole("button", { name: "Use a recovery code instead" }).click();
      await page.getByLabel("Recovery code").fill(recoveryCodes[0] ?? "");
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await expect(
        page.getByText("That recovery code is not right, or it has already been used."),
      ).toBeVisible();
    });
  });
