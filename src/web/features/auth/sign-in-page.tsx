import { Button, PasswordInput, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useNavigate } from "@tanstack/react-router";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { PublicCard } from "../../components/public-card.tsx";
import { isProblem } from "../../lib/api-client.ts";
import { useSignIn } from "./api/sign-in.ts";

export function SignInPage({ redirectTo }: { redirectTo?: string }) {
  const navigate = useNavigate();
  const signIn = useSignIn();
  const form = useForm({
    initialValues: { email: "", password: "" },
    validate: {
      email: (v) => (v.trim() ? null : "Enter your email address."),
      password: (v) => (v ? null : "Enter your password."),
    },
  });

  return (
    <PublicCard title="Sign in" intro="Use the email address your invitation was sent to.">
      <form
        noValidate
        onSubmit={form.onSubmit((values) =>
          signIn.mutate(values, {
            onSuccess: () => void navigate({ to: redirectTo?.startsWith("/") ? redirectTo : "/" }),
          }),
        )}
      >
        <Stack>
          {isProblem(signIn.error, 429) ? (
            <ProblemAlert error={signIn.error} title="Signing in is paused" />
          ) : (
            <ProblemAlert error={signIn.error} />
          )}
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
          <Button type="submit" loading={signIn.isPending}>
            Sign in
          </Button>
          <Text size="sm" c="dimmed">
            No account yet? Accounts come by invitation: ask your school leader or programme lead.
          </Text>
        </Stack>
      </form>
    </PublicCard>
  );
}
