import {
  Button,
  Card,
  CopyButton,
  Group,
  Loader,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { ConfirmModal } from "../../components/confirm-modal.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import {
  type Settings,
  useFeedUrl,
  useNewsletterSubscription,
  useResetFeed,
  useSettings,
  useSwitchOffFeed,
  useUpdateNewsletterSubscription,
  useUpdateReminders,
} from "./api/settings.ts";

/** The person's own settings: reminder emails, and the calendar feed for their calendar app. */
export function SettingsPage() {
  const settings = useSettings();
  return (
    <>
      <PageHeader
        title="Settings"
        intro="Reminder emails, and your programme calendar in your own calendar app."
      />
      <ProblemAlert error={settings.error} title="Your settings could not be loaded" />
      {settings.isPending ? (
        <Loader role="status" size="sm" aria-label="Loading your settings" />
      ) : null}
      {settings.data ? (
        <Stack gap="lg" maw={820}>
          <RemindersCard settings={settings.data} />
          <NewsletterCard />
          <CalendarFeedCard settings={settings.data} />
          <SignInCard />
        </Stack>
      ) : null}
    </>
  );
}

/** Where the person is signed in, and their password (pages of their own). */
function SignInCard() {
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="sign-in-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="sign-in-title">
          Signing in
        </Title>
        <Text size="sm">
          See the devices where your account is signed in and end any you do not recognise, or
          change your password.
        </Text>
        <Group gap="sm">
          <Button component={Link} to="/account/sessions" variant="light">
            Your sessions
          </Button>
          <Button component={Link} to="/account/password" variant="default">
            Change password
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** The termly newsletter: on for everyone unless they turn it off (here, or by the link in an issue). */
function NewsletterCard() {
  const subscription = useNewsletterSubscription();
  const update = useUpdateNewsletterSubscription();
  const on = update.isPending ? Boolean(update.variables) : Boolean(subscription.data?.subscribed);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="newsletter-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="newsletter-title">
          Newsletter
        </Title>
        <ProblemAlert
          error={subscription.error}
          title="Your newsletter setting could not be loaded"
        />
        <Switch
          label="Email me the termly newsletter"
          description="Each term: new case studies, changes in the network's evidence, new resources and the network's progress."
          checked={on}
          disabled={update.isPending || !subscription.data}
          onChange={(event) => update.mutate(event.currentTarget.checked)}
        />
        <ProblemAlert error={update.error} title="The setting was not changed" />
        {subscription.data ? (
          <Text size="sm" role="status">
            {update.isSuccess ? "Saved: the newsletter is " : "The newsletter is "}
            {subscription.data.subscribed ? "on" : "off"}.
          </Text>
        ) : null}
      </Stack>
    </Card>
  );
}

function RemindersCard({ settings }: { settings: Settings }) {
  const update = useUpdateReminders();
  const on = update.isPending ? Boolean(update.variables) : settings.remindersEnabled;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="reminders-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="reminders-title">
          Reminders
        </Title>
        <Switch
          label="Email me reminders"
          description="A week before each of your cluster's workshops, and when one of your team's actions becomes overdue."
          checked={on}
          disabled={update.isPending}
          onChange={(event) => update.mutate(event.currentTarget.checked)}
        />
        <ProblemAlert error={update.error} title="The setting was not changed" />
        <Text size="sm" role="status">
          {update.isSuccess
            ? `Saved: reminders are ${settings.remindersEnabled ? "on" : "off"}.`
            : `Reminders are ${settings.remindersEnabled ? "on" : "off"}.`}
        </Text>
      </Stack>
    </Card>
  );
}

function CalendarFeedCard({ settings }: { settings: Settings }) {
  const reset = useResetFeed();
  const switchOff = useSwitchOffFeed();
  const { data: url } = useFeedUrl();
  const [confirming, setConfirming] = useState(false);
  const [confirmingOff, setConfirmingOff] = useState(false);
  // Whether a link existed before the last reset: only then is there an old one that stopped working.
  const [replaced, setReplaced] = useState(false);
  const makeLink = (onSuccess?: () => void) => {
    setReplaced(Boolean(settings.calendarFeed));
    reset.mutate(undefined, { onSuccess });
  };
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="feed-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="feed-title">
          Calendar feed
        </Title>
        <Text size="sm">
          Subscribe to your programme calendar — workshops, data collection, visits and actions due
          — in Outlook, Google Calendar or Apple Calendar. The link is private to you: anyone who
          has it can read your calendar, so do not share it.
        </Text>
        {url ? (
          <Stack gap={6}>
            <Group gap="xs" align="flex-end" wrap="nowrap">
              <TextInput
                label="Your calendar link"
                value={url}
                readOnly
                style={{ flex: 1 }}
                onFocus={(e) => e.currentTarget.select()}
                data-testid="feed-url"
              />
              <CopyButton value={url}>
                {({ copied, copy }) => (
                  <Button variant="light" onClick={copy}>
                    {copied ? "Copied" : "Copy link"}
                  </Button>
                )}
              </CopyButton>
            </Group>
            <Text size="xs" c="dimmed">
              Cascade shows this link only now, while this page is open: copy it into your calendar
              app's "subscribe" or "add from URL" option.
            </Text>
          </Stack>
        ) : settings.calendarFeed ? (
          <Text size="sm">
            You made a calendar link earlier. To keep it secret, Cascade does not show it again. If
            you have lost it, or think someone else has it, reset it to get a new one.
          </Text>
        ) : switchOff.isSuccess ? (
          <Text size="sm" role="status">
            Your calendar feed is off: the old link no longer works. Make a new link to switch it on
            again.
          </Text>
        ) : (
          <Text size="sm">You have no calendar link yet.</Text>
        )}
        <ProblemAlert error={reset.error} title="No new link was made" />
        <ProblemAlert error={switchOff.error} title="The feed was not switched off" />
        <Group>
          {settings.calendarFeed ? (
            <>
              <Button variant="default" color="red" onClick={() => setConfirming(true)}>
                Reset the link
              </Button>
              <Button variant="default" color="red" onClick={() => setConfirmingOff(true)}>
                Switch the feed off
              </Button>
            </>
          ) : (
            <Button loading={reset.isPending} onClick={() => makeLink()}>
              Make my calendar link
            </Button>
          )}
          {reset.isSuccess ? (
            <Text size="sm" role="status">
              {replaced ? "New link made. The old one no longer works." : "Your link is made."}
            </Text>
          ) : null}
        </Group>
      </Stack>
      <ConfirmModal
        opened={confirming}
        title="Reset your calendar link?"
        confirmLabel="Reset the link"
        pending={reset.isPending}
        error={reset.error}
        onClose={() => setConfirming(false)}
        onConfirm={() => makeLink(() => setConfirming(false))}
      >
        You get a new link, and the old one stops working at once: any calendar app subscribed to it
        stops updating until you subscribe it to the new link.
      </ConfirmModal>
      <ConfirmModal
        opened={confirmingOff}
        title="Switch your calendar feed off?"
        confirmLabel="Switch the feed off"
        pending={switchOff.isPending}
        error={switchOff.error}
        onClose={() => setConfirmingOff(false)}
        onConfirm={() => switchOff.mutate(undefined, { onSuccess: () => setConfirmingOff(false) })}
      >
        Your calendar link stops working at once and no new one is made: calendar apps subscribed to
        it stop updating. You can make a new link later.
      </ConfirmModal>
    </Card>
  );
}
