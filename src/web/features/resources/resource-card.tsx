import { Badge, Card, Group, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import type { Resource } from "../../../contracts/resources.ts";
import { AnchorLink } from "../../components/anchor-link.tsx";
import { fileSize, RESOURCE_AUDIENCE_LABELS, RESOURCE_KIND_LABELS } from "./labels.ts";

/** One resource as a card: what it is, its themes and who it is for. */
export function ResourceCard({
  resource,
  headingLevel = 3,
  children,
}: {
  resource: Resource;
  headingLevel?: 2 | 3 | 4;
  children?: ReactNode;
}) {
  return (
    <Card withBorder padding="md" component="article" aria-label={resource.title}>
      <Stack gap={6}>
        <Title order={headingLevel} size="h5">
          <AnchorLink to="/resources/$resourceId" params={{ resourceId: resource.id }}>
            {resource.title}
          </AnchorLink>
        </Title>
        <Group gap={6} wrap="wrap">
          <Badge variant="light" color="blue">
            {RESOURCE_KIND_LABELS[resource.kind]}
          </Badge>
          <Text size="xs" c="dimmed">
            {resource.url
              ? "Link"
              : `File${resource.sizeBytes !== null ? `, ${fileSize(resource.sizeBytes)}` : ""}`}
          </Text>
          {resource.themes.map((t) => (
            <Badge key={t.id} variant="outline" color="grape">
              {t.name}
            </Badge>
          ))}
        </Group>
        {resource.summary ? (
          <Text size="sm" lineClamp={3}>
            {resource.summary}
          </Text>
        ) : null}
        <Text size="xs" c="dimmed">
          {resource.audience.length > 0
            ? `For ${resource.audience.map((a) => RESOURCE_AUDIENCE_LABELS[a].toLowerCase()).join(", ")}`
            : "For everyone"}
          {resource.workshop ? ` · From the workshop “${resource.workshop.title}”` : ""}
        </Text>
        {children}
      </Stack>
    </Card>
  );
}
