import { Anchor, Button, Divider, Loader, Stack, Text, TextInput } from "@mantine/core";
import { Link, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import type { SecondFactorChallenge } from "../../../contracts/mfa.ts";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { PublicCard } from "../../components/public-card.tsx";
import { isProblem } from "../../lib/api-client.ts";
import { useMfaStatus, useSecondFactor } from "./api/mfa.ts";
import { usePasskeySecondFactor } from "./api/passkeys.ts";

type Methods = SecondFactorChallenge["methods"];

/**
 * Which factors to offer. After the password the sign-in page passes on the
 * server's list; in a session, the person's status says. Unknown (the page
 * opened by hand): the app's code, as before passkeys.
 */
function useMethods(mode: "sign-in" | "session", given: Methods | undefined): Methods | null {
  const status = useMfaStatus(mode === "session");
  if (mode === "sign-in") return given && given.length > 0 ? given : ["totp"];
  if (!status.data) return status.isError ? ["totp"] : null;
  const methods: Methods = [];
  if (status.data.totpEnabled) methods.push("totp");
  if (status.data.passkeys > 0) methods.push("passkey");
  return methods.length > 0 ? methods : ["totp"];
}

/**
 * The second step: after the password (mode "sign-in"), or in a session begun
 * without the factor, such as from an emailed link (mode "session"). A passkey
 * when the person has one; the app's code or a recovery code when they have the app.
 */
export function SecondFactorPage({
  mode,
  redirectTo,
  methods: given,
}: {
  mode: "sign-in" | "session";
  redirectTo?: string;
  methods?: Methods;
}) {
  const navigate = useNavigate();
  const pass = useSecondFactor(mode);
  const passkey = usePasskeySecondFactor(mode);
  const methods = useMethods(mode, given);
  const [useRecovery, setUseRecovery] = useState(false);
  const [value, setValue] = useState("");
  const [missing, setMissing] = useState(false);
  const error = pass.error ?? passkey.error;
  const timedOut =
    mode === "sign-in" && isProblem(error, 401) && /Sign in again/.test(error.detail);
  const done = () => void navigate({ to: redirectTo?.startsWith("/") ? redirectTo : "/" });
  const hasApp = methods?.includes("totp") ?? false;
  const hasPasskey = methods?.includes("passkey") ?? false;

  const submit = () => {
    const trimmed = value.trim();
    setMissing(trimmed === "");
    if (trimmed === "") return;
    passkey.reset();
    pass.mutate(useRecovery ? { recoveryCode: trimmed } : { code: trimmed }, { onSuccess: done });
  };

  if (!methods) {
    return (
      <PublicCard title="Second step">
        <Loader role="status" size="sm" aria-label="Loading" />
      </PublicCard>
    );
  }

  const intro = !hasApp
    ? "Use the passkey you saved for Cascade on this device or a security key."
    : useRecovery
      ? "Type one of the recovery codes you saved when you set up your authenticator app."
      : hasPasskey
        ? "Use your passkey, or open your authenticator app and type the 6-digit code it shows for Cascade."
        : "Open your authenticator app and type the 6-digit code it shows for Cascade.";

  return (
    <PublicCard title={hasApp ? "Enter your code" : "Use your passkey"} intro={intro}>
      <Stack>
        <ProblemAlert error={error} title={timedOut ? "Sign in again" : undefined} />
        {timedOut ? (
          <Anchor component={Link} to="/sign-in">
            Back to sign in
          </Anchor>
        ) : null}
        {hasPasskey ? (
          <Button
            variant={hasApp ? "light" : "filled"}
            loading={passkey.isPending}
            onClick={() => {
              pass.reset();
              passkey.mutate(undefined, { onSuccess: done });
            }}
          >
            Use your passkey
          </Button>
        ) : null}
        {hasPasskey && hasApp ? <Divider label="or" labelPosition="center" /> : null}
        {hasApp ? (
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              submit();
            }}
          >
            <Stack>
              {useRecovery ? (
                <TextInput
                  key="recovery"
                  label="Recovery code"
                  autoComplete="off"
                  spellCheck={false}
                  required
                  value={value}
                  onChange={(e) => setValue(e.currentTarget.value)}
                  error={missing ? "Enter a recovery code." : null}
                />
              ) : (
                <TextInput
                  key="code"
                  label="Code from your authenticator app"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={7}
                  required
                  value={value}
                  onChange={(e) => setValue(e.currentTarget.value)}
                  error={missing ? "Enter the 6-digit code." : null}
                />
              )}
              <Button type="submit" loading={pass.isPending}>
                {mode === "sign-in" ? "Sign in" : "Continue"}
              </Button>
              <Anchor
                component="button"
                type="button"
                size="sm"
                onClick={() => {
                  setUseRecovery(!useRecovery);
                  setValue("");
                  pass.reset();
                  passkey.reset();
                }}
              >
                {useRecovery ? "Use a code from the app instead" : "Use a recovery code instead"}
              </Anchor>
            </Stack>
          </form>
        ) : null}
        <Text size="sm" c="dimmed">
          {hasApp
            ? "Lost your phone (or security key) and your recovery codes? Ask your network administrator to reset your second factor. You can then sign in with your password and set up a new one."
            : "Lost your passkey? Ask your network administrator to reset your second factor. You can then sign in with your password and set up a new one."}
        </Text>
      </Stack>
    </PublicCard>
  );
}
