import { AppShell, Burger, Button, Group, NavLink, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { Link, Outlet, useNavigate } from "@tanstack/react-router";
import type { Me } from "../../contracts/auth.ts";
import { useSignOut } from "../features/auth/api/sign-out.ts";
import { useMe } from "./get-me.ts";

interface NavItem {
  key: string;
  label: string;
  /** Where the item leads for this person, or null when their roles do not open it. */
  target: (me: Me) => NavTarget | null;
}

/** A path in the app, resolved for the person (e.g. their one cluster). */
type NavTarget = string;

/** An administrator's tool, shown to those the server says may use it. */
const adminTool = (ability: keyof Me["abilities"], to: NavTarget) => (me: Me) =>
  me.abilities[ability] ? to : null;

/** A programme lead of one cluster goes straight to it; of several, to the list. */
function myCluster(me: Me): NavTarget | null {
  const only = me.clusters.length === 1 ? me.clusters[0]?.id : null;
  if (only) return `/clusters/${only}`;
  return me.clusters.length > 1 ? "/my-cluster" : null;
}

/** Navigation follows the server's abilities: each person sees only the parts they may open. */
const NAV: NavItem[] = [
  { key: "home", label: "Home", target: () => "/" },
  { key: "calendar", label: "Calendar", target: () => "/calendar" },
  {
    key: "my-school",
    label: "My school",
    target: (me) => (me.schools.length > 0 ? "/my-school" : null),
  },
  { key: "my-cluster", label: "My cluster", target: myCluster },
  { key: "evidence", label: "Evidence", target: () => "/evidence" },
  { key: "case-studies", label: "Case studies", target: () => "/case-studies" },
  { key: "resources", label: "Resources", target: () => "/resources" },
  { key: "newsletters", label: "Newsletters", target: () => "/newsletters" },
  { key: "security", label: "Sign-in security", target: () => "/security" },
  { key: "people", label: "Admin · People", target: adminTool("manageAccounts", "/admin/users") },
  {
    key: "schools",
    label: "Admin · Schools",
    target: adminTool("manageSchools", "/admin/schools"),
  },
  {
    key: "programmes",
    label: "Admin · Programmes",
    target: adminTool("manageProgrammes", "/admin/programmes"),
  },
  {
    key: "clusters",
    label: "Admin · Clusters",
    target: adminTool("manageClusters", "/admin/clusters"),
  },
  { key: "outbox", label: "Admin · Outbox", target: adminTool("readOutbox", "/admin/outbox") },
  { key: "audit", label: "Admin · Audit log", target: adminTool("readAuditLog", "/admin/audit") },
  {
    key: "single-sign-on",
    label: "Admin · Single sign-on",
    target: adminTool("configureSingleSignOn", "/admin/single-sign-on"),
  },
  {
    key: "retention",
    label: "Admin · Retention",
    target: adminTool("manageRetention", "/admin/retention"),
  },
  {
    key: "records-of-processing",
    label: "Admin · Records of processing",
    target: adminTool("readRecordsOfProcessing", "/admin/records-of-processing"),
  },
  {
    key: "eef-strands",
    label: "Admin · EEF Toolkit",
    target: adminTool("manageEefStrands", "/admin/eef-strands"),
  },
  {
    key: "network-aims",
    label: "Admin · Network aims",
    target: adminTool("readNetworkAims", "/admin/network-aims"),
  },
  {
    key: "national-figures",
    label: "Admin · National figures",
    target: adminTool("addNationalFigures", "/admin/national-figures"),
  },
];

export function AppLayout() {
  const { data: me } = useMe();
  const [opened, { toggle, close }] = useDisclosure();
  const signOut = useSignOut();
  const navigate = useNavigate();
  if (!me) return null;

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: "sm", collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <AppShell.Header className="no-print">
        <Group h="100%" px="md" justify="space-between">
          <Group>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label="Open navigation"
            />
            <Text fw={700} c="teal.9" size="lg">
              Cascade
            </Text>
          </Group>
          <Group gap="sm">
            <Text size="sm" visibleFrom="xs">
              {me.name}
            </Text>
            <Button component={Link} to="/settings" variant="subtle" size="xs">
              Settings
            </Button>
            <Button
              variant="default"
              size="xs"
              loading={signOut.isPending}
              onClick={() =>
                signOut.mutate(undefined, { onSettled: () => void navigate({ to: "/sign-in" }) })
              }
            >
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      {/* The navigation scrolls on its own when its links are taller than the window. */}
      <AppShell.Navbar p="sm" className="no-print" aria-label="Main" style={{ overflowY: "auto" }}>
        <Stack gap={2} component="nav" aria-label="Main navigation">
          {NAV.map((item) => {
            const target = item.target(me);
            if (!target) return null;
            return (
              <NavLink
                key={item.key}
                component={Link}
                to={target}
                label={item.label}
                className="nav-link"
                activeOptions={{ exact: target === "/" }}
                onClick={close}
              />
            );
          })}
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
