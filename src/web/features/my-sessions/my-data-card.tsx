import { Button, Card, Group, Text, Title } from "@mantine/core";

/** One's own data (subject access): everything Cascade holds about the signed-in person. */
export function MyDataCard() {
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="my-data-heading">
      <Title order={2} size="h4" id="my-data-heading" mb="xs">
        Your data
      </Title>
      <Text size="sm" mb="sm">
        Everything Cascade holds about you: your account, roles, sessions, teams, what you wrote and
        what you did. Download it as JSON, or open a readable copy to print or save as PDF.
      </Text>
      <Group gap="sm">
        <Button component="a" href="/api/me/data" download variant="default">
          Download my data (JSON)
        </Button>
        <Button
          component="a"
          href="/api/me/data/document"
          target="_blank"
          rel="noopener"
          variant="default"
        >
          Open a readable copy (new tab)
        </Button>
      </Group>
    </Card>
  );
}
