import type { Transporter } from "nodemailer";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** An HTML part beside the text (escaped by whoever builds it). */
  html?: string;
  /** Extra headers, e.g. List-Unsubscribe. */
  headers?: Record<string, string>;
}

export interface Mailer {
  /** False when no SMTP server is configured: callers show links instead of sending them. */
  readonly configured: boolean;
  send(message: MailMessage): Promise<void>;
}

export const noMailer: Mailer = {
  configured: false,
  async send() {
    throw new Error("No SMTP server is configured (set SMTP_URL).");
  },
};

export function createMailer(smtpUrl: string | undefined, from: string): Mailer {
  if (!smtpUrl) return noMailer;
  // nodemailer loads on the first message, not at every start.
  let transport: Promise<Transporter> | undefined;
  return {
    configured: true,
    async send(message) {
      transport ??= import("nodemailer").then((m) => m.default.createTransport(smtpUrl));
      await (await transport).sendMail({ from, ...message });
    },
  };
}
