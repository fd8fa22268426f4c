import fs from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { makeUpn } from "../src/domain/upn.ts";
import { expectAccessible, watchForBrowserErrors } from "./support/checks.ts";
import { makeSchool, signedInLeader } from "./support/new-school.ts";
import { dialogSettled } from "./support/pupil-data.ts";
import { admin, choose, screenshot, signIn } from "./support/ui.ts";

/**
 * Data rights (issue #15): on the main Cascade, after foundation.spec.ts made its
 * administrator, this journey builds its own school, leader and pupil, then the
 * leader corrects the pupil, reads the history, downloads and opens a copy of
 * everything held, and erases the pupil; the leader downloads their own data;
 * the administrator erases the leader's account.
 */
const suffix = Math.random().toString(16).slice(2, 8);
const leader = {
  name: "Rhea Rights",
  email: `rhea-${suffix}@network.test`,
  password: "saffron lighthouse quarry 82",
};
const approver = {
  name: "Abe Approver",
  email: `abe-${suffix}@network.test`,
  password: "thistle causeway ember 55",
};
const pupil = { first: "Ottoline", last: `Verity${suffix}` };
const fullName = `${pupil.first} ${pupil.last}`;

async function post(page: Page, path: string, options: Parameters<Page["request"]["post"]>[1]) {
  const origin = new URL(page.url()).origin;
  const response = await page.request.post(`${origin}${path}`, {
    ...options,
    headers: { origin },
  });
  expect(response.ok(), `${path}: ${await response.text()}`).toBe(true);
  return response.json();
}

test("a leader answers a pupil's data rights, downloads their own data, and is erased by an administrator", async ({
  browser,
  page,
}) => {
  test.setTimeout(180_000);
  // The administrator builds a school and gives it a leader.
  await signIn(page, admin.email, admin.password);
  const school = await makeSchool(page, `Rightsfield Primary ${suffix}`);
  const { lead, context } = await signedInLeader(page, browser, {
    schoolId: school.id,
    leader,
    approver,
  });
  const errors = watchForBrowserErrors(lead);

  // The leader's pupil list holds one pupil, imported through the API.
  const upn = makeUpn(882, 5000 + Math.floor(Math.random() * 4000), 2019, 7);
  await post(lead, `/api/schools/${school.id}/imports`, {
    multipart: {
      kind: "pupils",
      file: {
        name: "pupils.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(
          `UPN,Forename,Surname,DOB,Year\r\n${upn},${pupil.first},${pupil.last},14/02/2018,3\r\n`,
        ),
      },
    },
  });

  // The profile: a Data rights section, with no changes yet.
  await lead.goto("/my-school/pupils");
  await lead.getByRole("link", { name: `${pupil.last}, ${pupil.first}` }).click();
  await expect(lead.getByRole("heading", { level: 1, name: fullName })).toBeVisible();
  const rights = lead.getByRole("region", { name: "Data rights" });
  await expect(rights.getByText(/^No changes recorded\./)).toBeVisible();
  await expectAccessible(lead, "pupil profile with data rights, no history");

  // A correction shows in the history: who, what, old → new.
  await lead.getByRole("button", { name: "Edit details" }).click();
  const edit = lead.getByRole("dialog", { name: `Edit ${fullName}` });
  await dialogSettled(edit);
  await choose(edit, "Year group", "Year 4");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit).toBeHidden();
  const history = rights.getByRole("region", { name: "History of changes" });
  const row = history.getByRole("row", { name: /Year group/ });
  await expect(row).toContainText(leader.name);
  await expect(row).toContainText("3 → 4");
  await expect(row).toContainText("Edited");
  await expectAccessible(lead, "pupil profile with its history of changes");
  await rights.scrollIntoViewIfNeeded();
  await rights.screenshot({ path: "/tmp/pupil-data-rights.png" });
  await screenshot(lead, "pupil-data-rights");

  // Everything held, as JSON: it names the pupil.
  const [download] = await Promise.all([
    lead.waitForEvent("download"),
    rights.getByRole("link", { name: "Download everything we hold (JSON)" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^pupil-data-.+\.json$/);
  const held = JSON.parse(fs.readFileSync(await download.path(), "utf8"));
  expect(held.pupil).toMatchObject({ legalFirstName: pupil.first, lastName: pupil.last, upn });
  expect(held.history).toEqual([expect.objectContaining({ field: "year_group", newValue: "4" })]);

  // The readable copy opens in a new tab.
  const [copy] = await Promise.all([
    context.waitForEvent("page"),
    rights.getByRole("link", { name: /^Open a readable copy/ }).click(),
  ]);
  await expect(copy.getByRole("heading", { level: 1 })).toHaveText(`Data held about ${fullName}`);
  await expect(copy.getByRole("heading", { name: "History of changes" })).toBeVisible();
  await expectAccessible(copy, "readable copy of a pupil's data");
  await copy.close();

  // Erasure: a wrong name is refused in the dialog, the right one erases.
  await rights.getByRole("button", { name: "Erase this pupil…" }).click();
  const erase = lead.getByRole("dialog", { name: `Erase ${fullName}?` });
  await dialogSettled(erase);
  await expect(erase).toContainText("This cannot be undone");
  await expect(erase).toContainText("What stays");
  await expectAccessible(lead, "erase pupil dialog");
  await screenshot(lead, "erase-pupil-dialog");
  const typed = erase.getByRole("textbox", { name: /Type the pupil's first name and surname/ });
  await typed.fill(pupil.first);
  await typed.press("Enter");
  await expect(erase.getByText(/^That is not this pupil's name/)).toBeVisible();
  await typed.fill(fullName.toUpperCase());
  await erase.getByRole("button", { name: "Erase this pupil" }).click();
  await expect(lead.getByRole("heading", { level: 1, name: "Pupils" })).toBeVisible();
  await expect(lead.getByRole("status").filter({ hasText: "The pupil was erased" })).toBeVisible();
  await expect(lead.getByText(/^No pupils yet\./)).toBeVisible();
  await expectAccessible(lead, "pupils list after an erasure");
  const gone = await lead.request.get(`/api/pupils/${held.pupil.id}`);
  expect(gone.status()).toBe(404);

  // The leader's own data, from their sessions page.
  await lead.goto("/account/sessions");
  await expect(lead.getByRole("heading", { name: "Your sessions" })).toBeVisible();
  const mine = lead.getByRole("region", { name: "Your data" });
  const [own] = await Promise.all([
    lead.waitForEvent("download"),
    mine.getByRole("link", { name: "Download my data (JSON)" }).click(),
  ]);
  const ownData = JSON.parse(fs.readFileSync(await own.path(), "utf8"));
  expect(ownData.user).toMatchObject({ name: leader.name, email: leader.email });
  expect(ownData.auditEntries.map((a: { action: string }) => a.action)).toContain("pupil.erased");
  const [ownCopy] = await Promise.all([
    context.waitForEvent("page"),
    mine.getByRole("link", { name: /^Open a readable copy/ }).click(),
  ]);
  await expect(ownCopy.getByRole("heading", { level: 1 })).toHaveText(
    `Data held about ${leader.name}`,
  );
  await expectAccessible(ownCopy, "readable copy of one's own data");
  await ownCopy.close();
  await expectAccessible(lead, "my sessions page with my data");
  expect(errors).toEqual([]);

  // The administrator erases the leader's account: the email must be typed.
  await page.goto("/admin/users");
  await page.getByRole("textbox", { name: "Search people" }).fill(leader.email);
  await page.getByRole("button", { name: `Erase ${leader.name}…` }).click();
  const person = page.getByRole("dialog", { name: `Erase ${leader.name}?` });
  await dialogSettled(person);
  await expectAccessible(page, "erase person dialog");
  await person
    .getByRole("textbox", { name: /Type the account's email address/ })
    .fill(leader.email);
  await person.getByRole("button", { name: "Erase this person" }).click();
  await expect(person).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "Person erased" })).toContainText(
    `${leader.name}'s name and email address are gone`,
  );
  await expect(page.getByText(`Nobody matches “${leader.email}”.`)).toBeVisible();
  await expectAccessible(page, "people page after an erasure");

  // The erased account is signed out.
  await lead.goto("/");
  await expect(lead.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await context.close();
});
