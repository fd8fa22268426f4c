import { Button, Divider, Stack } from "@mantine/core";
import { ssoStartHref, useSsoProviders } from "../lib/api/sso.ts";

/**
 * "Sign in with <provider>" for each enabled single sign-on provider (nothing
 * when there are none). Plain links: the browser goes to the provider and back.
 */
export function SsoButtons({ invitationToken }: { invitationToken?: string }) {
  const providers = useSsoProviders().data?.providers ?? [];
  if (providers.length === 0) return null;
  return (
    <Stack gap="xs">
      {providers.map((p) => (
        <Button
          key={p.id}
          component="a"
          href={ssoStartHref(p.id, invitationToken)}
          variant="default"
        >
          Sign in with {p.displayName}
        </Button>
      ))}
      <Divider label="or" labelPosition="center" />
    </Stack>
  );
}
