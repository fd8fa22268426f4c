import { Alert, Badge, Button, Group, Loader, Stack, Table, Text } from "@mantine/core";
import { Link, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { type MySession, SIGN_IN_METHOD_LABELS } from "../../../contracts/my-sessions.ts";
import { ConfirmModal } from "../../components/confirm-modal.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { useEndOtherSessions, useEndSession, useMySessions } from "./api/my-sessions.ts";
import { MyDataCard } from "./my-data-card.tsx";

/** Where the person is signed in, and ending any or all of those sessions. */
export function MySessionsPage() {
  const sessions = useMySessions();
  const endOne = useEndSession();
  const endOthers = useEndOtherSessions();
  const navigate = useNavigate();
  const [confirmOthers, setConfirmOthers] = useState(false);
  const others = sessions.data?.items.filter((s) => !s.current).length ?? 0;

  function end(session: MySession) {
    endOne.mutate(
      { id: session.id, current: session.current },
      { onSuccess: () => (session.current ? void navigate({ to: "/sign-in" }) : undefined) },
    );
  }

  return (
    <>
      <PageHeader
        title="Your sessions"
        intro="Where your account is signed in now. End any session you do not recognise, then change your password."
        actions={
          <Button component={Link} to="/account/password" variant="default">
            Change password
          </Button>
        }
      />
      <Stack gap="md" maw={1000}>
        <ProblemAlert error={sessions.error} title="Your sessions could not be loaded" />
        <ProblemAlert error={endOne.error} title="The session was not ended" />
        {endOthers.isSuccess ? (
          <Alert color="teal" variant="light" role="status" title="Other sessions ended">
            {endOthers.data.sessionsEnded === 1
              ? "1 other session was signed out."
              : `${endOthers.data.sessionsEnded} other sessions were signed out.`}
          </Alert>
        ) : null}
        {sessions.isPending ? (
          <Loader role="status" size="sm" aria-label="Loading your sessions" />
        ) : null}
        {sessions.data ? (
          <Table striped>
            <Table.Caption>Sessions end by themselves after a while unused.</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Device</Table.Th>
                <Table.Th>Address</Table.Th>
                <Table.Th>Signed in with</Table.Th>
                <Table.Th>Signed in</Table.Th>
                <Table.Th>Last used</Table.Th>
                <Table.Th>
                  <span className="visually-hidden">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sessions.data.items.map((session) => (
                <Table.Tr key={session.id}>
                  <Table.Td>
                    <Group gap="xs">
                      <Text size="sm">{session.device}</Text>
                      {session.current ? (
                        <Badge variant="light" color="teal" className="badge-nowrap">
                          This device
                        </Badge>
                      ) : null}
                    </Group>
                  </Table.Td>
                  <Table.Td>{session.ip ?? "Unknown"}</Table.Td>
                  <Table.Td>{SIGN_IN_METHOD_LABELS[session.method]}</Table.Td>
                  <Table.Td>{formatDateTime(session.createdAt)}</Table.Td>
                  <Table.Td>{formatDateTime(session.lastSeenAt)}</Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="light"
                      color={session.current ? "gray" : "red"}
                      loading={endOne.isPending && endOne.variables?.id === session.id}
                      onClick={() => end(session)}
                      aria-label={
                        session.current
                          ? "Sign out on this device"
                          : `End the session on ${session.device}, last used ${formatDateTime(session.lastSeenAt)}`
                      }
                    >
                      {session.current ? "Sign out" : "End"}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : null}
        {others > 0 ? (
          <Group>
            <Button color="red" variant="light" onClick={() => setConfirmOthers(true)}>
              End all other sessions
            </Button>
          </Group>
        ) : sessions.data ? (
          <Text c="dimmed" size="sm">
            You are signed in nowhere else.
          </Text>
        ) : null}
        <MyDataCard />
      </Stack>
      <ConfirmModal
        opened={confirmOthers}
        title="End all other sessions?"
        confirmLabel="End other sessions"
        pending={endOthers.isPending}
        error={endOthers.error}
        onClose={() => setConfirmOthers(false)}
        onConfirm={() => endOthers.mutate(undefined, { onSuccess: () => setConfirmOthers(false) })}
      >
        {`Every device but this one is signed out at once (${others} ${others === 1 ? "session" : "sessions"}). Anyone using them must sign in again.`}
      </ConfirmModal>
    </>
  );
}
