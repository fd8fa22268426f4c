import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/checks.ts";
import { admin, screenshot, signIn } from "./support/ui.ts";

/**
 * The termly newsletter (issue 16): the administrator starts an issue from
 * Cascade's proposals, writes an introduction, previews and sends it (no mail
 * server in the e2e run, so into the outbox) and watches the progress reach
 * done; reads it as a back issue; then opens the unsubscribe link from their
 * own outbox message, signed out, and unsubscribes.
 */
test.describe.configure({ mode: "serial", timeout: 180_000 });

const PREVIEW_FRAME = 'iframe[title="Preview of the newsletter email"]';
const TERM = `Autumn 2026 (${Date.now()})`;

test("an administrator compiles and sends the newsletter, reads it back and unsubscribes by its link", async ({
  page,
  browser,
}) => {
  await signIn(page, admin.email, admin.password);
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Newsletters", exact: true })
    .click();
  await expect(page.getByRole("heading", { name: "Newsletters", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "Compile an issue" }).click();
  await expect(
    page.getByRole("heading", { name: "Compile the newsletter", level: 1 }),
  ).toBeVisible();
  await expectAccessible(page, "newsletters (administrator)");
  await page.getByRole("textbox", { name: "Term" }).fill(TERM);
  await page.getByRole("button", { name: "Start with Cascade's proposals" }).click();
  await expect(page.getByRole("heading", { name: "Compile", level: 2 })).toBeVisible();
  // The network's progress is always proposed, with its figures or why they are withheld.
  const items = page.getByRole("list", { name: "Items in this issue" });
  await expect(items.getByText(/^The network's progress/)).toBeVisible();
  await page
    .getByRole("textbox", { name: "Introduction" })
    .fill("Welcome to this term's newsletter.\n\nThank you, every school.");
  await page.getByRole("button", { name: "Save and preview" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  const preview = page.frameLocator(PREVIEW_FRAME);
  await expect(preview.getByText("Thank you, every school.")).toBeVisible();
  // The preview's frame is sandboxed without scripts, so axe cannot run inside it: the page around it is checked.
  await expectAccessible(page, "newsletter editor", { exclude: PREVIEW_FRAME });
  await screenshot(page, "newsletter-editor");

  await page.getByRole("button", { name: "Send to every subscribed member" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Send now" }).click();
  await expect(page.getByRole("status").filter({ hasText: /^Done: / })).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByRole("status").filter({ hasText: "kept in the outbox" })).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "Sending progress" })).toBeVisible();
  await expectAccessible(page, "newsletter sent", { exclude: PREVIEW_FRAME });
  await screenshot(page, "newsletter-sent");

  // The back issue, as every member reads it.
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Newsletters", exact: true })
    .click();
  await page.getByRole("link", { name: "What works this term" }).first().click();
  await expect(page.getByRole("heading", { name: "What works this term", level: 1 })).toBeVisible();
  await expect(page.getByText("Thank you, every school.")).toBeVisible();
  await expectAccessible(page, "back issue");

  // The administrator's own message in the outbox carries their unsubscribe link.
  const origin = new URL(page.url()).origin;
  const outbox = (await (await page.request.get(`${origin}/api/outbox`)).json()) as {
    items: { kind: string; addressedToYou: boolean; body: string | null }[];
  };
  const mine = outbox.items.find((i) => i.kind === "newsletter" && i.addressedToYou);
  const link = mine?.body?.match(/Unsubscribe from the newsletter: (\S+)/)?.[1];
  if (!link) throw new Error("no unsubscribe link in the administrator's newsletter message");
  const signedOut = await browser.newContext();
  const visitor = await signedOut.newPage();
  await visitor.goto(link);
  await expect(
    visitor.getByRole("heading", { name: "Unsubscribe from the newsletter", level: 1 }),
  ).toBeVisible();
  await expectAccessible(visitor, "unsubscribe page");
  await visitor.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(visitor.getByRole("heading", { name: "You are unsubscribed" })).toBeVisible();
  await expectAccessible(visitor, "unsubscribed");
  await signedOut.close();

  // Settings shows it off, and turns it back on.
  await page.goto(`${origin}/settings`);
  const toggle = page.getByRole("switch", { name: "Email me the termly newsletter" });
  await expect(toggle).not.toBeChecked();
  await toggle.click({ force: true });
  await expect(
    page.getByRole("status").filter({ hasText: "Saved: the newsletter is on." }),
  ).toBeVisible();
  await expectAccessible(page, "settings");
});
