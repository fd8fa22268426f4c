import { Alert, Button, Code, CopyButton, Divider, Group, Stack, Table, Text } from "@mantine/core";
import { Link } from "@tanstack/react-router";
import { ROLE_LABELS } from "../../../contracts/roles.ts";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import type { DemoAccounts } from "./api/setup.ts";

/** The offer of demo data, below the first administrator's form. */
export function DemoOffer({
  onLoad,
  pending,
  error,
}: {
  onLoad: () => void;
  pending: boolean;
  error: unknown;
}) {
  return (
    <Stack gap="xs">
      <Divider label="or" labelPosition="center" />
      <Text size="sm">
        Just looking? Fill Cascade with a fictional network of schools, clusters and teams, with an
        account for each role. Only possible while Cascade is empty.
      </Text>
      <ProblemAlert error={error} title="The demo data was not loaded" />
      <Button variant="default" loading={pending} onClick={onLoad}>
        Explore with demo data
      </Button>
    </Stack>
  );
}

/** The demo accounts and their shared password, shown once. */
export function DemoAccountsList({ demo }: { demo: DemoAccounts }) {
  return (
    <Stack>
      <Alert color="teal" variant="light" title="Demo data loaded" role="status">
        Sign in with any of these accounts. They share one password, shown only now: copy it before
        you leave this page.
      </Alert>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Role</Table.Th>
            <Table.Th>Name</Table.Th>
            <Table.Th>Email address</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {demo.credentials.map((account) => (
            <Table.Tr key={account.email}>
              <Table.Td>{ROLE_LABELS[account.role]}</Table.Td>
              <Table.Td>{account.name}</Table.Td>
              <Table.Td>{account.email}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Stack gap={4}>
        <Text size="sm" fw={600}>
          Password for every demo account
        </Text>
        <Group gap="sm" wrap="nowrap">
          <Code block data-testid="demo-password" style={{ flex: 1 }}>
            {demo.password}
          </Code>
          <CopyButton value={demo.password}>
            {({ copied, copy }) => (
              <Button size="xs" variant="light" onClick={copy}>
                {copied ? "Copied" : "Copy password"}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Stack>
      <Button component={Link} to="/sign-in">
        Go to sign in
      </Button>
    </Stack>
  );
}
