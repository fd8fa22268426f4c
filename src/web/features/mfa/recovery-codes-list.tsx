import { Alert, Button, CopyButton, Group, List, Stack, Text } from "@mantine/core";

/** Recovery codes, shown once: the server keeps only their digests. */
export function RecoveryCodesList({ codes }: { codes: string[] }) {
  return (
    <Stack gap="sm">
      <Alert color="teal" variant="light" title="Save your recovery codes now" role="status">
        Each code signs you in once if you lose your phone. They are shown only this once: keep them
        somewhere safe, away from your phone.
      </Alert>
      <List
        aria-label="Recovery codes"
        ff="monospace"
        spacing={2}
        listStyleType="none"
        data-testid="recovery-codes"
      >
        {codes.map((code) => (
          <List.Item key={code}>{code}</List.Item>
        ))}
      </List>
      <Group>
        <CopyButton value={codes.join("\n")}>
          {({ copied, copy }) => (
            <Button variant="light" onClick={copy}>
              {copied ? "Copied" : "Copy the codes"}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Text size="sm" c="dimmed">
        Used codes stop working. You can make a new set at any time from Sign-in security.
      </Text>
    </Stack>
  );
}
