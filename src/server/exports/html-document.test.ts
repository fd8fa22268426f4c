import { describe, expect, it } from "vitest";
import { escapeHtml, labelOf, renderDocument } from "./html-document.ts";

describe("the printable HTML document", () => {
  it("escapes every character that could start markup or end an attribute", () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe(
      "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;",
    );
  });

  it("labels fields in words", () => {
    expect(labelOf("createdAt")).toBe("Created at");
    expect(labelOf("legal_first_name")).toBe("Legal first name");
  });

  it("renders tables of escaped values, a field list for one object, and says when a table is empty", () => {
    const html = renderDocument({
      title: "Data <held>",
      intro: "About one pupil.",
      sections: [
        { heading: "Record", rows: { lastName: "<b>O'Brien</b>", eal: true, leftOn: null } },
        { heading: "Values", rows: [{ measure: "Reading", value: 3 }] },
        { heading: "Strategies", rows: [], empty: "Not in any strategy." },
      ],
    });
    expect(html).toContain("<title>Data &lt;held&gt;</title>");
    expect(html).toContain("&lt;b&gt;O&#39;Brien&lt;/b&gt;");
    expect(html).not.toContain("<b>");
    expect(html).toContain('<th scope="row">Eal</th><td>Yes</td>');
    expect(html).toContain('<th scope="row">Left on</th><td>—</td>');
    expect(html).toContain('<th scope="col">Measure</th>');
    expect(html).toContain("<td>Reading</td><td>3</td>");
    expect(html).toContain("<p>Not in any strategy.</p>");
    expect(html).not.toMatch(/<script|<style|https?:/);
  });
});
