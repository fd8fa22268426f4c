import {
  Alert,
  Button,
  Checkbox,
  Divider,
  Loader,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { Link, useNavigate } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import { newPasswordSchema, personNameSchema } from "../../../contracts/auth.ts";
import type { InvitationPreview } from "../../../contracts/invitations.ts";
import { ROLE_LABELS } from "../../../contracts/roles.ts";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { PublicCard } from "../../components/public-card.tsx";
import { SsoButtons } from "../../components/sso-buttons.tsx";
import {
  useAcceptInvitation,
  useInvitationPreview,
  useSignInToAccept,
  useSignOutToAccept,
} from "../../lib/api/invitations.ts";
import { ApiProblem, isProblem } from "../../lib/api-client.ts";
import { formatDate } from "../../lib/format.ts";
import { fieldErrorsOf } from "../../lib/forms.ts";

/** The token arrives in the URL fragment, which browsers never send to a server. */
function tokenFromLocation(): string | null {
  const params = new URLSearchParams(window.location.hash.replace(/^#/, ""));
  return params.get("token");
}

export function AcceptInvitationPage() {
  const token = useMemo(tokenFromLocation, []);
  const preview = useInvitationPreview(token);

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
        <Loader role="status" aria-label="Checking your invitation" />
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
          {invitation.email} is invited as{" "}
          <strong>{ROLE_LABELS[invitation.role].toLowerCase()}</strong> ({invitation.scopeName}).
          The link works until {formatDate(invitation.expiresAt)}.
        </>
      }
    >
      {invitation.viewer === "invitee" ? (
        <AcceptAsInvitee token={token} />
      ) : invitation.viewer === "someone_else" ? (
        <SignedInAsSomeoneElse invitation={invitation} />
      ) : (
        <SignedOut token={token} invitation={invitation} />
      )}
    </PublicCard>
  );
}

function AcceptAsInvitee({ token }: { token: string }) {
  const accept = useAcceptInvitation();
  const navigate = useNavigate();
  return (
    <Stack>
      <ProblemAlert error={accept.error} />
      <Text>
        You are signed in with the invited email. Accept to add this role to your account.
      </Text>
      <Button
        loading={accept.isPending}
        onClick={() => accept.mutate({ token }, { onSuccess: () => void navigate({ to: "/" }) })}
      >
        Accept the invitation
      </Button>
    </Stack>
  );
}

function SignedInAsSomeoneElse({ invitation }: { invitation: InvitationPreview }) {
  const signOut = useSignOutToAccept();
  return (
    <Stack>
      <Alert color="blue" variant="light" title="Signed in with another account" role="alert">
        This invitation is for {invitation.email}, but you are signed in with a different account.
        Sign out, then sign in as {invitation.email} (or create that account) to accept it.
      </Alert>
      <ProblemAlert error={signOut.error} />
      <Button loading={signOut.isPending} onClick={() => signOut.mutate()}>
        Sign out and continue
      </Button>
      <Text size="sm" c="dimmed">
        Or <Link to="/">go back to Cascade</Link> without accepting.
      </Text>
    </Stack>
  );
}

/**
 * Not signed in: a new person chooses a name and password; someone who already
 * has an account for this email signs in here (the normal, throttled sign-in)
 * and is then offered the one-click accept.
 */
function SignedOut({ token, invitation }: { token: string; invitation: InvitationPreview }) {
  const [mode, setMode] = useState<"create" | "sign-in">("create");
  const accept = useAcceptInvitation();
  const navigate = useNavigate();
  const form = useForm({
    initialValues: { name: "", password: "" },
    validate: {
      name: (v) => personNameSchema.safeParse(v).error?.issues[0]?.message ?? null,
      password: (v) => newPasswordSchema.safeParse(v).error?.issues[0]?.message ?? null,
    },
  });
  const accountExists =
    accept.error instanceof ApiProblem && accept.error.body.signInToAccept === true;

  if (mode === "sign-in" || accountExists) {
    return (
      <SignInToAccept
        email={invitation.email}
        notice={accountExists ? accept.error : undefined}
        onBack={() => {
          accept.reset();
          setMode("create");
        }}
      />
    );
  }
  return (
    <Stack>
      <SsoButtons invitationToken={token} />
      <form
        noValidate
        onSubmit={form.onSubmit((values) =>
          accept.mutate(
            { token, name: values.name, password: values.password },
            {
              onSuccess: () => void navigate({ to: "/" }),
              onError: (error) => form.setErrors(fieldErrorsOf(error)),
            },
          ),
        )}
      >
        <Stack>
          <Title order={2} size="h4">
            New to Cascade? Create your account
          </Title>
          <ProblemAlert error={accept.error} shownFields={["name", "password"]} />
          <TextInput label="Email address" value={invitation.email} readOnly />
          <TextInput
            label="Your name"
            autoComplete="name"
            required
            {...form.getInputProps("name")}
          />
          <PasswordInput
            label="Choose a password"
            description="At least 12 characters. A few unrelated words work well; not your name, email or school."
            autoComplete="new-password"
            required
            {...form.getInputProps("password")}
          />
          <Button type="submit" loading={accept.isPending}>
            Create my account
          </Button>
        </Stack>
      </form>
      <Divider label="or" labelPosition="center" />
      <Text size="sm" ta="center">
        Already have a Cascade account for this email?
      </Text>
      <Button variant="default" onClick={() => setMode("sign-in")}>
        Sign in to accept
      </Button>
    </Stack>
  );
}

function SignInToAccept({
  email,
  notice,
  onBack,
}: {
  email: string;
  notice?: unknown;
  onBack: () => void;
}) {
  const signIn = useSignInToAccept();
  const form = useForm({
    initialValues: { password: "", keepSignedIn: false },
    validate: { password: (v) => (v ? null : "Enter your password.") },
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) =>
        // On success the preview is asked again, as the invitee, and offers the accept button.
        signIn.mutate({ email, ...values }),
      )}
    >
      <Stack>
        <Title order={2} size="h4">
          Sign in to accept
        </Title>
        {notice ? (
          <Alert color="blue" variant="light" title="You already have an account" role="status">
            {notice instanceof ApiProblem ? notice.detail : null}
          </Alert>
        ) : null}
        <ProblemAlert
          error={signIn.error}
          title={isProblem(signIn.error, 429) ? "Signing in is paused" : undefined}
        />
        {isProblem(signIn.error, 429) ? (
          <Text size="sm">
            If password sign-in stays paused, <Link to="/sign-in">the sign-in page</Link> can email
            you a one-time link; then open this invitation link again.
          </Text>
        ) : null}
        <TextInput label="Email address" value={email} readOnly autoComplete="username" />
        <PasswordInput
          label="Your password"
          autoComplete="current-password"
          required
          {...form.getInputProps("password")}
        />
        <Checkbox
          label="Keep me signed in on this device"
          {...form.getInputProps("keepSignedIn", { type: "checkbox" })}
        />
        <Button type="submit" loading={signIn.isPending}>
          Sign in
        </Button>
        <Button variant="subtle" onClick={onBack}>
          Back: create a new account instead
        </Button>
      </Stack>
    </form>
  );
}
