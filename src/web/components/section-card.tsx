import { Card, Group, Stack, Title } from "@mantine/core";
import type { ReactNode } from "react";

/** One section of a page (a strategy's story, a report), with its heading and any actions beside it; kept whole on a printed page. */
export function SectionCard({
  id,
  title,
  actions,
  children,
}: {
  id: string;
  title: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card
      withBorder
      padding="md"
      component="section"
      aria-labelledby={`${id}-heading`}
      className="print-avoid-break"
    >
      <Stack gap="sm">
        <Group justify="space-between" align="center" wrap="wrap">
          <Title order={2} size="h3" id={`${id}-heading`}>
            {title}
          </Title>
          {actions ? <Group gap="xs">{actions}</Group> : null}
        </Group>
        {children}
      </Stack>
    </Card>
  );
}
