import { PassThrough } from "node:stream";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../config.ts";
import { prettyLogStream } from "./log-format.ts";

describe("the log's format", () => {
  it("is readable lines at a terminal and JSON otherwise, unless CASCADE_LOG_FORMAT says", () => {
    expect(loadConfig({}, true).logFormat).toBe("pretty");
    expect(loadConfig({}, false).logFormat).toBe("json");
    expect(loadConfig({ CASCADE_LOG_FORMAT: "auto" }, true).logFormat).toBe("pretty");
    expect(loadConfig({ CASCADE_LOG_FORMAT: "json" }, true).logFormat).toBe("json");
    expect(loadConfig({ CASCADE_LOG_FORMAT: "pretty" }, false).logFormat).toBe("pretty");
    expect(() => loadConfig({ CASCADE_LOG_FORMAT: "xml" }, true)).toThrow(
      'CASCADE_LOG_FORMAT must be auto, pretty or json, not "xml".',
    );
  });

  it("writes one readable line per event, with its level and message, and no JSON", async () => {
    const out = new PassThrough();
    const chunks: string[] = [];
    out.on("data", (chunk: Buffer) => chunks.push(chunk.toString("utf8")));
    const logger = pino({ level: "info" }, await prettyLogStream(out));
    logger.info({ reqId: "req-7" }, "request completed");
    logger.warn("CASCADE_PUBLIC_URL is not set");
    await new Promise((resolve) => setImmediate(resolve));
    const text = chunks.join("");
    const lines = text.split("\n").filter((line) => /INFO|WARN/.test(line));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: request completed$/);
    expect(lines[1]).toMatch(/^\[\d\d:\d\d:\d\d\] WARN: CASCADE_PUBLIC_URL is not set$/);
    expect(text).toContain('reqId: "req-7"');
    expect(text).not.toMatch(/^\{/m);
    // No colour codes when the destination is not a terminal.
    expect(text).not.toContain("\u001b[");
  });
});
