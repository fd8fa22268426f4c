import { Alert, Button, Code, CopyButton, Stack, Text } from "@mantine/core";
import { formatDate } from "../lib/format.ts";

export interface DeliveredInvitation {
  email: string;
  /** The one-time link, present when no mail server could send it. */
  url?: string;
  expiresAt?: string;
}

/** What became of one invitation: the link to pass on by hand, or word that it was emailed. */
export function InvitationLink({ invitation }: { invitation: DeliveredInvitation }) {
  const until = invitation.expiresAt ? `, until ${formatDate(invitation.expiresAt)}` : "";
  if (!invitation.url) {
    return (
      <Text size="sm">
        An email with the link is on its way to {invitation.email}. It works once{until}.
      </Text>
    );
  }
  return (
    <Stack gap="xs">
      <Text size="sm">
        No mail server is set up, so pass this one-time link to {invitation.email} yourself. It
        works once{until}.
      </Text>
      <Code block data-testid="invitation-url">
        {invitation.url}
      </Code>
      <CopyButton value={invitation.url}>
        {({ copied, copy }) => (
          <Button
            size="xs"
            variant="light"
            onClick={copy}
            w="fit-content"
            aria-label={`Copy the invitation link for ${invitation.email}`}
          >
            {copied ? "Copied" : "Copy link"}
          </Button>
        )}
      </CopyButton>
    </Stack>
  );
}

/** A confirmation that invitations were created, with each one's link or delivery. */
export function InvitationsSent({
  invitations,
  title,
}: {
  invitations: DeliveredInvitation[];
  title: string;
}) {
  return (
    <Alert color="teal" variant="light" title={title}>
      <Stack gap="md">
        {invitations.map((invitation) => (
          <InvitationLink key={invitation.email} invitation={invitation} />
        ))}
      </Stack>
    </Alert>
  );
}
