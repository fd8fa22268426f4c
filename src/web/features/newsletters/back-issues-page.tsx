import { Badge, Button, Card, Group, Loader, Stack, Text, Title } from "@mantine/core";
import { Link } from "@tanstack/react-router";
import { NEWSLETTER_ITEM_KIND_LABELS } from "../../../contracts/newsletters.ts";
import { useMe } from "../../app/get-me.ts";
import { AnchorLink } from "../../components/anchor-link.tsx";
import { EmptyNote } from "../../components/empty-note.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { formatDate } from "../../lib/format.ts";
import { useBackIssue, useBackIssues } from "./api/newsletters.ts";

/** The sent issues of the termly newsletter, for everyone signed in. */
export function BackIssuesPage() {
  const { data: me } = useMe();
  const issues = useBackIssues();
  return (
    <>
      <PageHeader
        title="Newsletters"
        intro="Each term's “what works” newsletter: new case studies, changes in the network's evidence, new resources and the network's progress."
        actions={
          me?.abilities.compileNewsletter ? (
            <Button component={Link} to="/admin/newsletters">
              Compile an issue
            </Button>
          ) : null
        }
      />
      <ProblemAlert error={issues.error} title="The newsletters could not be loaded" />
      {issues.isPending ? (
        <Loader role="status" size="sm" aria-label="Loading the newsletters" />
      ) : null}
      {issues.data && issues.data.items.length === 0 ? (
        <EmptyNote>
          No newsletter has been sent yet. The first arrives by email this term.
        </EmptyNote>
      ) : null}
      {issues.data && issues.data.items.length > 0 ? (
        <Stack gap="sm" maw={820} component="ul" style={{ listStyle: "none", padding: 0 }}>
          {issues.data.items.map((issue) => (
            <li key={issue.id}>
              <Card withBorder padding="md">
                <Group justify="space-between">
                  <Stack gap={2}>
                    <AnchorLink
                      to="/newsletters/$newsletterId"
                      params={{ newsletterId: issue.id }}
                      fw={600}
                    >
                      {issue.title}
                    </AnchorLink>
                    <Text size="sm" c="dimmed">
                      {issue.termLabel}
                      {issue.sentAt ? ` · sent ${formatDate(issue.sentAt)}` : ""}
                    </Text>
                  </Stack>
                </Group>
              </Card>
            </li>
          ))}
        </Stack>
      ) : null}
    </>
  );
}

/** One sent issue, read in the app: its items as text, and the email itself in a sandboxed frame. */
export function BackIssuePage({ newsletterId }: { newsletterId: string }) {
  const issue = useBackIssue(newsletterId);
  return (
    <>
      <PageHeader
        title={issue.data?.title ?? "Newsletter"}
        intro={
          issue.data
            ? `${issue.data.termLabel}${issue.data.sentAt ? ` · sent ${formatDate(issue.data.sentAt)}` : ""}`
            : undefined
        }
        actions={
          <Button component={Link} to="/newsletters" variant="default">
            All issues
          </Button>
        }
      />
      <ProblemAlert error={issue.error} title="This newsletter could not be loaded" />
      {issue.isPending ? (
        <Loader role="status" size="sm" aria-label="Loading the newsletter" />
      ) : null}
      {issue.data ? (
        <Stack gap="md" maw={820}>
          {issue.data.introduction.trim()
            ? issue.data.introduction
                .split(/\n\s*\n/)
                .map((p) => p.trim())
                .filter(Boolean)
                .map((p) => (
                  <Text key={p} style={{ whiteSpace: "pre-line" }}>
                    {p}
                  </Text>
                ))
            : null}
          {issue.data.items.length === 0 ? <EmptyNote>This issue has no items.</EmptyNote> : null}
          {issue.data.items.map((item) => (
            <Card key={`${item.kind}:${item.refId}`} withBorder padding="md" component="article">
              <Stack gap={4}>
                <Badge variant="light" w="fit-content">
                  {NEWSLETTER_ITEM_KIND_LABELS[item.kind]}
                </Badge>
                <Title order={2} size="h4">
                  {item.title}
                </Title>
                <Text size="sm">{item.summary}</Text>
              </Stack>
            </Card>
          ))}
        </Stack>
      ) : null}
    </>
  );
}
