import { describe, expect, it } from "vitest";
import { renderIssue } from "./render.ts";

describe("rendering an issue", () => {
  const issue = {
    title: "What works <this> term",
    termLabel: "Autumn 2026",
    introduction: 'Welcome <script>alert("x")</script>\n\nSecond & last paragraph.',
    items: [
      {
        kind: "evidence" as const,
        refId: "oral-language",
        title: "Oral <b>language</b>",
        summary: "g = 0.21",
      },
      { kind: "resource" as const, refId: "r1", title: "A template", summary: 'Use it "well"' },
    ],
  };

  it("escapes every piece of text, so no editor's or author's markup reaches a reader", () => {
    const { html, subject } = renderIssue(issue, {
      appUrl: "https://c.example",
      unsubscribeUrl: null,
    });
    expect(subject).toBe("What works <this> term (Autumn 2026)");
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<b>");
    expect(html).toContain("Welcome &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(html).toContain("Second &amp; last paragraph.");
    expect(html).toContain('href="https://c.example/evidence?strand=oral-language"');
    expect(html).not.toContain("Unsubscribe");
  });

  it("writes a plain-text part with the same items, and the unsubscribe link in both parts", () => {
    const url = "https://c.example/newsletters/unsubscribe#token=abc";
    const { html, text } = renderIssue(issue, { appUrl: null, unsubscribeUrl: url });
    expect(text).toContain("Evidence: Oral <b>language</b>\ng = 0.21");
    expect(text).toContain("Resource: A template");
    expect(text).toContain(`Unsubscribe from the newsletter: ${url}`);
    expect(html).toContain(`href="${url}"`);
    expect(text).not.toContain("http://");
    expect(html).not.toContain("/evidence?");
  });
});
