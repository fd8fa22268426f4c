import { Alert, Button, Loader, PasswordInput, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { Link, useNavigate } from "@tanstack/react-router";
import { useMemo } from "react";
import { newPasswordSchema, personNameSchema } from "../../../contracts/auth.ts";
import { ROLE_LABELS } from "../../../contracts/roles.ts";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { PublicCard } from "../../components/public-card.tsx";
import { isProblem } from "../../lib/api-client.ts";
import { formatDate } from "../../lib/format.ts";
import { fieldErrorsOf } from "../../lib/forms.ts";
import { useAcceptInvitation, useInvitationPreview } from "./api/invitations.ts";

/** The token arrives in the URL fragment, which browsers never send to a server. */
function tokenFromLocation(): string | null {
  const params = new URLSearchParams(window.location.hash.replace(/^#/, ""));
  return params.get("token");
}

export function AcceptInvitationPage() {
  const token = useMemo(tokenFromLocation, []);
  const preview = useInvitationPreview(token);
  const accept = useAcceptInvitation();
  const navigate = useNavigate();
  const existing = preview.data?.existingAccount ?? false;
  const form = useForm({
    initialValues: { name: "", password: "" },
    validate: {
      name: (v) =>
        existing ? null : (personNameSchema.safeParse(v).error?.issues[0]?.message ?? null),
      password: (v) => newPasswordSchema.safeParse(v).error?.issues[0]?.message ?? null,
    },
  });

  if (!token) {
    return (
      <PublicCard title="Invitation link incomplete">
        <Text>
          This link has lost its code. Open the link from your invitation again, or copy all of it
          into the address bar.
        </Text>
      </PublicCard>
    );
  }
  if (preview.isPending) {
    return (
      <PublicCard title="Checking your invitation">
        <Loader aria-label="Checking your invitation" />
      </PublicCard>
    );
  }
  if (preview.error) {
    return (
      <PublicCard title="This invitation cannot be used">
        <Stack>
          <ProblemAlert
            error={preview.error}
            title={isProblem(preview.error, 410) ? "Link no longer valid" : undefined}
          />
          <Text>
            Already have an account? <Link to="/sign-in">Sign in</Link>.
          </Text>
        </Stack>
      </PublicCard>
    );
  }
  const invitation = preview.data;
  return (
    <PublicCard
      title="Join Cascade"
      intro={
        <>
          You are invited as <strong>{ROLE_LABELS[invitation.role].toLowerCase()}</strong> (
          {invitation.scopeName}). The link works until {formatDate(invitation.expiresAt)}.
        </>
      }
    >
      <form
        noValidate
        onSubmit={form.onSubmit((values) =>
          accept.mutate(
            { token, name: existing ? "Existing account" : values.name, password: values.password },
            {
              onSuccess: () => void navigate({ to: "/" }),
              onError: (error) => form.setErrors(fieldErrorsOf(error)),
            },
          ),
        )}
      >
        <Stack>
          <ProblemAlert error={accept.error} />
          <TextInput label="Email address" value={invitation.email} readOnly />
          {existing ? (
            <Alert color="blue" variant="light">
              You already have a Cascade account. Enter its password to add this role to it.
            </Alert>
          ) : (
            <TextInput
              label="Your name"
              autoComplete="name"
              required
              {...form.getInputProps("name")}
            />
          )}
          <PasswordInput
            label={existing ? "Your password" : "Choose a password"}
            description={
              existing ? undefined : "At least 12 characters. A few unrelated words work well."
            }
            autoComplete={existing ? "current-password" : "new-password"}
            required
            {...form.getInputProps("password")}
          />
          <Button type="submit" loading={accept.isPending}>
            {existing ? "Add the role and sign in" : "Create my account"}
          </Button>
        </Stack>
      </form>
    </PublicCard>
  );
}
