import { expect, type Page, test } from "@playwright/test";
import { expectAccessible } from "./support/checks.ts";
import { accounts, segment, signedIn } from "./support/cohort-matrix.ts";
import { choose, screenshot } from "./support/ui.ts";

/**
 * The resource library on the demo network (issue 16): the programme lead adds
 * a file and a link and builds a reading list, reordering it with the keyboard;
 * a teacher finds the link by search, saves it to the school's shelf and sees
 * it there. Axe on every page.
 */
test.describe.configure({ mode: "serial", timeout: 180_000 });

const run = Math.random().toString(36).slice(2, 7);
const FILE_TITLE = `Gap tracking workbook ${run}`;
const LINK_TITLE = `Vocabulary instruction for disadvantaged readers ${run}`;
const LIST_TITLE = `Start here ${run}`;

async function openLibrary(page: Page) {
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Resources", exact: true })
    .click();
  await expect(page.getByRole("heading", { name: "Resources", level: 1 })).toBeVisible();
}

test("a programme lead adds a file and a link, and builds a reading list", async ({ browser }) => {
  const { page, errors, close } = await signedIn(browser, accounts().lead);
  await openLibrary(page);
  await expectAccessible(page, "resource library (lead)");

  // A file.
  await page.getByRole("link", { name: "Add a resource" }).first().click();
  await expect(page.getByRole("heading", { name: "Add a resource", level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "Upload file" }).click();
  await expect(page.getByText("Choose a file.")).toBeVisible();
  await page.locator('input[type="file"]').setInputFiles({
    name: "gap-workbook.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("%PDF-1.4 a fictional workbook"),
  });
  await page.getByRole("textbox", { name: "Title" }).fill(FILE_TITLE);
  await page.getByRole("textbox", { name: "Summary" }).fill("Track the gap term by term.");
  await choose(page, "Kind", "Data-tracking tool");
  await page.getByRole("checkbox", { name: "Leaders" }).check();
  await expectAccessible(page, "add a resource");
  await page.getByRole("button", { name: "Upload file" }).click();
  await expect(page.getByRole("heading", { name: FILE_TITLE, level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: /Download gap-workbook\.pdf/ })).toBeVisible();
  await expectAccessible(page, "a resource (lead)");

  // A link.
  await openLibrary(page);
  await page.getByRole("link", { name: "Add a resource" }).first().click();
  await segment(page, "A link");
  await page.getByRole("textbox", { name: "Web address" }).fill("javascript:alert(1)");
  await page.getByRole("textbox", { name: "Title" }).fill(LINK_TITLE);
  await choose(page, "Kind", "Research summary");
  await page.getByRole("button", { name: "Add link" }).click();
  await expect(page.getByText("Use a web address starting https:// (or http://).")).toBeVisible();
  await page.getByRole("textbox", { name: "Web address" }).fill("https://example.org/vocabulary");
  await page
    .getByRole("textbox", { name: "Summary" })
    .fill("Teaching vocabulary explicitly: what the research says.");
  await page.getByRole("checkbox", { name: "Teachers" }).check();
  await page.getByRole("button", { name: "Add link" }).click();
  await expect(page.getByRole("heading", { name: LINK_TITLE, level: 1 })).toBeVisible();

  // A reading list: both resources, then the link moved up with the keyboard, with a note.
  await openLibrary(page);
  await page.getByRole("link", { name: "Reading lists" }).click();
  await expect(page.getByRole("heading", { name: "Reading lists", level: 1 })).toBeVisible();
  await page.getByRole("textbox", { name: "Title" }).fill(LIST_TITLE);
  await page.getByRole("button", { name: "Start the list" }).click();
  await expect(page.getByRole("heading", { name: LIST_TITLE, level: 1 })).toBeVisible();
  for (const title of [FILE_TITLE, LINK_TITLE]) {
    await choose(page, "Resource", title, title.slice(0, 12));
    await page.getByRole("button", { name: "Add to the list" }).click();
  }
  const up = page.getByRole("button", { name: `Move ${LINK_TITLE} up` });
  await up.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByText(`${LINK_TITLE} moved to position 1 of 2.`)).toBeVisible();
  await page.getByRole("textbox", { name: `Note on ${LINK_TITLE}` }).fill("Read this first.");
  await page.getByRole("button", { name: "Save the list" }).click();
  await expect(page.getByText("The list is saved.")).toBeVisible();
  await page.reload();
  const items = page.getByRole("list", { name: "Resources on the list" }).getByRole("listitem");
  await expect(items).toHaveCount(2);
  await expect(items.first()).toContainText(LINK_TITLE);
  await expect(page.getByRole("textbox", { name: `Note on ${LINK_TITLE}` })).toHaveValue(
    "Read this first.",
  );
  await expectAccessible(page, "reading list (lead)");
  await screenshot(page, "resources-reading-list");
  expect(errors).toEqual([]);
  await close();
});

test("a teacher finds a resource by search, saves it to the shelf and sees it there", async ({
  browser,
}) => {
  const { page, errors, close } = await signedIn(browser, accounts().teacher);
  await openLibrary(page);
  await expect(page.getByRole("link", { name: "Add a resource" })).toHaveCount(0);
  await page.getByRole("searchbox", { name: "Search" }).fill(`vocabularies ${run}`);
  const found = page.getByRole("article", { name: LINK_TITLE });
  await expect(found).toBeVisible();
  await expect(page.getByRole("article", { name: FILE_TITLE })).toHaveCount(0);
  await expect(found).toContainText("Research summary");
  await expect(found).toContainText("For teachers");
  await expectAccessible(page, "resource library (teacher)");
  await screenshot(page, "resources-library");

  await found.getByRole("link", { name: LINK_TITLE }).click();
  await expect(page.getByRole("heading", { name: LINK_TITLE, level: 1 })).toBeVisible();
  await expect(page.getByRole("button", { name: "Edit" })).toHaveCount(0);
  await page.getByRole("button", { name: "Save to our shelf" }).click();
  await expect(page.getByRole("button", { name: "Remove from our shelf" })).toBeVisible();
  await expectAccessible(page, "a resource (teacher)");

  await openLibrary(page);
  await page.getByRole("link", { name: "Our shelf" }).click();
  await expect(page.getByRole("heading", { name: "Our shelf", level: 1 })).toBeVisible();
  await expect(page.getByRole("article", { name: LINK_TITLE })).toBeVisible();
  await expectAccessible(page, "our shelf");
  await screenshot(page, "resources-shelf");

  // The reading list the lead built reads in its order for the teacher.
  await openLibrary(page);
  await page.getByRole("link", { name: "Reading lists" }).click();
  await page.getByRole("link", { name: LIST_TITLE }).click();
  await expect(page.getByRole("article").first()).toContainText(LINK_TITLE);
  await expect(page.getByText("Read this first.")).toBeVisible();
  await expectAccessible(page, "reading list (teacher)");
  expect(errors).toEqual([]);
  await close();
});
