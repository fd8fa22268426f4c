import {
  Badge,
  Button,
  Card,
  Group,
  Loader,
  PasswordInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useState } from "react";
import type { ReauthBody } from "../../../contracts/mfa.ts";
import { type Passkey, passkeyNameSchema } from "../../../contracts/passkeys.ts";
import { ConfirmModal } from "../../components/confirm-modal.tsx";
import { EmptyNote } from "../../components/empty-note.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { ApiProblem } from "../../lib/api-client.ts";
import { formatDate, formatDateTime } from "../../lib/format.ts";
import { useAddPasskey, usePasskeys, useRemovePasskey } from "./api/passkeys.ts";

const needsPassword = (error: unknown) =>
  error instanceof ApiProblem && error.body.code === "reauth_required";

const reauthWith = (password: string): ReauthBody => (password ? { password } : {});

/**
 * Naming a new passkey, then the browser's prompt. The password is asked for
 * only when the server wants it again (outside the few minutes after signing in
 * with it).
 */
export function AddPasskeyForm({
  onAdded,
  onCancel,
  submitLabel = "Save the passkey",
}: {
  onAdded: (passkey: Passkey) => void;
  onCancel?: () => void;
  submitLabel?: string;
}) {
  const add = useAddPasskey();
  const [name, setName] = useState("");
  const [nameError, setNameError] = useState<string | null>(null);
  const [password, setPassword] = useState("");
  const [askPassword, setAskPassword] = useState(false);
  const [passwordMissing, setPasswordMissing] = useState(false);

  const submit = () => {
    const parsed = passkeyNameSchema.safeParse(name);
    setNameError(parsed.success ? null : (parsed.error.issues[0]?.message ?? "Check the name."));
    if (!parsed.success) return;
    setPasswordMissing(askPassword && !password);
    if (askPassword && !password) return;
    add.mutate(
      { name: parsed.data, reauth: reauthWith(password) },
      {
        onSuccess: (passkey) => {
          setName("");
          setPassword("");
          setAskPassword(false);
          onAdded(passkey);
        },
        onError: (error) => {
          if (needsPassword(error)) setAskPassword(true);
        },
      },
    );
  };

  return (
    <form
      noValidate
      aria-label="Add a passkey"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Stack>
        <ProblemAlert error={add.error} />
        <TextInput
          label="Name for the passkey"
          description="So you can tell your passkeys apart, such as the device it is on: Work laptop, Phone."
          required
          maxLength={60}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={nameError}
        />
        {askPassword ? (
          <PasswordInput
            label="Your password"
            description="To add a passkey, confirm it is you."
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={passwordMissing ? "Enter your password." : null}
          />
        ) : null}
        <Text size="sm" c="dimmed">
          Your browser then asks you to make the passkey with your screen lock (PIN, fingerprint or
          face) or a security key. Your other sessions are signed out.
        </Text>
        <Group>
          <Button type="submit" loading={add.isPending}>
            {submitLabel}
          </Button>
          {onCancel ? (
            <Button variant="default" onClick={onCancel} disabled={add.isPending}>
              Cancel
            </Button>
          ) : null}
        </Group>
      </Stack>
    </form>
  );
}

/** My passkeys: what each is called, when it was added and last used; add and remove. */
export function PasskeysCard() {
  const list = usePasskeys();
  const remove = useRemovePasskey();
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState<string | null>(null);
  const [removing, setRemoving] = useState<Passkey | null>(null);
  const [removed, setRemoved] = useState<string | null>(null);
  const [password, setPassword] = useState("");
  const askPassword = needsPassword(remove.error);

  const closeRemoval = () => {
    setRemoving(null);
    setPassword("");
    remove.reset();
  };

  const passkeys = list.data?.passkeys ?? [];
  const addButton = (
    <Button
      w="fit-content"
      onClick={() => {
        setAdding(true);
        setAdded(null);
        setRemoved(null);
      }}
    >
      Add a passkey
    </Button>
  );

  return (
    <Card withBorder component="section" aria-labelledby="my-passkeys">
      <Stack>
        <Group justify="space-between">
          <Title order={2} size="h4" id="my-passkeys">
            Passkeys
          </Title>
          {list.data ? (
            <Badge color={passkeys.length > 0 ? "teal" : "gray"} variant="light">
              {passkeys.length > 0 ? `${passkeys.length} saved` : "None"}
            </Badge>
          ) : null}
        </Group>
        <Text>
          A passkey signs you in with your device's screen lock or a security key. It counts as a
          second factor, and can also sign you in without your password.
        </Text>
        <ProblemAlert error={list.error} />
        {added ? (
          <Text role="status" c="teal.9">
            The passkey “{added}” is saved. You can use it the next time you sign in.
          </Text>
        ) : null}
        {removed ? (
          <Text role="status" c="teal.9">
            The passkey “{removed}” is removed.
          </Text>
        ) : null}
        {list.isPending ? <Loader role="status" size="sm" aria-label="Loading" /> : null}
        {list.data && passkeys.length === 0 && !adding ? (
          <EmptyNote action={addButton}>You have no passkeys yet.</EmptyNote>
        ) : null}
        {passkeys.length > 0 ? (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Added</Table.Th>
                <Table.Th>Last used</Table.Th>
                <Table.Th>
                  <span className="visually-hidden">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {passkeys.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>{p.name}</Table.Td>
                  <Table.Td>{formatDate(p.createdAt)}</Table.Td>
                  <Table.Td>
                    {p.lastUsedAt ? formatDateTime(p.lastUsedAt) : "Not used yet"}
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      color="red"
                      variant="light"
                      aria-label={`Remove the passkey ${p.name}`}
                      onClick={() => {
                        setRemoving(p);
                        setAdded(null);
                        setRemoved(null);
                      }}
                    >
                      Remove
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : null}
        {adding ? (
          <AddPasskeyForm
            onAdded={(p) => {
              setAdding(false);
              setAdded(p.name);
            }}
            onCancel={() => setAdding(false)}
          />
        ) : passkeys.length > 0 ? (
          addButton
        ) : null}
      </Stack>
      <ConfirmModal
        opened={removing !== null}
        title="Remove this passkey?"
        confirmLabel="Remove the passkey"
        pending={remove.isPending}
        error={remove.error}
        onClose={closeRemoval}
        onConfirm={() => {
          if (!removing || (askPassword && !password)) return;
          const name = removing.name;
          remove.mutate(
            { id: removing.id, reauth: reauthWith(password) },
            {
              onSuccess: () => {
                closeRemoval();
                setRemoved(name);
              },
            },
          );
        }}
      >
        <Stack>
          <Text>
            {`“${removing?.name ?? ""}” will no longer sign you in. Your other sessions are signed out.`}
          </Text>
          {askPassword ? (
            <PasswordInput
              label="Your password"
              description="To remove a passkey, confirm it is you."
              autoComplete="current-password"
              required
              data-autofocus
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
          ) : null}
        </Stack>
      </ConfirmModal>
    </Card>
  );
}
