import { expect, test } from "@playwright/test";
import { type LoopbackProvider, startLoopbackProvider } from "../test/support/oidc-provider.ts";
import { expectAccessible, watchForBrowserErrors } from "./support/checks.ts";
import { admin, screenshot, signIn } from "./support/ui.ts";

/**
 * Single sign-on end to end against a real OpenID Connect provider on
 * loopback: an administrator adds the provider, an invited person accepts by
 * signing in there, signs out, and signs in with it again; a callback with a
 * wrong state lands on the sign-in page with its message.
 */
const suffix = Math.random().toString(16).slice(2, 8);
const sam = { name: "Sam Sinclair", email: `sam-${suffix}@sso-e2e.test`, subject: `sam-${suffix}` };
const providerName = `Loopback Login ${suffix}`;

let idp: LoopbackProvider;

test.describe
  .serial("single sign-on with an OpenID Connect provider", () => {
    test.beforeAll(async ({ baseURL }) => {
      idp = await startLoopbackProvider({ redirectUris: [`${baseURL}/api/auth/sso/callback`] });
      idp.accounts.set(sam.subject, { email: sam.email, email_verified: true, name: sam.name });
      idp.nextLogin.subject = sam.subject;
      idp.nextLogin.amr = ["pwd", "mfa"];
    });
    test.afterAll(async () => idp?.close());

    let invitationLink = "";

    test("an administrator adds the provider and invites someone", async ({ page }) => {
      const errors = watchForBrowserErrors(page);
      await signIn(page, admin.email, admin.password);
      await page.goto("/admin/single-sign-on");
      await expect(page.getByRole("heading", { name: "Single sign-on" })).toBeVisible();
      await page.getByRole("button", { name: "Add a provider" }).click();
      const dialog = page.getByRole("dialog", { name: "Add a provider" });
      await dialog.getByLabel("Name on the button").fill(providerName);
      await dialog.getByLabel("Issuer URL").fill("http://login.example.org");
      await dialog.getByLabel("Client ID").fill(idp.clientId);
      await dialog.getByRole("textbox", { name: "Client secret" }).fill(idp.clientSecret);
      await dialog.getByLabel("Allowed email domains").fill("sso-e2e.test");
      await dialog.getByRole("button", { name: "Add provider" }).click();
      // The browser checks what the server will: no https, no provider.
      await expect(dialog.getByText(/starting https:\/\//)).toBeVisible();
      await expectAccessible(page, "single sign-on, adding a provider");
      await dialog.getByLabel("Issuer URL").fill(idp.issuer);
      await dialog.getByRole("button", { name: "Add provider" }).click();
      await expect(dialog).toBeHidden();
      const row = page.getByRole("row", { name: new RegExp(providerName) });
      await expect(row).toContainText("Enabled");
      await expect(row).toContainText("sso-e2e.test");
      await expectAccessible(page, "single sign-on providers");
      await screenshot(page, "sso-providers");

      const origin = new URL(page.url()).origin;
      const invited = await page.request.post(`${origin}/api/invitations`, {
        data: { email: sam.email, role: "network_admin", scopeType: "network" },
        headers: { origin },
      });
      expect(invited.ok()).toBe(true);
      invitationLink = ((await invited.json()) as { url: string }).url;
      expect(invitationLink).toContain("#token=");
      expect(errors).toEqual([]);
    });

    test("the invited person accepts by signing in with the provider", async ({ browser }) => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(invitationLink);
      await expect(page.getByRole("heading", { name: "Join Cascade" })).toBeVisible();
      const button = page.getByRole("link", { name: `Sign in with ${providerName}` });
      await expect(button).toBeVisible();
      await expectAccessible(page, "invitation with single sign-on");
      await screenshot(page, "sso-invitation");
      await button.click();
      await expect(page.getByRole("heading", { name: "Welcome, Sam" })).toBeVisible();

      // My sessions says how.
      await page.goto("/account/sessions");
      await expect(page.getByText("Single sign-on with a second factor").first()).toBeVisible();

      await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
      await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();

      // Signing in again, with the provider alone.
      await page.getByRole("link", { name: `Sign in with ${providerName}` }).click();
      await expect(page.getByRole("heading", { name: "Welcome, Sam" })).toBeVisible();
      await context.close();
    });

    test("a callback with a wrong state says so on the sign-in page", async ({ browser }) => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto("/api/auth/sso/callback?state=forged&code=forged");
      await expect(page).toHaveURL(/\/sign-in\?sso_error=state/);
      await expect(page.getByRole("alert")).toContainText("could not be matched");
      await expectAccessible(page, "sign-in after a failed single sign-on");
      await screenshot(page, "sso-error");
      await context.close();
    });
  });
