import {
  Badge,
  Button,
  Card,
  Group,
  Loader,
  PasswordInput,
  Stack,
  Switch,
  Text,
  Title,
} from "@mantine/core";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { ROLE_LABELS } from "../../../domain/roles.ts";
import { useMe } from "../../app/get-me.ts";
import { PageHeader } from "../../components/page-header.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import {
  useDisableTotp,
  useMfaStatus,
  useRenewRecoveryCodes,
  useSecuritySettings,
  useUpdateSecuritySettings,
} from "./api/mfa.ts";
import { PasskeysCard } from "./passkeys-card.tsx";
import { RecoveryCodesList } from "./recovery-codes-list.tsx";

/** My second factors (the app, passkeys), and for network administrators the network's policy. */
export function SecurityPage() {
  const { data: me } = useMe();
  if (!me) return null;
  const isAdmin = me.abilities.changeSecuritySettings;
  return (
    <>
      <PageHeader title="Sign-in security" />
      <Stack maw={640}>
        <MyFactorCard />
        <PasskeysCard />
        {isAdmin ? <PolicyCard /> : null}
      </Stack>
    </>
  );
}

function MyFactorCard() {
  const status = useMfaStatus();
  const renew = useRenewRecoveryCodes();
  const disable = useDisableTotp();
  const [password, setPassword] = useState("");
  if (status.isPending) return <Loader role="status" size="sm" aria-label="Loading" />;
  if (!status.data) return <ProblemAlert error={status.error} />;
  const s = status.data;
  return (
    <Card withBorder component="section" aria-labelledby="my-factor">
      <Stack>
        <Group justify="space-between">
          <Title order={2} size="h4" id="my-factor">
            Authenticator app
          </Title>
          <Badge color={s.totpEnabled ? "teal" : "gray"} variant="light">
            {s.totpEnabled ? "On" : "Off"}
          </Badge>
        </Group>
        {!s.totpEnabled ? (
          <>
            <Text>
              Sign in with a code from an app on your phone as well as your password.
              {s.requiredByPolicy ? " Your network requires it for your role." : ""}
            </Text>
            <Button component={Link} to="/second-factor/setup" w="fit-content">
              Set up an authenticator app
            </Button>
          </>
        ) : (
          <>
            <Text>
              {s.recoveryCodesLeft} of 10 recovery codes left.
              {s.requiredByPolicy ? " Your network requires a second factor for your role." : ""}
            </Text>
            {renew.data ? <RecoveryCodesList codes={renew.data.recoveryCodes} /> : null}
            <ProblemAlert error={renew.error ?? disable.error} />
            <PasswordInput
              label="Your password"
              description="Asked again before you change your second factor. Your other sessions are signed out."
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            <Group>
              <Button
                variant="light"
                loading={renew.isPending}
                disabled={!password}
                onClick={() => renew.mutate({ password }, { onSuccess: () => setPassword("") })}
              >
                Make new recovery codes
              </Button>
              <Button
                color="red"
                variant="light"
                loading={disable.isPending}
                disabled={!password}
                onClick={() => disable.mutate({ password }, { onSuccess: () => setPassword("") })}
              >
                Turn off the authenticator app
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Card>
  );
}

function PolicyCard() {
  const settings = useSecuritySettings(true);
  const update = useUpdateSecuritySettings();
  return (
    <Card withBorder component="section" aria-labelledby="network-policy">
      <Stack>
        <Title order={2} size="h4" id="network-policy">
          Network policy
        </Title>
        <ProblemAlert error={settings.error ?? update.error} />
        {settings.data ? (
          <>
            <Switch
              label="Require a second factor for staff who can see named pupil data"
              description={`Covers: ${settings.data.coveredRoles.map((r) => ROLE_LABELS[r]).join(", ")}. Anyone covered without one is taken to set it up when they next sign in, and can do nothing else until then.`}
              checked={settings.data.secondFactorRequired}
              disabled={update.isPending}
              onChange={(e) => update.mutate(e.currentTarget.checked)}
            />
            <Text size="sm" c="dimmed">
              The DfE's cyber security standards for schools ask for multi-factor authentication on
              accounts that reach personal data.
            </Text>
          </>
        ) : (
          <Loader role="status" size="sm" aria-label="Loading" />
        )}
      </Stack>
    </Card>
  );
}
