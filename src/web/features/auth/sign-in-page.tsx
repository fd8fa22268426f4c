import {
  Alert,
  Button,
  Checkbox,
  Divider,
  PasswordInput,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { Link, useNavigate } from "@tanstack/react-router";
import { ssoErrorMessage } from "../../../contracts/sso.ts";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { PublicCard } from "../../components/public-card.tsx";
import { SsoButtons } from "../../components/sso-buttons.tsx";
import { ApiProblem, isProblem } from "../../lib/api-client.ts";
import { usePasskeySignIn, useRequestSignInLink, useSignIn } from "./api/sign-in.ts";

export function SignInPage({ redirectTo, ssoError }: { redirectTo?: string; ssoError?: string }) {
  const ssoProblem = ssoErrorMessage(ssoError);
  const navigate = useNavigate();
  const signIn = useSignIn();
  const requestLink = useRequestSignInLink();
  const passkey = usePasskeySignIn();
  const to = redirectTo?.startsWith("/") ? redirectTo : "/";
  const form = useForm({
    initialValues: { email: "", password: "", keepSignedIn: false },
    validate: {
      email: (v) => (v.trim() ? null : "Enter your email address."),
      password: (v) => (v ? null : "Enter your password."),
    },
  });
  // Password sign-in is paused for an account under attack: its owner can get in by email.
  const linkOffered =
    signIn.error instanceof ApiProblem &&
    signIn.error.status === 429 &&
    signIn.error.body.signInLink === true;

  return (
    <PublicCard title="Sign in" intro="Use the email address your invitation was sent to.">
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          passkey.reset();
          signIn.mutate(values, {
            onSuccess: (answer) => {
              if ("secondFactor" in answer)
                void navigate({
                  to: "/sign-in/second-factor",
                  search: { redirect: to, methods: answer.methods },
                });
              else void navigate({ to });
            },
          });
        })}
      >
        <Stack>
          {ssoProblem ? (
            <Alert
              color="red"
              variant="light"
              title="Single sign-on did not sign you in"
              role="alert"
            >
              {ssoProblem}
            </Alert>
          ) : null}
          <SsoButtons />
          {isProblem(signIn.error, 429) ? (
            <ProblemAlert error={signIn.error} title="Signing in is paused" />
          ) : (
            <ProblemAlert error={signIn.error} />
          )}
          {linkOffered ? (
            requestLink.isSuccess ? (
              <Alert color="teal" variant="light" title="Check your email" role="status">
                {requestLink.data.detail} It works once, within 15 minutes.
              </Alert>
            ) : (
              <Stack gap="xs">
                <ProblemAlert error={requestLink.error} />
                <Button
                  variant="light"
                  loading={requestLink.isPending}
                  onClick={() => requestLink.mutate(form.getValues().email)}
                >
                  Email me a sign-in link
                </Button>
              </Stack>
            )
          ) : null}
          <TextInput
            label="Email address"
            type="email"
            autoComplete="username"
            required
            {...form.getInputProps("email")}
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            required
            {...form.getInputProps("password")}
          />
          <Text size="sm" mt={-8}>
            <Link to="/forgot-password">Forgot your password?</Link>
          </Text>
          <Checkbox
            label="Keep me signed in on this device"
            description="Leave this unticked on a shared or school computer: you are signed out when the browser closes."
            {...form.getInputProps("keepSignedIn", { type: "checkbox" })}
          />
          <Button type="submit" loading={signIn.isPending}>
            Sign in
          </Button>
          <Divider label="or" labelPosition="center" />
          <ProblemAlert error={passkey.error} />
          <Button
            variant="light"
            loading={passkey.isPending}
            onClick={() => {
              signIn.reset();
              passkey.mutate(undefined, { onSuccess: () => void navigate({ to }) });
            }}
          >
            Sign in with a passkey
          </Button>
          <Text size="sm" c="dimmed">
            No account yet? Accounts come by invitation: ask your school leader or programme lead.
          </Text>
        </Stack>
      </form>
    </PublicCard>
  );
}
