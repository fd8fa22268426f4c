import { expect, test } from "@playwright/test";

// The built web app as the server sends it: compressed, hashed files cached for a
// year, index.html checked on every visit, and a first page that loads only what it needs.
test("the built assets are sent compressed, with caching that fits each file", async ({
  request,
  page,
}) => {
  const index = await request.get("/", { headers: { "accept-encoding": "br, gzip" } });
  expect(index.status()).toBe(200);
  expect(index.headers()["cache-control"]).toBe("no-cache");
  expect(index.headers()["content-encoding"]).toBe("br");
  const html = await index.text();
  const scripts = [...html.matchAll(/src="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1] ?? "");
  const styles = [...html.matchAll(/href="(\/assets\/[^"]+\.css)"/g)].map((m) => m[1] ?? "");
  expect(scripts.length).toBeGreaterThan(0);

  for (const asset of [...scripts, ...styles]) {
    expect(asset).toMatch(/-[\w-]{8}\.(js|css)$/);
    for (const encoding of ["br", "gzip"]) {
      const response = await request.get(asset, { headers: { "accept-encoding": encoding } });
      expect(response.status(), asset).toBe(200);
      const headers = response.headers();
      expect(headers["content-encoding"], asset).toBe(encoding);
      expect(headers["cache-control"], asset).toBe("public, max-age=31536000, immutable");
      expect(headers.vary, asset).toMatch(/accept-encoding/i);
    }
    const plain = await request.get(asset, { headers: { "accept-encoding": "identity" } });
    expect(plain.headers()["content-encoding"], asset).toBeUndefined();
    const brotli = await request.get(asset, { headers: { "accept-encoding": "br" } });
    // Playwright hands back the decoded body; both must be the very same file.
    expect((await brotli.body()).equals(await plain.body()), asset).toBe(true);
    expect(Number(plain.headers()["content-length"])).toBeGreaterThan(0);
  }

  // The first page (sign-in, or set-up on a new Cascade) loads the shell's chunks, not every page's code.
  const loaded: string[] = [];
  page.on("response", (response) => {
    if (response.url().includes("/assets/") && response.url().endsWith(".js"))
      loaded.push(response.url());
  });
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(loaded.length).toBeGreaterThan(0);
  expect(loaded.some((url) => /matrix-page|strategy-page|gap-page/.test(url))).toBe(false);
});
