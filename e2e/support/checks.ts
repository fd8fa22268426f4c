import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/**
 * Fails on any serious or critical accessibility violation (WCAG 2.1 A and AA rules).
 * `exclude` leaves out a sandboxed frame axe cannot run inside (e.g. an email preview).
 */
export async function expectAccessible(
  page: Page,
  context: string,
  options: { exclude?: string } = {},
): Promise<void> {
  let builder = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]);
  if (options.exclude) builder = builder.exclude(options.exclude);
  const results = await builder.analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes.map((n) => `${n.target.join(" ")} — ${n.failureSummary ?? ""}`).join("; ")})`,
    );
  expect(serious, `axe on ${context}`).toEqual([]);
}

/** Collects Content-Security-Policy violations and page errors, to assert none happened. */
export function watchForBrowserErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy|Refused to/i.test(message.text())) {
      problems.push(message.text());
    }
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  // WEB-3: the app asks nothing of any other host (no fonts, analytics or CDNs).
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (/^(data|blob):$/.test(url.protocol)) return;
    if (url.hostname !== "127.0.0.1" && url.hostname !== "localhost") {
      problems.push(`request to another host: ${url.origin}`);
    }
  });
  return problems;
}

/**
 * WEB-2: nothing the browser keeps after a session (local and session storage,
 * IndexedDB) holds any of these pupil names or UPNs.
 */
export async function expectNothingStored(page: Page, identifiers: string[]): Promise<void> {
  const stored = await page.evaluate(async () => {
    const storage = (s: Storage) =>
      Array.from({ length: s.length }, (_, i) => {
        const key = s.key(i) ?? "";
        return `${key}=${s.getItem(key) ?? ""}`;
      });
    const databases = (await indexedDB.databases()).map((d) => d.name ?? "");
    return [...storage(localStorage), ...storage(sessionStorage), ...databases].join("\n");
  });
  for (const identifier of identifiers) {
    expect(stored, `browser storage holds "${identifier}"`).not.toContain(identifier);
  }
}
