import { Group, Paper, Text } from "@mantine/core";
import type { ReactNode } from "react";

/** An empty state: what is missing, and the next step as a link or button. */
export function EmptyNote({ children, action }: { children: ReactNode; action?: ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md" className="empty-note">
      <Group justify="space-between" gap="sm" wrap="wrap">
        <Text size="sm">{children}</Text>
        {action}
      </Group>
    </Paper>
  );
}
