import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { precompressDir } from "../../scripts/precompress.ts";
import { testEngine } from "../../test/support/engines.ts";
import { createTestApp, type TestApp } from "../../test/support/test-app.ts";

const IMMUTABLE = "public, max-age=31536000, immutable";

describe(`serving the built web app [${testEngine()}]`, () => {
  let t: TestApp;
  let webDir: string;
  const script = `export const greeting = ${JSON.stringify("Hello, Cascade. ".repeat(400))};\n`;
  const get = (url: string, acceptEncoding?: string) =>
    t.app.inject({
      method: "GET",
      url,
      headers: acceptEncoding ? { "accept-encoding": acceptEncoding } : {},
    });

  beforeAll(async () => {
    // A build in miniature: index.html and one hashed asset, precompressed as `vite build` does.
    webDir = fs.mkdtempSync(path.join(os.tmpdir(), "cascade-web-"));
    fs.mkdirSync(path.join(webDir, "assets"));
    fs.writeFileSync(
      path.join(webDir, "index.html"),
      `<!doctype html><html lang="en-GB"><head><title>Cascade</title></head><body><div id="root"></div>${"<!-- padding -->".repeat(100)}<script type="module" src="/assets/index-Ab12Cd34.js"></script></body></html>`,
    );
    fs.writeFileSync(path.join(webDir, "assets", "index-Ab12Cd34.js"), script);
    fs.writeFileSync(path.join(webDir, "assets", "tiny-Zz99Yy88.js"), "export {};\n");
    expect(precompressDir(webDir)).toBe(2);
    t = await createTestApp({ config: { webDir } });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(webDir, { recursive: true, force: true });
  });

  it("sends a hashed asset Brotli-compressed when the browser accepts it, cached for a year", async () => {
    const response = await get("/assets/index-Ab12Cd34.js", "gzip, deflate, br");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-encoding"]).toBe("br");
    expect(response.headers["content-type"]).toMatch(/javascript/);
    expect(response.headers["cache-control"]).toBe(IMMUTABLE);
    expect(String(response.headers.vary)).toMatch(/accept-encoding/i);
    expect(zlib.brotliDecompressSync(response.rawPayload).toString()).toBe(script);
    expect(response.rawPayload.length).toBeLessThan(script.length / 10);
  });

  it("falls back to gzip, then to the plain file, keeping the same caching", async () => {
    const gzip = await get("/assets/index-Ab12Cd34.js", "gzip");
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(zlib.gunzipSync(gzip.rawPayload).toString()).toBe(script);
    expect(gzip.headers["cache-control"]).toBe(IMMUTABLE);
    const plain = await get("/assets/index-Ab12Cd34.js");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body).toBe(script);
    expect(plain.headers["cache-control"]).toBe(IMMUTABLE);
    // A file too small to be worth compressing is sent as it is.
    const tiny = await get("/assets/tiny-Zz99Yy88.js", "br");
    expect(tiny.headers["content-encoding"]).toBeUndefined();
    expect(tiny.headers["cache-control"]).toBe(IMMUTABLE);
  });

  it("sends index.html for a page address, compressed, and says to check it again each time", async () => {
    for (const url of ["/", "/my-school/pupils", "/index.html"]) {
      const response = await get(url, "br");
      expect(response.statusCode, url).toBe(200);
      expect(response.headers["cache-control"], url).toBe("no-cache");
      expect(response.headers["content-type"], url).toMatch(/text\/html/);
      expect(response.headers["content-encoding"], url).toBe("br");
      expect(zlib.brotliDecompressSync(response.rawPayload).toString(), url).toContain(
        '<div id="root">',
      );
    }
  });

  it("keeps the API out of every cache", async () => {
    const response = await get("/api/health", "br");
    expect(response.headers["cache-control"]).toBe("no-store");
  });
});
