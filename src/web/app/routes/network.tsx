import { createRoute, lazyRouteComponent, redirect } from "@tanstack/react-router";
import { z } from "zod";
import { requireIds, requireRole } from "../page-access.ts";
import { appRoute } from "./root.tsx";

const AuditPage = lazyRouteComponent(
  () => import("../../features/audit/audit-page.tsx"),
  "AuditPage",
);

const NationalFiguresPage = lazyRouteComponent(
  () => import("../../features/gap/national-figures-page.tsx"),
  "NationalFiguresPage",
);

const ClusterPage = lazyRouteComponent(() => import("../pages/cluster-page.tsx"), "ClusterPage");

const ClustersPage = lazyRouteComponent(
  () => import("../../features/clusters/clusters-page.tsx"),
  "ClustersPage",
);

const MyClustersPage = lazyRouteComponent(
  () => import("../../features/clusters/clusters-page.tsx"),
  "MyClustersPage",
);

const EefStrandsPage = lazyRouteComponent(
  () => import("../../features/evidence/eef-strands-page.tsx"),
  "EefStrandsPage",
);

const EvidencePage = lazyRouteComponent(
  () => import("../../features/evidence/evidence-page.tsx"),
  "EvidencePage",
);

const SsoProvidersPage = lazyRouteComponent(
  () => import("../../features/sso/sso-providers-page.tsx"),
  "SsoProvidersPage",
);

const OutboxPage = lazyRouteComponent(
  () => import("../../features/outbox/outbox-page.tsx"),
  "OutboxPage",
);

const RetentionPage = lazyRouteComponent(
  () => import("../../features/retention/retention-page.tsx"),
  "RetentionPage",
);

const RecordsOfProcessingPage = lazyRouteComponent(
  () => import("../../features/retention/records-page.tsx"),
  "RecordsOfProcessingPage",
);

const ProgrammesPage = lazyRouteComponent(
  () => import("../../features/programmes/programmes-page.tsx"),
  "ProgrammesPage",
);

const SchoolsPage = lazyRouteComponent(
  () => import("../../features/schools/schools-page.tsx"),
  "SchoolsPage",
);

const UsersPage = lazyRouteComponent(
  () => import("../../features/users/users-page.tsx"),
  "UsersPage",
);

export const usersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin/users",
  beforeLoad: requireRole("manage people's accounts", "network_admin"),
  component: UsersPage,
});

export const schoolsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin/schools",
  beforeLoad: requireRole("manage the network's schools", "network_admin"),
  component: SchoolsPage,
});

export const programmesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin/programmes",
  beforeLoad: requireRole("manage programmes", "network_admin"),
  component: ProgrammesPage,
});

export const clustersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin/clusters",
  beforeLoad: requireRole("manage clusters", "network_admin"),
  component: ClustersPage,
});

export const clusterRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/clusters/$clusterId",
  beforeLoad: (match) => {
    requireRole("open a cluster's page", "network_admin", "programme_lead")(match);
    requireIds("clusterId")(match);
  },
  component: function ClusterRoute() {
    const { clusterId } = clusterRoute.useParams();
    return <ClusterPage key={clusterId} clusterId={clusterId} />;
  },
});

/** My cluster: the one cluster a programme lead leads, or the list of them. */
export const myClusterRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/my-cluster",
  beforeLoad: ({ context }) => {
    requireRole("open My cluster", "programme_lead")({ context });
    const led = context.me.memberships.filter((m) => m.role === "programme_lead" && m.scopeId);
    const only = led.length === 1 ? led[0]?.scopeId : null;
    if (only) throw redirect({ to: "/clusters/$clusterId", params: { clusterId: only } });
  },
  component: MyClustersPage,
});

/** What works across the network, for everyone signed in; filtered by one strand or theme. */
export const evidenceRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/evidence",
  validateSearch: z.object({
    strand: z.string().max(80).optional().catch(undefined),
    theme: z.string().max(80).optional().catch(undefined),
  }),
  component: function EvidenceRoute() {
    return <EvidencePage filter={evidenceRoute.useSearch()} />;
  },
});

export const eefStrandsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin/eef-strands",
  beforeLoad: requireRole("manage the EEF strands", "network_admin"),
  component: EefStrandsPage,
});

export const nationalFiguresRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin/national-figures",
  beforeLoad: requireRole("manage the national figures", "network_admin"),
  component: NationalFiguresPage,
});

export const outboxRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin/outbox",
  beforeLoad: requireRole("read the outbox", "network_admin"),
  component: OutboxPage,
});

export const retentionRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin/retention",
  beforeLoad: requireRole("manage retention and legal holds", "network_admin"),
  component: RetentionPage,
});

export const recordsOfProcessingRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin/records-of-processing",
  beforeLoad: requireRole("read the records of processing", "network_admin"),
  component: RecordsOfProcessingPage,
});

export const ssoProvidersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin/single-sign-on",
  beforeLoad: requireRole("configure single sign-on", "network_admin"),
  component: SsoProvidersPage,
});

export const auditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin/audit",
  beforeLoad: requireRole("read the audit log", "network_admin"),
  component: AuditPage,
});

/** The network's pages: people, schools, programmes, clusters, evidence and the administrator's tools. */
export const networkRoutes = [
  usersRoute,
  schoolsRoute,
  programmesRoute,
  clustersRoute,
  clusterRoute,
  myClusterRoute,
  evidenceRoute,
  eefStrandsRoute,
  nationalFiguresRoute,
  outboxRoute,
  retentionRoute,
  recordsOfProcessingRoute,
  ssoProvidersRoute,
  auditRoute,
] as const;
