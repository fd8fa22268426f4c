import type { NewsletterItem } from "../../../contracts/newsletters.ts";
import { NEWSLETTER_ITEM_KIND_LABELS } from "../../../contracts/newsletters.ts";
import { escapeHtml } from "../../exports/html-document.ts";

/** What an issue is rendered from: all of it text, escaped here once. */
export interface IssueContent {
  title: string;
  termLabel: string;
  introduction: string;
  items: readonly NewsletterItem[];
}

export interface RenderOptions {
  /** The app's address, for links (none: the pages are named instead). */
  appUrl: string | null;
  /** The recipient's own unsubscribe page, in an email; null in the app. */
  unsubscribeUrl: string | null;
}

/** The introduction's paragraphs: blank lines separate them; nothing in it is markup. */
const paragraphs = (text: string): string[] =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);

const linkOf = (item: NewsletterItem, appUrl: string | null): string | null => {
  if (!appUrl) return null;
  if (item.kind === "evidence")
    return `${appUrl}/evidence?strand=${encodeURIComponent(item.refId)}`;
  return null;
};

/**
 * The issue as an email: subject, HTML part and plain-text part. Every piece
 * of text (the editor's introduction, the titles and summaries written from
 * the record) is escaped; the HTML has no scripts, styles sheets or remote
 * images, only inline styles, so it reads the same in a mail client and in a
 * sandboxed frame in the app.
 */
export function renderIssue(
  issue: IssueContent,
  options: RenderOptions,
): { subject: string; html: string; text: string } {
  const subject = `${issue.title} (${issue.termLabel})`;
  const e = escapeHtml;
  const intro = paragraphs(issue.introduction)
    .map((p) => `<p style="margin:0 0 12px">${e(p).replaceAll("\n", "<br>")}</p>`)
    .join("\n");
  const items = issue.items
    .map((item) => {
      const link = linkOf(item, options.appUrl);
      const heading = link
        ? `<a href="${e(link)}" style="color:#1c4f8a">${e(item.title)}</a>`
        : e(item.title);
      return `<tr><td style="padding:12px 0;border-top:1px solid #d0d7de">
<p style="margin:0;font-size:12px;text-transform:uppercase;color:#57606a">${e(NEWSLETTER_ITEM_KIND_LABELS[item.kind])}</p>
<h2 style="margin:4px 0;font-size:18px">${heading}</h2>
<p style="margin:0">${e(item.summary)}</p>
</td></tr>`;
    })
    .join("\n");
  const footer = options.unsubscribeUrl
    ? `<p style="font-size:12px;color:#57606a">You receive this because you are a member of the Cascade network. <a href="${e(options.unsubscribeUrl)}" style="color:#1c4f8a">Unsubscribe from the newsletter</a>.</p>`
    : "";
  const html = `<!doctype html>
<html lang="en-GB">
<head><meta charset="utf-8"><title>${e(subject)}</title></head>
<body style="margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;color:#1f2328;background:#ffffff">
<table role="presentation" style="max-width:640px;margin:0 auto;border-collapse:collapse;width:100%"><tbody>
<tr><td style="padding-bottom:12px">
<p style="margin:0;color:#57606a">Cascade · ${e(issue.termLabel)}</p>
<h1 style="margin:4px 0 12px;font-size:24px">${e(issue.title)}</h1>
${intro}
</td></tr>
${items || `<tr><td><p>This issue has no items.</p></td></tr>`}
<tr><td style="padding-top:16px;border-top:1px solid #d0d7de">${footer}</td></tr>
</tbody></table>
</body>
</html>
`;
  const textItems = issue.items.map((item) => {
    const link = linkOf(item, options.appUrl);
    return [
      `${NEWSLETTER_ITEM_KIND_LABELS[item.kind]}: ${item.title}`,
      item.summary,
      ...(link ? [link] : []),
    ].join("\n");
  });
  const text = [
    `Cascade · ${issue.termLabel}`,
    issue.title,
    "",
    ...paragraphs(issue.introduction).flatMap((p) => [p, ""]),
    ...(textItems.length ? textItems.flatMap((t) => [t, ""]) : ["This issue has no items.", ""]),
    ...(options.unsubscribeUrl
      ? [`Unsubscribe from the newsletter: ${options.unsubscribeUrl}`]
      : []),
  ].join("\n");
  return { subject, html, text };
}
