import {
  Button,
  Checkbox,
  Code,
  Divider,
  Group,
  Image,
  List,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { meQueryOptions } from "../../app/get-me.ts";
import { mfaStatusQueryOptions } from "../../app/second-factor.ts";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { PublicCard } from "../../components/public-card.tsx";
import { ApiProblem, api } from "../../lib/api-client.ts";
import { useConfirmEnrolment, useMfaStatus, useStartEnrolment } from "./api/mfa.ts";
import { AddPasskeyForm } from "./passkeys-card.tsx";
import { RecoveryCodesList } from "./recovery-codes-list.tsx";

/** Manual keys are easier to type in groups of four. */
const grouped = (key: string) => key.replace(/(.{4})(?=.)/g, "$1 ");

/**
 * Setting up an authenticator app: scan the QR code (or type the key), confirm
 * with a code, save the recovery codes. Or, instead, saving a passkey. Someone
 * the network requires to enrol is brought here straight after signing in and
 * can do nothing else first.
 */
export function EnrolPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const status = useMfaStatus();
  const start = useStartEnrolment();
  const confirm = useConfirmEnrolment();
  const [code, setCode] = useState("");
  const [saved, setSaved] = useState(false);
  const [password, setPassword] = useState("");
  // Outside the few minutes after signing in, starting asks for the password again.
  const askPassword =
    start.error instanceof ApiProblem && start.error.body.code === "reauth_required";
  const required = status.data?.requiredByPolicy === true;

  const passkeyAdded = async () => {
    await queryClient.invalidateQueries({ queryKey: mfaStatusQueryOptions.queryKey });
    void navigate({ to: "/" });
  };

  const signOut = async () => {
    await api.post<void>("/api/auth/logout").catch(() => undefined);
    queryClient.clear();
    queryClient.setQueryData(meQueryOptions.queryKey, null);
    void navigate({ to: "/sign-in" });
  };

  if (confirm.data) {
    return (
      <PublicCard title="Your authenticator app is set up" size={560}>
        <Stack>
          <RecoveryCodesList codes={confirm.data.recoveryCodes} />
          <Checkbox
            label="I have saved my recovery codes"
            checked={saved}
            onChange={(e) => setSaved(e.currentTarget.checked)}
          />
          <Button disabled={!saved} onClick={() => void navigate({ to: "/" })}>
            Continue to Cascade
          </Button>
        </Stack>
      </PublicCard>
    );
  }

  return (
    <PublicCard
      title={required ? "Set up a second factor" : "Set up an authenticator app"}
      size={560}
      intro={
        required
          ? "Your network requires a second factor for your role, because it can show named pupil data. Set it up to continue."
          : "A code from an app on your phone, as well as your password, keeps your account safe if your password is ever stolen."
      }
    >
      <Stack>
        <ProblemAlert error={start.error} />
        {!start.data ? (
          <>
            <Text>
              You need an authenticator app on your phone, such as Microsoft Authenticator, Google
              Authenticator or 1Password.
            </Text>
            {askPassword || password ? (
              <form
                noValidate
                onSubmit={(event) => {
                  event.preventDefault();
                  start.mutate({ password });
                }}
              >
                <Stack>
                  <PasswordInput
                    label="Your password"
                    description="To set up a second factor, confirm it is you."
                    autoComplete="current-password"
                    required
                    value={password}
                    onChange={(e) => setPassword(e.currentTarget.value)}
                  />
                  <Button type="submit" loading={start.isPending}>
                    Show the QR code
                  </Button>
                </Stack>
              </form>
            ) : (
              <Button loading={start.isPending} onClick={() => start.mutate({})}>
                Show the QR code
              </Button>
            )}
            <Divider label="or" labelPosition="center" />
            <section aria-labelledby="enrol-passkey">
              <Stack>
                <Title order={2} size="h4" id="enrol-passkey">
                  Use a passkey instead
                </Title>
                <Text>
                  A passkey keeps your account safe with this device's screen lock or a security
                  key, with no app and no codes to type.
                </Text>
                <AddPasskeyForm
                  submitLabel="Save a passkey and continue"
                  onAdded={() => void passkeyAdded()}
                />
              </Stack>
            </section>
          </>
        ) : (
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              confirm.mutate(code.trim());
            }}
          >
            <Stack>
              <List type="ordered" spacing="xs">
                <List.Item>In your authenticator app, add an account and scan this code.</List.Item>
                <List.Item>Type the 6-digit code the app then shows.</List.Item>
              </List>
              <Image
                src={start.data.qrCode}
                alt="QR code to scan with your authenticator app"
                w={200}
                h={200}
                fit="contain"
              />
              <Text size="sm">
                Cannot scan it? Type this key into the app instead (time-based, 6 digits):
              </Text>
              <Code block aria-label="Manual key" data-testid="manual-key">
                {grouped(start.data.manualKey)}
              </Code>
              <ProblemAlert error={confirm.error} />
              <TextInput
                label="Code from your authenticator app"
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={7}
                required
                value={code}
                onChange={(e) => setCode(e.currentTarget.value)}
              />
              <Button type="submit" loading={confirm.isPending}>
                Turn on
              </Button>
            </Stack>
          </form>
        )}
        <Group justify="space-between">
          {required ? (
            <Text size="sm" c="dimmed">
              Not now? You can sign out and come back later.
            </Text>
          ) : (
            <Button variant="subtle" onClick={() => void navigate({ to: "/security" })}>
              Not now
            </Button>
          )}
          <Button variant="default" onClick={() => void signOut()}>
            Sign out
          </Button>
        </Group>
      </Stack>
    </PublicCard>
  );
}
