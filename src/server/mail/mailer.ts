import nodemailer from "nodemailer";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
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
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    configured: true,
    async send(message) {
      await transport.sendMail({ from, ...message });
    },
  };
}
