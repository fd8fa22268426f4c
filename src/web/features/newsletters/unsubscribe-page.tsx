import { Alert, Button, Stack, Text } from "@mantine/core";
import { Link } from "@tanstack/react-router";
import { useMemo } from "react";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { PublicCard } from "../../components/public-card.tsx";
import { useUnsubscribe } from "./api/newsletters.ts";

/** The token arrives in the URL fragment, which browsers never send to a server. */
function tokenFromLocation(): string | null {
  return new URLSearchParams(window.location.hash.replace(/^#/, "")).get("token");
}

/** Unsubscribing from the newsletter by the link in an issue: no sign-in, one button. */
export function UnsubscribePage() {
  const token = useMemo(tokenFromLocation, []);
  const unsubscribe = useUnsubscribe();
  if (!token) {
    return (
      <PublicCard title="Unsubscribe link incomplete">
        <Text>
          This link has lost its code. Open the link from the newsletter email again, or{" "}
          <Link to="/settings">turn the newsletter off in your settings</Link>.
        </Text>
      </PublicCard>
    );
  }
  if (unsubscribe.isSuccess) {
    return (
      <PublicCard title="You are unsubscribed">
        <Alert color="teal" variant="light" title="No more newsletters" role="status">
          {unsubscribe.data.email} will not receive the termly newsletter. You can turn it back on
          under Settings when you are signed in.
        </Alert>
      </PublicCard>
    );
  }
  return (
    <PublicCard
      title="Unsubscribe from the newsletter"
      intro="Stop receiving Cascade's termly “what works” newsletter by email. Other emails (sign-in links, reminders) are not affected."
    >
      <Stack>
        <ProblemAlert error={unsubscribe.error} title="You were not unsubscribed" />
        <Button onClick={() => unsubscribe.mutate(token)} loading={unsubscribe.isPending}>
          Unsubscribe
        </Button>
      </Stack>
    </PublicCard>
  );
}
