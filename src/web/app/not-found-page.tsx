import { Button, Container, Stack, Text, Title } from "@mantine/core";
import { Link } from "@tanstack/react-router";

/**
 * Nothing at this address. `inLayout` when shown inside the app's frame, which
 * already has the page's main landmark; alone, it is its own.
 */
export function NotFoundPage({ inLayout = false }: { inLayout?: boolean }) {
  return (
    <Container size={520} py={64} component={inLayout ? "div" : "main"}>
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
