import { expect, type Page, test } from "@playwright/test";
import { generateSync } from "otplib";
import { expectAccessible, watchForBrowserErrors } from "./support/checks.ts";
import { acceptInvitation, admin, invite, screenshot, signIn } from "./support/ui.ts";

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

/** The person the network requires to enrol, and whose factor is then reset. */
const ife = {
  name: "Ife Bello",
  email: `ife-${suffix}@network.test`,
  password: "harbour thistle copper 64",
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

/** A code for someone else's app, for the step now (their own steps, not Mo's). */
async function codeFor(otherSecret: string, used: { step: number }): Promise<string> {
  while (stepNow() <= used.step) await new Promise((resolve) => setTimeout(resolve, 500));
  used.step = stepNow();
  return generateSync({ secret: otherSecret, epoch: Math.floor(Date.now() / 1000) });
}

/** Sets the network's second-factor requirement as Mo (who has a factor, so he is never stopped). */
async function requireSecondFactor(page: Page, required: boolean) {
  const origin = new URL(page.url()).origin;
  const response = await page.request.put(`${origin}/api/security-settings`, {
    data: { secondFactorRequired: required },
    headers: { origin },
  });
  expect(response.ok(), await response.text()).toBe(true);
}

/** Sets up an authenticator app on the enrolment page; answers the secret. */
async function enrolOnPage(page: Page, used: { step: number }): Promise<string> {
  await page.getByRole("button", { name: "Show the QR code" }).click();
  await expect(page.getByAltText("QR code to scan with your authenticator app")).toBeVisible();
  const key = ((await page.getByTestId("manual-key").textContent()) ?? "").replaceAll(/\s/g, "");
  await page.getByLabel("Code from your authenticator app").fill(await codeFor(key, used));
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(
    page.getByRole("heading", { name: "Your authenticator app is set up" }),
  ).toBeVisible();
  await page.getByLabel("I have saved my recovery codes").check();
  await page.getByRole("button", { name: "Continue to Cascade" }).click();
  return key;
}

/** Ife signs in with her password, and lands on enrolment (the network requires it of her). */
async function signInToEnrolment(page: Page) {
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(ife.email);
  await page.getByRole("textbox", { name: "Password", exact: true }).fill(ife.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Set up a second factor" })).toBeVisible();
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
      await expect(
        page.getByText(/Ask your network administrator to reset your second factor/),
      ).toBeVisible();
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

    test("a person the network requires to enrol is taken to enrolment, and nowhere else until done; an administrator resets a lost factor", async ({
      page,
      browser,
    }) => {
      test.setTimeout(180_000);
      const errors = watchForBrowserErrors(page);
      // Mo signs in with his code: with the requirement on, he is never stopped.
      await passwordStep(page);
      await page.getByLabel("Code from your authenticator app").fill(await freshCode());
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await expect(page.getByRole("heading", { name: "Welcome, Mo" })).toBeVisible();
      const origin = new URL(page.url()).origin;
      const invited = await page.request.post(`${origin}/api/invitations`, {
        data: { email: ife.email, role: "network_admin", scopeType: "network" },
        headers: { origin },
      });
      expect(invited.ok()).toBe(true);
      const context = await browser.newContext();
      const ifePage = await context.newPage();
      await acceptInvitation(ifePage, (await invited.json()).url, ife);
      await context.clearCookies();

      await requireSecondFactor(page, true);
      try {
        const used = { step: 0 };
        // Right after signing in with her password, she is taken to enrolment.
        await signInToEnrolment(ifePage);
        await expect(ifePage).toHaveURL(/\/second-factor\/setup$/);
        await expect(ifePage.getByText(/Your network requires a second factor/)).toBeVisible();
        // Any other page sends her back.
        for (const path of ["/my-school", "/admin/users", "/"]) {
          await ifePage.goto(path);
          await expect(
            ifePage.getByRole("heading", { name: "Set up a second factor" }),
          ).toBeVisible();
          await expect(ifePage).toHaveURL(/\/second-factor\/setup$/);
        }
        await expectAccessible(ifePage, "enrolment required");
        await screenshot(ifePage, "mfa-enrolment-required");
        await enrolOnPage(ifePage, used);
        await expect(ifePage.getByRole("heading", { name: "Welcome, Ife" })).toBeVisible();
        await ifePage.goto("/admin/users");
        await expect(ifePage.getByRole("heading", { name: "People" })).toBeVisible();

        // She loses her phone: Mo resets her second factor from the people page.
        await page.goto("/admin/users");
        await page.getByLabel("Search people").fill(ife.email);
        await page.getByRole("button", { name: `Reset the second factor of ${ife.name}` }).click();
        const dialog = page.getByRole("dialog", { name: "Reset this person's second factor?" });
        await expect(dialog).toBeVisible();
        await expectAccessible(page, "reset second factor dialog");
        await screenshot(page, "mfa-reset-dialog");
        await dialog.getByRole("button", { name: "Reset second factor" }).click();
        await expect(
          page.getByRole("status").filter({ hasText: "Second factor reset" }),
        ).toBeVisible();
        await expect(dialog).toBeHidden();
        await screenshot(page, "mfa-reset-done");

        // Her session ended; her password alone takes her to enrolment again.
        await ifePage.goto("/");
        await expect(ifePage.getByRole("heading", { name: "Sign in" })).toBeVisible();
        await signInToEnrolment(ifePage);
        await expect(ifePage).toHaveURL(/\/second-factor\/setup$/);
      } finally {
        await requireSecondFactor(page, false);
      }
      await context.close();
      expect(errors).toEqual([]);
    });
  });
