import type { MailMessage } from "../../mail/mailer.ts";

/** The email telling an account's owner that its password changed, and what to do if it was not them. */
export function passwordChangedMessage(to: string, how: string, origin: string): MailMessage {
  return {
    to,
    subject: "Your Cascade password was changed",
    text:
      `The password of your Cascade account was just changed ${how}.\n\n` +
      "If this was you, there is nothing to do.\n\n" +
      "If it was not you, reset your password now and tell your network administrator:\n" +
      `${origin}/forgot-password`,
  };
}
