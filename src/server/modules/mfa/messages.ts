import type { MailMessage } from "../../mail/mailer.ts";

/** The email telling a person that an administrator reset their second factor, and what happens next. */
export function secondFactorResetMessage(to: string, origin: string): MailMessage {
  return {
    to,
    subject: "Your Cascade second factor was reset",
    text:
      "A network administrator has just reset the second factor of your Cascade account: " +
      "your authenticator app, your recovery codes and your passkeys no longer sign you in, " +
      "and every session was signed out.\n\n" +
      "Next time you sign in with your password, you will be asked to set up a second factor again:\n" +
      `${origin}/sign-in\n\n` +
      "If you did not ask for this, tell your network administrator straight away and change your password:\n" +
      `${origin}/forgot-password`,
  };
}
