import { Alert, Badge, Button, Group, Loader, Modal, Stack, Table, Text } from "@mantine/core";
import { useState } from "react";
import { OUTBOX_KIND_LABELS } from "../../../contracts/outbox.ts";
import { EmptyNote } from "../../components/empty-note.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { type OutboxItem, useOutbox, useSendDueReminders } from "./api/outbox.ts";
import "./outbox.css";

/** Reminders Cascade kept instead of sending (no mail server), or failed to send. */
export function OutboxPage() {
  const outbox = useOutbox();
  const send = useSendDueReminders();
  const [viewing, setViewing] = useState<OutboxItem | null>(null);
  const data = outbox.data;
  return (
    <>
      <PageHeader
        title="Outbox"
        intro="Reminder emails: a week before each workshop, and when an action becomes overdue."
        actions={
          <Button variant="default" loading={send.isPending} onClick={() => send.mutate()}>
            Send reminders due now
          </Button>
        }
      />
      <Stack gap="md">
        {send.data ? (
          <Text size="sm" role="status">
            {send.data.workshops + send.data.actions === 0
              ? "Nothing new was due: every reminder due has already gone."
              : `${send.data.workshops} workshop ${send.data.workshops === 1 ? "reminder" : "reminders"} and ${send.data.actions} overdue-action ${send.data.actions === 1 ? "reminder" : "reminders"} ${data?.mailConfigured ? "sent" : "kept here"}.`}
          </Text>
        ) : null}
        <ProblemAlert error={send.error} title="The reminders were not sent" />
        <ProblemAlert error={outbox.error} title="The outbox could not be loaded" />
        {outbox.isPending ? (
          <Loader role="status" size="sm" aria-label="Loading the outbox" />
        ) : null}
        {data ? (
          <Alert
            variant="light"
            color={data.mailConfigured ? "teal" : "gray"}
            title={data.mailConfigured ? "Mail is set up" : "No mail server is set up"}
          >
            {data.mailConfigured
              ? "Reminders go out by email. Only those that failed to send are kept here, with the reason."
              : "Reminders are kept here instead of being emailed. Set SMTP_URL where Cascade runs to send them. Reminders go out every quarter of an hour; each person gets each one once."}
          </Alert>
        ) : null}
        {data && data.items.length > 0 ? (
          <Text size="sm">
            Each message is shown here by whom it is for, its kind and whether it went. Only
            messages addressed to you can be opened: reminders quote what a school wrote, which is
            for its own staff.
          </Text>
        ) : null}
        {data && data.items.length === 0 ? (
          <EmptyNote>
            The outbox is empty. Reminders appear here when one falls due: a workshop within the
            next week, or an action past its date.
          </EmptyNote>
        ) : null}
        {data && data.items.length > 0 ? (
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
          <section className="data-table-region" aria-label="Outbox messages" tabIndex={0}>
            <Table
              striped
              stickyHeader
              verticalSpacing="xs"
              miw={760}
              aria-label="Reminders in the outbox, newest first"
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Created</Table.Th>
                  <Table.Th>To</Table.Th>
                  <Table.Th>Kind</Table.Th>
                  <Table.Th>State</Table.Th>
                  <Table.Th>
                    <span className="visually-hidden">View</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((item) => (
                  <Table.Tr key={item.id} data-testid="outbox-row">
                    <Table.Td style={{ whiteSpace: "nowrap" }}>
                      {formatDateTime(item.createdAt)}
                    </Table.Td>
                    <Table.Td>{item.to}</Table.Td>
                    <Table.Td>{OUTBOX_KIND_LABELS[item.kind]}</Table.Td>
                    <Table.Td>
                      {item.error ? (
                        <Badge variant="light" color="red">
                          Failed to send
                        </Badge>
                      ) : (
                        <Badge variant="light" color="gray">
                          Kept, not sent
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {item.addressedToYou ? (
                        <Button
                          size="xs"
                          variant="subtle"
                          onClick={() => setViewing(item)}
                          aria-label={`View “${item.subject}” to you`}
                        >
                          View
                        </Button>
                      ) : (
                        <Text size="xs" c="dimmed">
                          For {item.to} only
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </section>
        ) : null}
        {data && data.items.length >= 200 ? (
          <Text size="sm" c="dimmed">
            The newest 200 are shown.
          </Text>
        ) : null}
      </Stack>
      <Modal
        opened={viewing !== null}
        onClose={() => setViewing(null)}
        title={viewing?.subject ?? ""}
        size="lg"
      >
        {viewing ? (
          <Stack gap="xs">
            <Group gap="xs">
              <Text size="sm" fw={600}>
                To:
              </Text>
              <Text size="sm">{viewing.to}</Text>
            </Group>
            <Text size="sm" c="dimmed">
              Created {formatDateTime(viewing.createdAt)}
            </Text>
            {viewing.error ? (
              <Alert color="red" variant="light" title="Sending failed">
                {viewing.error}
              </Alert>
            ) : null}
            <pre className="mail-body" data-testid="mail-body">
              {viewing.body}
            </pre>
          </Stack>
        ) : null}
      </Modal>
    </>
  );
}
