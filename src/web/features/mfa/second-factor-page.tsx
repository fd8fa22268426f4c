import { Anchor, Button, Stack, Text, TextInput } from "@mantine/core";
import { Link, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { PublicCard } from "../../components/public-card.tsx";
import { isProblem } from "../../lib/api-client.ts";
import { useSecondFactor } from "./api/mfa.ts";

/**
 * The second step: after the password (mode "sign-in"), or in a session begun
 * without the factor, such as from an emailed link (mode "session").
 */
export function SecondFactorPage({
  mode,
  redirectTo,
}: {
  mode: "sign-in" | "session";
  redirectTo?: string;
}) {
  const navigate = useNavigate();
  const pass = useSecondFactor(mode);
  const [useRecovery, setUseRecovery] = useState(false);
  const [value, setValue] = useState("");
  const [missing, setMissing] = useState(false);
  const timedOut =
    mode === "sign-in" && isProblem(pass.error, 401) && /Sign in again/.test(pass.error.detail);

  const submit = () => {
    const trimmed = value.trim();
    setMissing(trimmed === "");
    if (trimmed === "") return;
    pass.mutate(useRecovery ? { recoveryCode: trimmed } : { code: trimmed }, {
      onSuccess: () => void navigate({ to: redirectTo?.startsWith("/") ? redirectTo : "/" }),
    });
  };

  return (
    <PublicCard
      title="Enter your code"
      intro={
        useRecovery
          ? "Type one of the recovery codes you saved when you set up your authenticator app."
          : "Open your authenticator app and type the 6-digit code it shows for Cascade."
      }
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack>
          <ProblemAlert error={pass.error} title={timedOut ? "Sign in again" : undefined} />
          {timedOut ? (
            <Anchor component={Link} to="/sign-in">
              Back to sign in
            </Anchor>
          ) : null}
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
            }}
          >
            {useRecovery ? "Use a code from the app instead" : "Use a recovery code instead"}
          </Anchor>
          <Text size="sm" c="dimmed">
            Lost your phone (or security key) and your recovery codes? Ask your network
            administrator to reset your second factor. You can then sign in with your password and
            set up a new one.
          </Text>
        </Stack>
      </form>
    </PublicCard>
  );
}
