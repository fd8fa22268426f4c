import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import viteConfig from "../vite.config.ts";
import { TestClient } from "./support/client.ts";
import { testEngine } from "./support/engines.ts";
import { createTestApp, type TestApp } from "./support/test-app.ts";

// Source maps hand anyone the app's whole source: the build makes none, and the
// server refuses one even when an old or development build left it in the folder.
describe(`source maps are never shipped [${testEngine()}]`, () => {
  let t: TestApp;
  beforeAll(async () => {
    const webDir = path.resolve(`.tmp/test-web-maps-${testEngine()}`);
    fs.mkdirSync(path.join(webDir, "assets"), { recursive: true });
    fs.writeFileSync(path.join(webDir, "index.html"), "<!doctype html><title>Cascade</title>");
    fs.writeFileSync(path.join(webDir, "assets", "index-abc.js"), "console.log(1);\n");
    fs.writeFileSync(
      path.join(webDir, "assets", "index-abc.js.map"),
      JSON.stringify({ version: 3, sources: ["src/web/main.tsx"], mappings: "" }),
    );
    t = await createTestApp({ config: { webDir } });
  });
  afterAll(async () => t.close());

  it("builds without source maps", () => {
    const config = typeof viteConfig === "function" ? null : viteConfig;
    expect(config?.build?.sourcemap).toBe(false);
  });

  it("answers 404 to a request for a .map file, and still serves the script", async () => {
    const client = new TestClient(t.app);
    const script = await client.get("/assets/index-abc.js");
    expect(script.statusCode).toBe(200);
    const map = await client.get("/assets/index-abc.js.map");
    expect(map.statusCode).toBe(404);
    expect(map.body).not.toContain("src/web/main.tsx");
  });
});
