import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Progress,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { Link, useNavigate } from "@tanstack/react-router";
import { useEffect, useState } from "react";
import { NEWSLETTER_ITEM_KIND_LABELS } from "../../../contracts/newsletters.ts";
import { AnchorLink } from "../../components/anchor-link.tsx";
import { ConfirmModal } from "../../components/confirm-modal.tsx";
import { EmptyNote } from "../../components/empty-note.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { formatDate } from "../../lib/format.ts";
import {
  type Newsletter,
  type NewsletterItem,
  useNewsletter,
  useNewsletterPreview,
  useNewsletterProgress,
  useNewsletters,
  useRetryNewsletter,
  useSaveNewsletter,
  useSendNewsletter,
  useStartNewsletter,
} from "./api/newsletters.ts";

const STATUS_LABELS = { draft: "Draft", sending: "Sending", sent: "Sent" } as const;

/** The administrator's list of issues, and starting the next one. */
export function NewslettersAdminPage() {
  const issues = useNewsletters();
  const start = useStartNewsletter();
  const navigate = useNavigate();
  const [title, setTitle] = useState("What works this term");
  const [termLabel, setTermLabel] = useState("");
  return (
    <>
      <PageHeader
        title="Compile the newsletter"
        intro="Cascade proposes what is new since the last issue; you choose, order and introduce it, preview it and send it to every subscribed member."
      />
      <Stack gap="lg" maw={900}>
        <Card withBorder padding="md" component="section" aria-labelledby="start-title">
          <form
            onSubmit={(event) => {
              event.preventDefault();
              start.mutate(
                { title, termLabel },
                {
                  onSuccess: (issue) =>
                    navigate({
                      to: "/admin/newsletters/$newsletterId",
                      params: { newsletterId: issue.id },
                    }),
                },
              );
            }}
          >
            <Stack gap="sm">
              <Title order={2} size="h3" id="start-title">
                Start an issue
              </Title>
              <Group align="flex-end" wrap="wrap">
                <TextInput
                  label="Title"
                  required
                  value={title}
                  onChange={(e) => setTitle(e.currentTarget.value)}
                  maxLength={200}
                />
                <TextInput
                  label="Term"
                  description="For example, Autumn 2026"
                  required
                  value={termLabel}
                  onChange={(e) => setTermLabel(e.currentTarget.value)}
                  maxLength={60}
                />
                <Button type="submit" loading={start.isPending}>
                  Start with Cascade's proposals
                </Button>
              </Group>
              <ProblemAlert error={start.error} title="The issue was not started" />
            </Stack>
          </form>
        </Card>
        <section aria-labelledby="issues-title">
          <Title order={2} size="h3" id="issues-title" mb="sm">
            Issues
          </Title>
          <ProblemAlert error={issues.error} title="The issues could not be loaded" />
          {issues.isPending ? (
            <Loader role="status" size="sm" aria-label="Loading the issues" />
          ) : null}
          {issues.data?.items.length === 0 ? (
            <EmptyNote>No issue yet: start the first above.</EmptyNote>
          ) : null}
          {issues.data && issues.data.items.length > 0 ? (
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Issue</Table.Th>
                  <Table.Th scope="col">Term</Table.Th>
                  <Table.Th scope="col">State</Table.Th>
                  <Table.Th scope="col">Sent</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {issues.data.items.map((issue) => (
                  <Table.Tr key={issue.id}>
                    <Table.Td>
                      <AnchorLink
                        to="/admin/newsletters/$newsletterId"
                        params={{ newsletterId: issue.id }}
                      >
                        {issue.title}
                      </AnchorLink>
                    </Table.Td>
                    <Table.Td>{issue.termLabel}</Table.Td>
                    <Table.Td>{STATUS_LABELS[issue.status]}</Table.Td>
                    <Table.Td>{issue.sentAt ? formatDate(issue.sentAt) : "—"}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          ) : null}
        </section>
      </Stack>
    </>
  );
}

/** One issue: compile it (a draft), preview it, send it and follow the sending. */
export function NewsletterEditorPage({ newsletterId }: { newsletterId: string }) {
  const issue = useNewsletter(newsletterId);
  return (
    <>
      <PageHeader
        title={issue.data?.title ?? "Newsletter"}
        intro={
          issue.data ? `${issue.data.termLabel} · ${STATUS_LABELS[issue.data.status]}` : undefined
        }
        actions={
          <Button component={Link} to="/admin/newsletters" variant="default">
            All issues
          </Button>
        }
      />
      <ProblemAlert error={issue.error} title="This issue could not be loaded" />
      {issue.isPending ? <Loader role="status" size="sm" aria-label="Loading the issue" /> : null}
      {issue.data ? (
        <Stack gap="lg" maw={900}>
          {issue.data.status === "draft" ? <DraftEditor issue={issue.data} /> : null}
          <PreviewCard newsletterId={newsletterId} />
          <SendCard issue={issue.data} />
        </Stack>
      ) : null}
    </>
  );
}

const keyOf = (item: Pick<NewsletterItem, "kind" | "refId">) => `${item.kind}:${item.refId}`;

function DraftEditor({ issue }: { issue: Newsletter }) {
  const save = useSaveNewsletter(issue.id);
  const [title, setTitle] = useState(issue.title);
  const [termLabel, setTermLabel] = useState(issue.termLabel);
  const [introduction, setIntroduction] = useState(issue.introduction);
  const [items, setItems] = useState<NewsletterItem[]>(issue.items);
  const [available, setAvailable] = useState<NewsletterItem[]>(issue.available);
  const [announcement, setAnnouncement] = useState("");
  useEffect(() => {
    setItems(issue.items);
    setAvailable(issue.available);
  }, [issue]);
  const move = (index: number, by: -1 | 1) => {
    const next = [...items];
    const [item] = next.splice(index, 1);
    if (!item) return;
    next.splice(index + by, 0, item);
    setItems(next);
    setAnnouncement(`${item.title} moved to position ${index + by + 1} of ${next.length}.`);
  };
  const remove = (index: number) => {
    const item = items[index];
    if (!item) return;
    setItems(items.filter((_, i) => i !== index));
    setAvailable([...available, item]);
    setAnnouncement(`${item.title} removed from the issue.`);
  };
  const include = (item: NewsletterItem) => {
    setAvailable(available.filter((i) => keyOf(i) !== keyOf(item)));
    setItems([...items, item]);
    setAnnouncement(`${item.title} added at the end of the issue.`);
  };
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="compile-title">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate({
            title,
            termLabel,
            introduction,
            items: items.map((i) => ({ kind: i.kind, refId: i.refId })),
          });
        }}
      >
        <Stack gap="md">
          <Title order={2} size="h3" id="compile-title">
            Compile
          </Title>
          <Text size="sm" c="dimmed">
            {issue.since
              ? `Cascade proposes what is new since the last issue, sent ${formatDate(issue.since)}.`
              : "This is the first issue: Cascade proposes everything so far."}
          </Text>
          <Group wrap="wrap">
            <TextInput
              label="Title"
              required
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
              maxLength={200}
            />
            <TextInput
              label="Term"
              required
              value={termLabel}
              onChange={(e) => setTermLabel(e.currentTarget.value)}
              maxLength={60}
            />
          </Group>
          <Textarea
            label="Introduction"
            description="Plain text: a blank line starts a new paragraph."
            autosize
            minRows={4}
            value={introduction}
            onChange={(e) => setIntroduction(e.currentTarget.value)}
            maxLength={20000}
          />
          <Stack gap="xs">
            <Title order={3} size="h4">
              In this issue
            </Title>
            {items.length === 0 ? (
              <EmptyNote>No items: include some of the proposals below.</EmptyNote>
            ) : null}
            <Stack
              gap="xs"
              component="ol"
              style={{ paddingLeft: 0, listStyle: "none" }}
              aria-label="Items in this issue"
            >
              {items.map((item, index) => (
                <Card key={keyOf(item)} withBorder padding="sm" component="li">
                  <Group justify="space-between" wrap="nowrap" align="flex-start">
                    <Stack gap={2}>
                      <Badge variant="light" w="fit-content">
                        {NEWSLETTER_ITEM_KIND_LABELS[item.kind]}
                      </Badge>
                      <Text fw={600}>{item.title}</Text>
                      <Text size="sm">{item.summary}</Text>
                    </Stack>
                    <Group gap={4} wrap="nowrap">
                      <ActionIcon
                        variant="default"
                        aria-label={`Move ${item.title} up`}
                        disabled={index === 0}
                        onClick={() => move(index, -1)}
                      >
                        ↑
                      </ActionIcon>
                      <ActionIcon
                        variant="default"
                        aria-label={`Move ${item.title} down`}
                        disabled={index === items.length - 1}
                        onClick={() => move(index, 1)}
                      >
                        ↓
                      </ActionIcon>
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        onClick={() => remove(index)}
                        aria-label={`Remove ${item.title}`}
                      >
                        Remove
                      </Button>
                    </Group>
                  </Group>
                </Card>
              ))}
            </Stack>
          </Stack>
          <Stack gap="xs">
            <Title order={3} size="h4">
              Other proposals
            </Title>
            {available.length === 0 ? <Text size="sm">Every proposal is in the issue.</Text> : null}
            {available.map((item) => (
              <Card key={keyOf(item)} withBorder padding="sm">
                <Group justify="space-between" wrap="nowrap">
                  <Stack gap={2}>
                    <Badge variant="light" color="gray" w="fit-content">
                      {NEWSLETTER_ITEM_KIND_LABELS[item.kind]}
                    </Badge>
                    <Text fw={600}>{item.title}</Text>
                  </Stack>
                  <Button
                    size="xs"
                    variant="light"
                    onClick={() => include(item)}
                    aria-label={`Include ${item.title}`}
                  >
                    Include
                  </Button>
                </Group>
              </Card>
            ))}
          </Stack>
          <Text size="sm" role="status" aria-live="polite">
            {save.isSuccess && !announcement ? "Saved." : announcement}
          </Text>
          <ProblemAlert error={save.error} title="The issue was not saved" />
          <Group>
            <Button type="submit" loading={save.isPending} onClick={() => setAnnouncement("")}>
              Save and preview
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** The email as it will be mailed, in a sandboxed frame: no script runs, nothing is fetched. */
function PreviewCard({ newsletterId }: { newsletterId: string }) {
  const preview = useNewsletterPreview(newsletterId);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="preview-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="preview-title">
          Preview
        </Title>
        <ProblemAlert error={preview.error} title="The preview could not be made" />
        {preview.data ? (
          <>
            <Text size="sm">
              <strong>Subject:</strong> {preview.data.subject}
            </Text>
            <iframe
              title="Preview of the newsletter email"
              sandbox=""
              srcDoc={preview.data.html}
              style={{
                width: "100%",
                height: 520,
                border: "1px solid var(--mantine-color-gray-4)",
              }}
            />
          </>
        ) : null}
      </Stack>
    </Card>
  );
}

function SendCard({ issue }: { issue: Newsletter }) {
  const send = useSendNewsletter(issue.id);
  const retry = useRetryNewsletter(issue.id);
  const progress = useNewsletterProgress(issue.id, issue.status !== "draft" || send.isSuccess);
  const [confirming, setConfirming] = useState(false);
  const p = progress.data ?? issue.progress;
  const finished = p ? p.sent + p.failed : 0;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="send-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="send-title">
          Send
        </Title>
        {issue.status === "draft" && !send.isSuccess ? (
          <>
            <Text size="sm">
              Every member of the network who has not unsubscribed receives it by email, with a link
              to unsubscribe. Save your changes first: what is sent is what the preview shows.
            </Text>
            <Group>
              <Button onClick={() => setConfirming(true)}>Send to every subscribed member</Button>
            </Group>
            <ConfirmModal
              opened={confirming}
              onClose={() => setConfirming(false)}
              title="Send this issue?"
              confirmLabel="Send now"
              onConfirm={() => send.mutate(undefined, { onSuccess: () => setConfirming(false) })}
              pending={send.isPending}
              error={send.error}
              color="teal"
            >
              It goes to every subscribed member, and cannot be changed once sent.
            </ConfirmModal>
          </>
        ) : null}
        <ProblemAlert error={send.error} title="The issue was not sent" />
        {p ? (
          <Stack gap="xs">
            <Progress
              value={p.total === 0 ? 100 : (100 * finished) / p.total}
              aria-label="Sending progress"
              size="lg"
            />
            <Text size="sm" role="status">
              {p.done ? "Done: " : "Sending: "}
              {p.sent} of {p.total}{" "}
              {p.mailConfigured ? "sent" : "kept in the outbox (no mail server is set up)"}
              {p.failed > 0 ? `, ${p.failed} failed` : ""}
              {p.pending > 0 ? `, ${p.pending} waiting` : ""}.
            </Text>
            {p.failures.length > 0 ? (
              <Alert color="orange" variant="light" title="Not delivered">
                <Stack gap="xs">
                  <Table>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">Address</Table.Th>
                        <Table.Th scope="col">Error</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {p.failures.map((f) => (
                        <Table.Tr key={f.email}>
                          <Table.Td>{f.email}</Table.Td>
                          <Table.Td>{f.error}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                  <Group>
                    <Button
                      variant="light"
                      loading={retry.isPending}
                      onClick={() => retry.mutate()}
                    >
                      Retry the failed ones
                    </Button>
                  </Group>
                  <ProblemAlert error={retry.error} title="The retry did not start" />
                </Stack>
              </Alert>
            ) : null}
          </Stack>
        ) : null}
      </Stack>
    </Card>
  );
}
