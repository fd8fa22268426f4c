import { createRoute, lazyRouteComponent, redirect } from "@tanstack/react-router";
import { z } from "zod";
import { administrators, FOR, requireAbility, requireIds } from "../page-access.ts";
import { appRoute } from "./root.tsx";

const AuditPage = lazyRouteComponent(
  () => import("../../features/audit/audit-page.tsx"),
  "AuditPage",
);

const NationalFiguresPage = lazyRouteComponent(
  () => import("../../features/gap/national-figures-page.tsx"),
  "NationalFiguresPage",
);

const NetworkAimsPage = lazyRouteComponent(
  () => import("../../features/network-aims/network-aims-page.tsx"),
  "NetworkAimsPage",
);

const BackIssuesPage = lazyRouteComponent(
  () => import("../../features/newsletters/back-issues-page.tsx"),
  "BackIssuesPage",
);

const BackIssuePage = lazyRouteComponent(
  () => import("../../features/newsletters/back-issues-page.tsx"),
  "BackIssuePage",
);

const NewslettersAdminPage = lazyRouteComponent(
  () => import("../../features/newsletters/newsletter-admin-page.tsx"),
  "NewslettersAdminPage",
);

const NewsletterEditorPage = lazyRouteComponent(
  () => import("../../features/newsletters/newsletter-admin-page.tsx"),
  "NewsletterEditorPage",
);

const ClusterPage = lazyRouteComponent(() => import("../pages/cluster-page.tsx"), "ClusterPage");

const ClusterImpactPage = lazyRouteComponent(
  () => import("../../features/impact/cluster-impact-page.tsx"),
  "ClusterImpactPage",
);

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

const CaseStudyLibraryPage = lazyRouteComponent(
  () => import("../../features/case-studies/library-page.tsx"),
  "CaseStudyLibraryPage",
);

const CaseStudyPage = lazyRouteComponent(
  () => import("../../features/case-studies/case-study-page.tsx"),
  "CaseStudyPage",
);

const StartCaseStudyPage = lazyRouteComponent(
  () => import("../../features/case-studies/start-page.tsx"),
  "StartCaseStudyPage",
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
  beforeLoad: requireAbility("manage people's accounts", administrators("manageAccounts")),
  component: UsersPage,
});

export const schoolsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin/schools",
  beforeLoad: requireAbility("manage the network's schools", administrators("manageSchools")),
  component: SchoolsPage,
});

export const programmesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin/programmes",
  beforeLoad: requireAbility("manage programmes", administrators("manageProgrammes")),
  component: ProgrammesPage,
});

export const clustersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin/clusters",
  beforeLoad: requireAbility("manage clusters", administrators("manageClusters")),
  component: ClustersPage,
});

export const clusterRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/clusters/$clusterId",
  beforeLoad: (match) => {
    requireAbility("open a cluster's page", FOR.leadsOrAdmins)(match);
    requireIds("clusterId")(match);
  },
  component: function ClusterRoute() {
    const { clusterId } = clusterRoute.useParams();
    return <ClusterPage key={clusterId} clusterId={clusterId} />;
  },
});

/** The cluster's impact report, for its programme lead (issue 17). */
export const clusterImpactRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/clusters/$clusterId/impact-report",
  beforeLoad: (match) => {
    requireAbility("read a cluster's impact report", FOR.clusterReports)(match);
    requireIds("clusterId")(match);
  },
  component: function ClusterImpactRoute() {
    const { clusterId } = clusterImpactRoute.useParams();
    return <ClusterImpactPage key={clusterId} clusterId={clusterId} />;
  },
});

/** My cluster: the one cluster a programme lead leads, or the list of them. */
export const myClusterRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/my-cluster",
  beforeLoad: ({ context }) => {
    requireAbility("open My cluster", FOR.leads)({ context });
    const led = context.me.clusters;
    const only = led.length === 1 ? led[0]?.id : null;
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

const optionalText = (max: number) => z.string().max(max).optional().catch(undefined);
const optionalG = z.coerce.number().min(-5).max(5).optional().catch(undefined);

/** The case-study library (issue 16), for everyone signed in. */
export const caseStudiesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/case-studies",
  beforeLoad: requireAbility("read the case studies", FOR.signedIn),
  validateSearch: z.object({
    q: optionalText(200),
    theme: optionalText(80),
    strand: optionalText(80),
    phase: optionalText(40),
    yearGroup: optionalText(10),
    costBand: optionalText(40),
    minG: optionalG,
    maxG: optionalG,
    design: z.enum(["comparison-group", "pre-post"]).optional().catch(undefined),
    sort: z.enum(["relevance", "date", "effect"]).optional().catch(undefined),
  }),
  component: function CaseStudiesRoute() {
    return <CaseStudyLibraryPage query={caseStudiesRoute.useSearch()} />;
  },
});

export const caseStudyRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/case-studies/$caseStudyId",
  beforeLoad: (match) => {
    requireAbility("read a case study", FOR.signedIn)(match);
    requireIds("caseStudyId")(match);
  },
  component: function CaseStudyRoute() {
    const { caseStudyId } = caseStudyRoute.useParams();
    return <CaseStudyPage key={caseStudyId} caseStudyId={caseStudyId} />;
  },
});

/** Starting a case study from an evaluated strategy: its school's team (the server lets its leaders). */
export const startCaseStudyRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/case-studies/start/$strategyId",
  beforeLoad: (match) => {
    requireAbility("start a case study", FOR.team)(match);
    requireIds("strategyId")(match);
  },
  validateSearch: z.object({
    measureId: z.uuid().optional().catch(undefined),
    from: z.uuid().optional().catch(undefined),
    to: z.uuid().optional().catch(undefined),
    comparison: z
      .enum(["disadvantaged", "non_participants", "non_disadvantaged", "none"])
      .optional()
      .catch(undefined),
  }),
  component: function StartCaseStudyRoute() {
    const { strategyId } = startCaseStudyRoute.useParams();
    return <StartCaseStudyPage strategyId={strategyId} choice={startCaseStudyRoute.useSearch()} />;
  },
});

export const eefStrandsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin/eef-strands",
  beforeLoad: requireAbility("manage the EEF strands", administrators("manageEefStrands")),
  component: EefStrandsPage,
});

export const nationalFiguresRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin/national-figures",
  beforeLoad: requireAbility("manage the national figures", administrators("addNationalFigures")),
  component: NationalFiguresPage,
});

export const networkAimsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin/network-aims",
  beforeLoad: requireAbility("read the network's aims", administrators("readNetworkAims")),
  component: NetworkAimsPage,
});

export const outboxRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin/outbox",
  beforeLoad: requireAbility("read the outbox", administrators("readOutbox")),
  component: OutboxPage,
});

export const retentionRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin/retention",
  beforeLoad: requireAbility("manage retention and legal holds", administrators("manageRetention")),
  component: RetentionPage,
});

export const recordsOfProcessingRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin/records-of-processing",
  beforeLoad: requireAbility(
    "read the records of processing",
    administrators("readRecordsOfProcessing"),
  ),
  component: RecordsOfProcessingPage,
});

export const ssoProvidersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin/single-sign-on",
  beforeLoad: requireAbility("configure single sign-on", administrators("configureSingleSignOn")),
  component: SsoProvidersPage,
});

export const auditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin/audit",
  beforeLoad: requireAbility("read the audit log", administrators("readAuditLog")),
  component: AuditPage,
});

/** The network's pages: people, schools, programmes, clusters, evidence and the administrator's tools. */
/** The sent newsletters, for everyone signed in. */
export const backIssuesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/newsletters",
  component: BackIssuesPage,
});

export const backIssueRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/newsletters/$newsletterId",
  beforeLoad: (match) => requireIds("newsletterId")(match),
  component: function BackIssueRoute() {
    const { newsletterId } = backIssueRoute.useParams();
    return <BackIssuePage key={newsletterId} newsletterId={newsletterId} />;
  },
});

const compileNewsletter = requireAbility(
  "compile the newsletter",
  administrators("compileNewsletter"),
);

export const newslettersAdminRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin/newsletters",
  beforeLoad: compileNewsletter,
  component: NewslettersAdminPage,
});

export const newsletterEditorRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin/newsletters/$newsletterId",
  beforeLoad: (match) => {
    requireIds("newsletterId")(match);
    compileNewsletter(match);
  },
  component: function NewsletterEditorRoute() {
    const { newsletterId } = newsletterEditorRoute.useParams();
    return <NewsletterEditorPage key={newsletterId} newsletterId={newsletterId} />;
  },
});

export const networkRoutes = [
  backIssuesRoute,
  backIssueRoute,
  newslettersAdminRoute,
  newsletterEditorRoute,
  usersRoute,
  schoolsRoute,
  programmesRoute,
  clustersRoute,
  clusterRoute,
  clusterImpactRoute,
  myClusterRoute,
  evidenceRoute,
  caseStudiesRoute,
  startCaseStudyRoute,
  caseStudyRoute,
  eefStrandsRoute,
  nationalFiguresRoute,
  networkAimsRoute,
  outboxRoute,
  retentionRoute,
  recordsOfProcessingRoute,
  ssoProvidersRoute,
  auditRoute,
] as const;
