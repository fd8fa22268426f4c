import { Button, Container, Group, Stack, Text, Title } from "@mantine/core";
import { type ErrorComponentProps, Link, useCanGoBack, useRouter } from "@tanstack/react-router";
import { PageForbidden } from "./page-access.ts";

function WayBack() {
  const router = useRouter();
  const canGoBack = useCanGoBack();
  return (
    <Group>
      {canGoBack ? (
        <Button variant="default" onClick={() => router.history.back()}>
          Go back
        </Button>
      ) : null}
      <Button component={Link} to="/">
        Go to your home page
      </Button>
    </Group>
  );
}

/**
 * What a page shows when it cannot be shown: who may open it, when the person's
 * roles do not; otherwise a plain apology. The error's own text is never shown,
 * as it is written for developers, not for the people using Cascade.
 */
export function RouteErrorPage({ error, reset }: ErrorComponentProps) {
  if (error instanceof PageForbidden) {
    return (
      <Container size={560} py={64}>
        <Stack>
          <Title order={1}>You cannot open this page</Title>
          <Text>{error.reason}</Text>
          <Text size="sm" c="dimmed">
            If your work needs it, ask your school's leader or your programme lead to give you the
            role.
          </Text>
          <WayBack />
        </Stack>
      </Container>
    );
  }
  return (
    <Container size={560} py={64}>
      <Stack>
        <Title order={1}>This page could not be shown</Title>
        <Text>Something went wrong while opening it. Try again, or come back to it later.</Text>
        <Group>
          <Button variant="default" onClick={reset}>
            Try again
          </Button>
        </Group>
        <WayBack />
      </Stack>
    </Container>
  );
}
