import type { QueryClient } from "@tanstack/react-query";
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  redirect,
} from "@tanstack/react-router";
import { z } from "zod";
import { SCHOOL_ROLES } from "../../domain/roles.ts";
import { ACTION_FILTERS } from "../features/actions/action-filters.ts";
import { SignInLinkPage } from "../features/auth/sign-in-link-page.tsx";
import { SignInPage } from "../features/auth/sign-in-page.tsx";
import { setupStatusQueryOptions } from "../features/setup/api/setup.ts";
import { meQueryOptions } from "./get-me.ts";
import { AppLayout } from "./layout.tsx";
import { NotFoundPage } from "./not-found-page.tsx";
import { requireIds, requireRole } from "./page-access.ts";
import { PageLoading } from "./page-loading.tsx";
import { HomePage } from "./pages/home-page.tsx";
import { RouteErrorPage } from "./route-error-page.tsx";

// Each page is its own chunk, fetched when its route loads (or on hover, with
// defaultPreload), so the first page carries only the shell, sign-in and home.
const ActionsPage = lazyRouteComponent(
  () => import("../features/actions/actions-page.tsx"),
  "ActionsPage",
);
const AuditPage = lazyRouteComponent(() => import("../features/audit/audit-page.tsx"), "AuditPage");
const AccessHistoryPage = lazyRouteComponent(
  () => import("../features/my-school/access-history-page.tsx"),
  "AccessHistoryPage",
);
const NationalFiguresPage = lazyRouteComponent(
  () => import("../features/gap/national-figures-page.tsx"),
  "NationalFiguresPage",
);
const CalendarPage = lazyRouteComponent(
  () => import("../features/calendar/calendar-page.tsx"),
  "CalendarPage",
);
const ClusterPage = lazyRouteComponent(() => import("./pages/cluster-page.tsx"), "ClusterPage");
const ClustersPage = lazyRouteComponent(
  () => import("../features/clusters/clusters-page.tsx"),
  "ClustersPage",
);
const MyClustersPage = lazyRouteComponent(
  () => import("../features/clusters/clusters-page.tsx"),
  "MyClustersPage",
);
const CandidatesPage = lazyRouteComponent(
  () => import("../features/cohort/candidates-page.tsx"),
  "CandidatesPage",
);
const CohortPage = lazyRouteComponent(
  () => import("../features/cohort/cohort-page.tsx"),
  "CohortPage",
);
const DataEntryPage = lazyRouteComponent(
  () => import("../features/data-entry/data-entry-page.tsx"),
  "DataEntryPage",
);
const EefStrandsPage = lazyRouteComponent(
  () => import("../features/evidence/eef-strands-page.tsx"),
  "EefStrandsPage",
);
const EvidencePage = lazyRouteComponent(
  () => import("../features/evidence/evidence-page.tsx"),
  "EvidencePage",
);
const GapPage = lazyRouteComponent(() => import("../features/gap/gap-page.tsx"), "GapPage");
const ImportsPage = lazyRouteComponent(
  () => import("../features/imports/imports-page.tsx"),
  "ImportsPage",
);
const AcceptInvitationPage = lazyRouteComponent(
  () => import("../features/invitations/accept-invitation-page.tsx"),
  "AcceptInvitationPage",
);
const MatrixPage = lazyRouteComponent(
  () => import("../features/matrix/matrix-page.tsx"),
  "MatrixPage",
);
const MeasuresPage = lazyRouteComponent(
  () => import("../features/measures/measures-page.tsx"),
  "MeasuresPage",
);
const EnrolmentPage = lazyRouteComponent(
  () => import("../features/my-school/my-school-page.tsx"),
  "EnrolmentPage",
);
const MySchoolPage = lazyRouteComponent(
  () => import("../features/my-school/my-school-page.tsx"),
  "MySchoolPage",
);
const OutboxPage = lazyRouteComponent(
  () => import("../features/outbox/outbox-page.tsx"),
  "OutboxPage",
);
const ProgrammesPage = lazyRouteComponent(
  () => import("../features/programmes/programmes-page.tsx"),
  "ProgrammesPage",
);
const PupilProfilePage = lazyRouteComponent(
  () => import("../features/pupils/pupil-profile-page.tsx"),
  "PupilProfilePage",
);
const PupilsPage = lazyRouteComponent(
  () => import("../features/pupils/pupils-page.tsx"),
  "PupilsPage",
);
const SchoolsPage = lazyRouteComponent(
  () => import("../features/schools/schools-page.tsx"),
  "SchoolsPage",
);
const SettingsPage = lazyRouteComponent(
  () => import("../features/settings/settings-page.tsx"),
  "SettingsPage",
);
const SetupPage = lazyRouteComponent(() => import("../features/setup/setup-page.tsx"), "SetupPage");
const StrategiesPage = lazyRouteComponent(
  () => import("../features/strategies/strategies-page.tsx"),
  "StrategiesPage",
);
const EditStrategyPage = lazyRouteComponent(
  () => import("../features/strategies/strategy-edit-pages.tsx"),
  "EditStrategyPage",
);
const NewStrategyPage = lazyRouteComponent(
  () => import("../features/strategies/strategy-edit-pages.tsx"),
  "NewStrategyPage",
);
const CostEffectivenessPage = lazyRouteComponent(
  () => import("../features/strategies/cost-effectiveness-page.tsx"),
  "CostEffectivenessPage",
);
const StrategyPage = lazyRouteComponent(
  () => import("../features/strategies/strategy-page.tsx"),
  "StrategyPage",
);
const UsersPage = lazyRouteComponent(() => import("../features/users/users-page.tsx"), "UsersPage");
const VisitPage = lazyRouteComponent(
  () => import("../features/visits/visit-page.tsx"),
  "VisitPage",
);
const TeamYearPage = lazyRouteComponent(() => import("./pages/team-year-page.tsx"), "TeamYearPage");
const WorkshopPage = lazyRouteComponent(
  () => import("../features/workshops/workshop-page.tsx"),
  "WorkshopPage",
);

interface RouterContext {
  queryClient: QueryClient;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: () => <NotFoundPage />,
});

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/sign-in",
  validateSearch: z.object({ redirect: z.string().optional() }),
  beforeLoad: async ({ context }) => {
    if ((await context.queryClient.fetchQuery(setupStatusQueryOptions)).needed)
      throw redirect({ to: "/setup" });
    if (await context.queryClient.ensureQueryData(meQueryOptions)) throw redirect({ to: "/" });
  },
  component: function SignInRoute() {
    const { redirect: to } = signInRoute.useSearch();
    return <SignInPage redirectTo={to} />;
  },
});

const signInLinkRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/sign-in/link",
  component: SignInLinkPage,
});

const setupRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/setup",
  beforeLoad: async ({ context }) => {
    if (!(await context.queryClient.fetchQuery(setupStatusQueryOptions)).needed)
      throw redirect({ to: "/sign-in" });
  },
  component: SetupPage,
});

const invitationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/invitation",
  component: AcceptInvitationPage,
});

/** Everything below needs a session; without one, the person is sent to sign in (or to set-up). */
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: "app",
  beforeLoad: async ({ context, location }) => {
    const me = await context.queryClient.ensureQueryData(meQueryOptions);
    if (!me) {
      if ((await context.queryClient.fetchQuery(setupStatusQueryOptions)).needed)
        throw redirect({ to: "/setup" });
      throw redirect({
        to: "/sign-in",
        search: { redirect: location.href === "/" ? undefined : location.href },
      });
    }
    return { me };
  },
  component: AppLayout,
  notFoundComponent: () => <NotFoundPage inLayout />,
});

const homeRoute = createRoute({ getParentRoute: () => appRoute, path: "/", component: HomePage });

const usersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin/users",
  beforeLoad: requireRole("manage people's accounts", "network_admin"),
  component: UsersPage,
});

const schoolsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin/schools",
  beforeLoad: requireRole("manage the network's schools", "network_admin"),
  component: SchoolsPage,
});

const programmesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin/programmes",
  beforeLoad: requireRole("manage programmes", "network_admin"),
  component: ProgrammesPage,
});

const clustersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin/clusters",
  beforeLoad: requireRole("manage clusters", "network_admin"),
  component: ClustersPage,
});

const clusterRoute = createRoute({
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
const myClusterRoute = createRoute({
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

const mySchoolRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/my-school",
  beforeLoad: requireRole("open My school", ...SCHOOL_ROLES),
  component: MySchoolPage,
});

const myEnrolmentRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/my-school/$enrolmentId",
  beforeLoad: (match) => {
    requireRole("open a school's programme page", ...SCHOOL_ROLES)(match);
    requireIds("enrolmentId")(match);
  },
  component: function MyEnrolmentRoute() {
    const { enrolmentId } = myEnrolmentRoute.useParams();
    return <EnrolmentPage key={enrolmentId} enrolmentId={enrolmentId} />;
  },
});

const pupilsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/my-school/pupils",
  beforeLoad: requireRole("see a school's pupils", ...SCHOOL_ROLES),
  component: PupilsPage,
});

const pupilRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/pupils/$pupilId",
  beforeLoad: (match) => {
    requireRole("see a pupil's record", ...SCHOOL_ROLES)(match);
    requireIds("pupilId")(match);
  },
  component: function PupilRoute() {
    const { pupilId } = pupilRoute.useParams();
    return <PupilProfilePage key={pupilId} pupilId={pupilId} />;
  },
});

const dataEntryRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/my-school/data-entry",
  beforeLoad: requireRole("enter a school's data", ...SCHOOL_ROLES),
  component: DataEntryPage,
});

const gapRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/my-school/gap",
  beforeLoad: requireRole("see a school's gap", ...SCHOOL_ROLES),
  component: GapPage,
});

const importsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/my-school/imports",
  beforeLoad: requireRole("import data", "school_leader"),
  component: ImportsPage,
});

const measuresRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/my-school/measures",
  beforeLoad: requireRole("see a school's measures", ...SCHOOL_ROLES),
  component: MeasuresPage,
});

const cohortRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/my-school/cohort",
  beforeLoad: requireRole("see a school's target cohort", ...SCHOOL_ROLES),
  component: CohortPage,
});

const candidatesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/my-school/cohort/candidates",
  beforeLoad: requireRole("look for cohort candidates", ...SCHOOL_ROLES),
  component: CandidatesPage,
});

/** The matrix: my school, my trio or my cluster (school staff); a cluster and its trios (its lead). */
const matrixRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/matrix",
  validateSearch: z.object({
    view: z.enum(["school", "trio", "cluster"]).optional().catch(undefined),
    schoolId: z.string().optional(),
    trioId: z.string().optional(),
    clusterId: z.string().optional(),
    from: z.string().optional(),
    to: z.string().optional(),
    x: z.string().optional(),
    y: z.string().optional(),
  }),
  beforeLoad: requireRole("open the matrix", ...SCHOOL_ROLES, "programme_lead"),
  component: function MatrixRoute() {
    return <MatrixPage search={matrixRoute.useSearch()} />;
  },
});

/** Strategies: the school's list, a new one, a strategy's story and its plan's edit (issue 6). */
const strategiesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/my-school/strategies",
  beforeLoad: requireRole("see a school's strategies", ...SCHOOL_ROLES),
  component: StrategiesPage,
});

const newStrategyRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/my-school/strategies/new",
  beforeLoad: requireRole("create strategies", "school_leader"),
  component: NewStrategyPage,
});

/** The school's strategies side by side on cost and effect (issue 12). */
const costEffectivenessRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/my-school/strategies/cost-effectiveness",
  beforeLoad: requireRole("compare a school's strategies on cost and effect", ...SCHOOL_ROLES),
  component: CostEffectivenessPage,
});

const strategyRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/my-school/strategies/$strategyId",
  beforeLoad: (match) => {
    requireRole("see a school's strategies", ...SCHOOL_ROLES)(match);
    requireIds("strategyId")(match);
  },
  component: function StrategyRoute() {
    const { strategyId } = strategyRoute.useParams();
    return <StrategyPage key={strategyId} strategyId={strategyId} />;
  },
});

const editStrategyRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/my-school/strategies/$strategyId/edit",
  beforeLoad: (match) => {
    requireRole("edit a strategy's plan", "school_leader")(match);
    requireIds("strategyId")(match);
  },
  component: function EditStrategyRoute() {
    const { strategyId } = editStrategyRoute.useParams();
    return <EditStrategyPage key={strategyId} strategyId={strategyId} />;
  },
});

/** What works across the network, for everyone signed in; filtered by one strand or theme. */
const evidenceRoute = createRoute({
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

const eefStrandsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin/eef-strands",
  beforeLoad: requireRole("manage the EEF strands", "network_admin"),
  component: EefStrandsPage,
});

const nationalFiguresRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin/national-figures",
  beforeLoad: requireRole("manage the national figures", "network_admin"),
  component: NationalFiguresPage,
});

/** The programme year as a timeline, for everyone signed in (each sees their own). */
const calendarRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/calendar",
  component: CalendarPage,
});

const settingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/settings",
  component: SettingsPage,
});

/** A workshop: the cluster's lead manages it; the cluster's school staff read it. */
const workshopRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/workshops/$workshopId",
  beforeLoad: (match) => requireIds("workshopId")(match),
  component: function WorkshopRoute() {
    const { workshopId } = workshopRoute.useParams();
    return <WorkshopPage key={workshopId} workshopId={workshopId} />;
  },
});

/** A school visit: the cluster's lead records it; the school's leaders respond. */
const visitRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/visits/$visitId",
  beforeLoad: (match) => {
    requireRole("open a school visit", ...SCHOOL_ROLES, "programme_lead")(match);
    requireIds("visitId")(match);
  },
  component: function VisitRoute() {
    const { visitId } = visitRoute.useParams();
    return <VisitPage key={visitId} visitId={visitId} />;
  },
});

const actionsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/my-school/actions",
  validateSearch: z.object({
    status: z.enum(ACTION_FILTERS).optional().catch(undefined),
    taskId: z.string().max(40).optional().catch(undefined),
  }),
  beforeLoad: requireRole("see a school's actions", ...SCHOOL_ROLES),
  component: function ActionsRoute() {
    const { status, taskId } = actionsRoute.useSearch();
    return <ActionsPage filter={status ?? "all"} taskId={taskId} />;
  },
});

const teamYearRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/my-school/year",
  beforeLoad: requireRole("see a school's programme year", ...SCHOOL_ROLES),
  component: TeamYearPage,
});

const outboxRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin/outbox",
  beforeLoad: requireRole("read the outbox", "network_admin"),
  component: OutboxPage,
});

const auditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin/audit",
  beforeLoad: requireRole("read the audit log", "network_admin"),
  component: AuditPage,
});

const accessHistoryRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/my-school/access-history",
  beforeLoad: requireRole("see the access history of the school's pupils", "school_leader"),
  component: AccessHistoryPage,
});

const routeTree = rootRoute.addChildren([
  signInRoute,
  setupRoute,
  invitationRoute,
  signInLinkRoute,
  appRoute.addChildren([
    homeRoute,
    usersRoute,
    schoolsRoute,
    programmesRoute,
    clustersRoute,
    clusterRoute,
    myClusterRoute,
    mySchoolRoute,
    myEnrolmentRoute,
    pupilsRoute,
    pupilRoute,
    dataEntryRoute,
    gapRoute,
    importsRoute,
    measuresRoute,
    cohortRoute,
    candidatesRoute,
    matrixRoute,
    strategiesRoute,
    newStrategyRoute,
    costEffectivenessRoute,
    strategyRoute,
    editStrategyRoute,
    evidenceRoute,
    eefStrandsRoute,
    nationalFiguresRoute,
    calendarRoute,
    settingsRoute,
    workshopRoute,
    visitRoute,
    actionsRoute,
    teamYearRoute,
    outboxRoute,
    auditRoute,
    accessHistoryRoute,
  ]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: "intent",
    defaultPendingComponent: PageLoading,
    defaultErrorComponent: RouteErrorPage,
    // Show the loader only when a page's code takes a moment to arrive.
    defaultPendingMs: 300,
    scrollRestoration: true,
  });
}

declare module "@tanstack/react-router" {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
