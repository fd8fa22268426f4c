import { Container, Paper, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";

/** The frame of the pages people see before they are signed in. */
export function PublicCard({
  title,
  intro,
  children,
  size = 460,
}: {
  title: string;
  intro?: ReactNode;
  children: ReactNode;
  /** Width in pixels; wider for content such as tables. */
  size?: number;
}) {
  return (
    <Container size={size} py={64} component="main">
      <Stack gap="xs" mb="lg">
        <Text fw={700} c="teal.9" size="lg">
          Cascade
        </Text>
        <Title order={1} size="h2">
          {title}
        </Title>
        {intro ? <Text c="dimmed">{intro}</Text> : null}
      </Stack>
      <Paper withBorder shadow="xs" p="xl" radius="md">
        {children}
      </Paper>
    </Container>
  );
}
