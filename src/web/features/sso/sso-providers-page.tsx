import {
  Badge,
  Button,
  Code,
  Group,
  Loader,
  Modal,
  PasswordInput,
  Stack,
  Switch,
  Table,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useState } from "react";
import {
  type SsoProvider,
  ssoProviderBodySchema,
  ssoProviderPatchSchema,
} from "../../../contracts/sso.ts";
import { EmptyNote } from "../../components/empty-note.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { fieldErrorsOf, validateWith } from "../../lib/forms.ts";
import {
  useAddSsoProvider,
  useChangeSsoProvider,
  useSsoProviderList,
} from "./api/sso-providers.ts";

type Editing = { mode: "add" } | { mode: "edit"; provider: SsoProvider };

const domainsOf = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((d) => d.trim())
    .filter(Boolean);

/** The network's single sign-on providers: list, add, edit, disable. */
export function SsoProvidersPage() {
  const list = useSsoProviderList();
  const change = useChangeSsoProvider();
  const [editing, setEditing] = useState<Editing | null>(null);
  const data = list.data;
  return (
    <>
      <PageHeader
        title="Single sign-on"
        intro="People can sign in, and accept invitations, with your organisation's OpenID Connect provider (Microsoft Entra ID, Google Workspace) instead of a password."
        actions={<Button onClick={() => setEditing({ mode: "add" })}>Add a provider</Button>}
      />
      <Stack gap="md">
        <ProblemAlert error={list.error} title="The providers could not be loaded" />
        <ProblemAlert error={change.error} title="The provider was not changed" />
        {list.isPending ? (
          <Loader role="status" size="sm" aria-label="Loading the providers" />
        ) : null}
        {data ? (
          <Text size="sm">
            Register this redirect URI at the provider: <Code>{data.redirectUri}</Code>
          </Text>
        ) : null}
        {data && data.providers.length === 0 ? (
          <EmptyNote>No provider yet: everyone signs in with a password or a passkey.</EmptyNote>
        ) : null}
        {data && data.providers.length > 0 ? (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Issuer</Table.Th>
                <Table.Th>Allowed domains</Table.Th>
                <Table.Th>State</Table.Th>
                <Table.Th>
                  <span className="visually-hidden">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.providers.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>{p.displayName}</Table.Td>
                  <Table.Td>
                    <Code>{p.issuer}</Code>
                  </Table.Td>
                  <Table.Td>{p.allowedDomains.join(", ")}</Table.Td>
                  <Table.Td>
                    {p.enabled ? (
                      <Badge color="teal" variant="light">
                        Enabled
                      </Badge>
                    ) : (
                      <Badge color="gray" variant="light">
                        Disabled
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" justify="flex-end">
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => setEditing({ mode: "edit", provider: p })}
                        aria-label={`Edit ${p.displayName}`}
                      >
                        Edit
                      </Button>
                      <Button
                        size="xs"
                        variant="subtle"
                        loading={change.isPending && change.variables?.id === p.id}
                        onClick={() => change.mutate({ id: p.id, change: { enabled: !p.enabled } })}
                        aria-label={`${p.enabled ? "Disable" : "Enable"} ${p.displayName}`}
                      >
                        {p.enabled ? "Disable" : "Enable"}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : null}
      </Stack>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.mode === "edit" ? `Edit ${editing.provider.displayName}` : "Add a provider"}
        size="lg"
      >
        {editing ? <ProviderForm editing={editing} onDone={() => setEditing(null)} /> : null}
      </Modal>
    </>
  );
}

function ProviderForm({ editing, onDone }: { editing: Editing; onDone: () => void }) {
  const add = useAddSsoProvider();
  const change = useChangeSsoProvider();
  const current = editing.mode === "edit" ? editing.provider : undefined;
  const form = useForm({
    initialValues: {
      displayName: current?.displayName ?? "",
      issuer: current?.issuer ?? "",
      clientId: current?.clientId ?? "",
      clientSecret: "",
      allowedDomains: current?.allowedDomains.join(", ") ?? "",
      enabled: current?.enabled ?? true,
    },
    validate: (values) => {
      const body = {
        ...values,
        allowedDomains: domainsOf(values.allowedDomains),
        clientSecret: current && values.clientSecret === "" ? undefined : values.clientSecret,
      };
      const errors = validateWith(current ? ssoProviderPatchSchema : ssoProviderBodySchema)(body);
      // One message for the domains field, whichever domain is wrong.
      const domainError = Object.entries(errors).find(([k]) => k.startsWith("allowedDomains"));
      return {
        ...Object.fromEntries(
          Object.entries(errors).filter(([k]) => !k.startsWith("allowedDomains")),
        ),
        ...(domainError ? { allowedDomains: domainError[1] } : {}),
      };
    },
  });
  const mutation = current ? change : add;
  const onError = (error: unknown) => {
    const errors = fieldErrorsOf(error);
    const domain = Object.entries(errors).find(([k]) => k.startsWith("allowedDomains"));
    form.setErrors({ ...errors, ...(domain ? { allowedDomains: domain[1] } : {}) });
  };
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        const allowedDomains = domainsOf(values.allowedDomains);
        if (current) {
          change.mutate(
            {
              id: current.id,
              change: {
                displayName: values.displayName,
                issuer: values.issuer,
                clientId: values.clientId,
                allowedDomains,
                enabled: values.enabled,
                ...(values.clientSecret ? { clientSecret: values.clientSecret } : {}),
              },
            },
            { onSuccess: onDone, onError },
          );
        } else {
          add.mutate({ ...values, allowedDomains }, { onSuccess: onDone, onError });
        }
      })}
    >
      <Stack>
        <ProblemAlert
          error={mutation.error}
          shownFields={["displayName", "issuer", "clientId", "clientSecret", "allowedDomains"]}
        />
        <TextInput
          label="Name on the button"
          description={'People see "Sign in with" this name.'}
          required
          {...form.getInputProps("displayName")}
        />
        <TextInput
          label="Issuer URL"
          description="Microsoft Entra ID: https://login.microsoftonline.com/<tenant ID>/v2.0 · Google: https://accounts.google.com"
          required
          {...form.getInputProps("issuer")}
        />
        <TextInput label="Client ID" required {...form.getInputProps("clientId")} />
        <PasswordInput
          label="Client secret"
          description={
            current
              ? "Set. Leave empty to keep it; type a new one to replace it. It is never shown again."
              : "Stored sealed; never shown again."
          }
          required={!current}
          autoComplete="off"
          {...form.getInputProps("clientSecret")}
        />
        <Textarea
          label="Allowed email domains"
          description="Only people whose verified email ends in one of these can sign in this way. Separate with commas."
          required
          autosize
          minRows={1}
          {...form.getInputProps("allowedDomains")}
        />
        <Switch label="Enabled" {...form.getInputProps("enabled", { type: "checkbox" })} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {current ? "Save" : "Add provider"}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
