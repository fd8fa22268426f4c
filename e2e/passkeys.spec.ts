import { expect, type Page, test } from "@playwright/test";
import { expectAccessible, watchForBrowserErrors } from "./support/checks.ts";
import { dialogSettled } from "./support/pupil-data.ts";
import { acceptInvitation, admin, screenshot, signIn } from "./support/ui.ts";

/**
 * Passkeys end to end on the main Cascade, with Chromium's virtual
 * authenticator (through the DevTools protocol) as the person's device. WebAuthn
 * refuses an IP address as the relying party, so the person's browser uses
 * http://localhost on the app's port, one of the origins the app trusts.
 */
const suffix = Math.random().toString(16).slice(2, 8);
const pia = {
  name: "Pia Passkey",
  email: `pia-${suffix}@network.test`,
  password: "heron quarry lantern 58",
};

async function invite(page: Page, email: string): Promise<string> {
  const origin = new URL(page.url()).origin;
  const response = await page.request.post(`${origin}/api/invitations`, {
    data: { email, role: "network_admin", scopeType: "network" },
    headers: { origin },
  });
  expect(response.ok(), await response.text()).toBe(true);
  return (await response.json()).url;
}

/** Both into .tmp/screens (as the other journeys) and /tmp, to look at. */
async function screens(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  await page.screenshot({ path: `/tmp/${name}.png`, fullPage: true });
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in", exact: true })).toBeVisible();
}

async function passwordStep(page: Page, base: string): Promise<void> {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel("Email address").fill(pia.email);
  await page.getByRole("textbox", { name: "Password", exact: true }).fill(pia.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

test("a person adds a passkey, uses it as the second step and to sign in alone, then removes it", async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  const configured = new URL(testInfo.project.use.baseURL ?? "http://127.0.0.1:3100");
  const base = `http://localhost:${configured.port}`;

  await signIn(page, admin.email, admin.password);
  const link = new URL(await invite(page, pia.email));
  const context = await browser.newContext();
  const pp = await context.newPage();
  const errors = watchForBrowserErrors(pp);

  // The person's device: a platform authenticator that keeps discoverable
  // credentials and verifies its user (a PIN, a fingerprint) without a prompt.
  const cdp = await context.newCDPSession(pp);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });

  await acceptInvitation(pp, `${base}${link.pathname}${link.search}${link.hash}`, pia);
  await signOut(pp);

  // 1. Signed in with the password, the person adds a passkey on the security page.
  await passwordStep(pp, base);
  await expect(pp.getByRole("heading", { name: "Welcome, Pia" })).toBeVisible();
  await pp.getByRole("link", { name: "Sign-in security" }).click();
  const card = pp.getByRole("region", { name: "Passkeys" });
  await expect(card.getByText("You have no passkeys yet.")).toBeVisible();
  await expectAccessible(pp, "sign-in security, no passkeys");
  await card.getByRole("button", { name: "Add a passkey" }).click();
  await card.getByRole("button", { name: "Save the passkey" }).click();
  await expect(
    card.getByText("Give the passkey a name, such as the device it is on."),
  ).toBeVisible();
  await card.getByLabel("Name for the passkey").fill("Work laptop");

  // The device refuses to verify its user: nothing is saved, and the person is told why.
  await cdp.send("WebAuthn.setUserVerified", { authenticatorId, isUserVerified: false });
  await card.getByRole("button", { name: "Save the passkey" }).click();
  await expect(
    card.getByText("The passkey was not saved: the browser's prompt was cancelled or timed out."),
  ).toBeVisible();
  await cdp.send("WebAuthn.setUserVerified", { authenticatorId, isUserVerified: true });

  await card.getByRole("button", { name: "Save the passkey" }).click();
  await expect(card.getByText("The passkey “Work laptop” is saved.")).toBeVisible();
  const row = card.getByRole("row", { name: /Work laptop/ });
  await expect(row).toContainText("Not used yet");
  const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
  expect(credentials).toHaveLength(1);
  expect(credentials[0]?.isResidentCredential).toBe(true);
  expect(credentials[0]?.rpId).toBe("localhost");
  await expectAccessible(pp, "sign-in security, one passkey");
  await screens(pp, "passkeys-security");
  await signOut(pp);

  // 2. The password, then the passkey as the second step.
  await passwordStep(pp, base);
  await expect(pp.getByRole("heading", { name: "Use your passkey" })).toBeVisible();
  // She has no authenticator app, so no code is asked for.
  await expect(pp.getByLabel("Code from your authenticator app")).toHaveCount(0);
  await expectAccessible(pp, "second step with a passkey");
  await screens(pp, "passkeys-second-step");
  await pp.getByRole("button", { name: "Use your passkey" }).click();
  await expect(pp.getByRole("heading", { name: "Welcome, Pia" })).toBeVisible();
  await signOut(pp);

  // 3. The passkey alone: no email, no password; from the keyboard.
  await expectAccessible(pp, "sign-in page");
  await pp.getByRole("button", { name: "Sign in with a passkey" }).focus();
  await pp.keyboard.press("Enter");
  await expect(pp.getByRole("heading", { name: "Welcome, Pia" })).toBeVisible();

  // 4. Removing it: a passkey sign-in does not prove the password, so it is asked for.
  await pp.getByRole("link", { name: "Sign-in security" }).click();
  await expect(row).not.toContainText("Not used yet");
  await row.getByRole("button", { name: "Remove the passkey Work laptop" }).click();
  const dialog = pp.getByRole("dialog", { name: "Remove this passkey?" });
  await dialogSettled(dialog);
  await expectAccessible(pp, "remove a passkey dialog");
  await dialog.getByRole("button", { name: "Remove the passkey" }).click();
  await expect(dialog.getByText("Enter your password again to continue.")).toBeVisible();
  await dialog.getByLabel("Your password").fill(pia.password);
  await expectAccessible(pp, "remove a passkey dialog, password");
  await dialog.getByRole("button", { name: "Remove the passkey" }).click();
  await expect(dialog).toBeHidden();
  await expect(card.getByText("The passkey “Work laptop” is removed.")).toBeVisible();
  await expect(card.getByText("You have no passkeys yet.")).toBeVisible();

  // The device still holds the credential, but Cascade no longer takes it.
  await signOut(pp);
  await pp.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(pp.getByRole("alert")).toContainText("Passkey not accepted");
  await expectAccessible(pp, "sign-in page, passkey refused");
  // And the password alone now signs her in, with no second step.
  await passwordStep(pp, base);
  await expect(pp.getByRole("heading", { name: "Welcome, Pia" })).toBeVisible();

  // 5. The set-up page offers a passkey instead of the app.
  await pp.getByRole("link", { name: "Sign-in security" }).click();
  await pp.getByRole("link", { name: "Set up an authenticator app" }).click();
  const instead = pp.getByRole("region", { name: "Use a passkey instead" });
  await expect(instead).toBeVisible();
  await expectAccessible(pp, "set-up page with a passkey");
  await instead.getByLabel("Name for the passkey").fill("Phone");
  await instead.getByRole("button", { name: "Save a passkey and continue" }).click();
  await expect(pp.getByRole("heading", { name: "Welcome, Pia" })).toBeVisible();
  await pp.getByRole("link", { name: "Sign-in security" }).click();
  await expect(card.getByRole("row", { name: /Phone/ })).toContainText("Not used yet");

  await context.close();
  expect(errors).toEqual([]);
});
