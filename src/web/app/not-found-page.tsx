import { Button, Container, Stack, Text, Title } from "@mantine/core";
import { Link } from "@tanstack/react-router";

export function NotFoundPage() {
  return (
    <Container size={520} py={64} component="main">
      <Stack>
        <Title order={1}>Page not found</Title>
        <Text>
          There is nothing at this address. It may have moved, or the link may be incomplete.
        </Text>
        <Button component={Link} to="/" w="fit-content">
          Go to your home page
        </Button>
      </Stack>
    </Container>
  );
}
