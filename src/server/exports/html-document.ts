/**
 * A plain, printable HTML document of tables, for exports a person reads (a
 * subject access request). Every value is escaped here, once, so no field a
 * pupil or member of staff's data holds can become markup. No scripts, no
 * styles, no external resources: it opens and prints anywhere, under the
 * strictest Content-Security-Policy.
 */
export interface DocumentSection {
  heading: string;
  /** Rows of one table; an object alone is shown as a two-column list of its fields. */
  rows: ReadonlyArray<Record<string, unknown>> | Record<string, unknown>;
  /** Said instead of an empty table. */
  empty?: string;
}

export function escapeHtml(value: string): string {
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

function cell(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (typeof value === "object") return escapeHtml(JSON.stringify(value));
  return escapeHtml(String(value));
}

/** "createdAt" → "Created at". */
export function labelOf(key: string): string {
  const words = key.replaceAll(/([a-z0-9])([A-Z])/g, "$1 $2").replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();
}

function table(section: DocumentSection): string {
  const { rows } = section;
  if (!Array.isArray(rows)) {
    const items = Object.entries(rows)
      .map(([k, v]) => `<tr><th scope="row">${escapeHtml(labelOf(k))}</th><td>${cell(v)}</td></tr>`)
      .join("");
    return `<table>${items}</table>`;
  }
  if (rows.length === 0) return `<p>${escapeHtml(section.empty ?? "None.")}</p>`;
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const head = columns.map((c) => `<th scope="col">${escapeHtml(labelOf(c))}</th>`).join("");
  const body = rows
    .map((r) => `<tr>${columns.map((c) => `<td>${cell(r[c])}</td>`).join("")}</tr>`)
    .join("\n");
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

export function renderDocument(input: {
  title: string;
  intro: string;
  sections: readonly DocumentSection[];
}): string {
  const sections = input.sections
    .map((s) => `<section><h2>${escapeHtml(s.heading)}</h2>${table(s)}</section>`)
    .join("\n");
  return `<!doctype html>
<html lang="en-GB">
<head><meta charset="utf-8"><title>${escapeHtml(input.title)}</title></head>
<body>
<main>
<h1>${escapeHtml(input.title)}</h1>
<p>${escapeHtml(input.intro)}</p>
${sections}
</main>
</body>
</html>
`;
}
