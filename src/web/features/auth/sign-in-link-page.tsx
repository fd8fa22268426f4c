import { Button, Stack, Text } from "@mantine/core";
import { Link, useNavigate } from "@tanstack/react-router";
import { useMemo } from "react";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { PublicCard } from "../../components/public-card.tsx";
import { useRedeemSignInLink } from "./api/sign-in.ts";

/** The token arrives in the URL fragment, which browsers never send to a server. */
function tokenFromLocation(): string | null {
  return new URLSearchParams(window.location.hash.replace(/^#/, "")).get("token");
}

/**
 * Signing in with an emailed one-time link. The person presses the button, so
 * a mail scanner or a second render cannot use the link up unseen.
 */
export function SignInLinkPage() {
  const token = useMemo(tokenFromLocation, []);
  const redeem = useRedeemSignInLink();
  const navigate = useNavigate();
  if (!token) {
    return (
      <PublicCard title="Sign-in link incomplete">
        <Text>
          This link has lost its code. Open the link from the email again, or{" "}
          <Link to="/sign-in">go to sign-in</Link>.
        </Text>
      </PublicCard>
    );
  }
  return (
    <PublicCard
      title="Sign in with your emailed link"
      intro="The link works once, within 15 minutes of being sent."
    >
      <Stack>
        <ProblemAlert error={redeem.error} title="This link cannot be used" />
        <Button
          loading={redeem.isPending}
          onClick={() => redeem.mutate(token, { onSuccess: () => void navigate({ to: "/" }) })}
        >
          Sign in to Cascade
        </Button>
        <Text size="sm" c="dimmed">
          Did not ask for this? Close this page: nothing happens unless you press the button.
        </Text>
      </Stack>
    </PublicCard>
  );
}
