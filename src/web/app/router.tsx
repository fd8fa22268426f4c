import type { QueryClient } from "@tanstack/react-query";
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  Outlet,
  redirect,
} from "@tanstack/react-router";
import { z } from "zod";
import type { Me } from "../../contracts/auth.ts";
import type { Role } from "../../contracts/roles.ts";
import { ACTION_FILTERS, ActionsPage } from "../features/actions/actions-page.tsx";
import { meQueryOptions } from "../features/auth/api/get-me.ts";
import { SignInPage } from "../features/auth/sign-in-page.tsx";
import { CalendarPage } from "../features/calendar/calendar-page.tsx";
import { ClusterPage } from "../features/clusters/cluster-page.tsx";
import { ClustersPage, MyClustersPage } from "../features/clusters/clusters-page.tsx";
import { CandidatesPage } from "../features/cohort/candidates-page.tsx";
import { CohortPage } from "../features/cohort/cohort-page.tsx";
import { DataEntryPage } from "../features/data-entry/data-entry-page.tsx";
import { EefStrandsPage } from "../features/evidence/eef-strands-page.tsx";
import { EvidencePage } from "../features/evidence/evidence-page.tsx";
import { GapPage } from "../features/gap/gap-page.tsx";
import { NationalFiguresPage } from "../features/gap/national-figures-page.tsx";
import { HomePage } from "../features/home/home-page.tsx";
import { ImportsPage } from "../features/imports/imports-page.tsx";
import { AcceptInvitationPage } from "../features/invitations/accept-invitation-page.tsx";
import { MatrixPage } from "../features/matrix/matrix-page.tsx";
import { MeasuresPage } from "../features/measures/measures-page.tsx";
import { EnrolmentPage, MySchoolPage } from "../features/my-school/my-school-page.tsx";
import { OutboxPage } from "../features/outbox/outbox-page.tsx";
import { ProgrammesPage } from "../features/programmes/programmes-page.tsx";
import { PupilProfilePage } from "../features/pupils/pupil-profile-page.tsx";
import { PupilsPage } from "../features/pupils/pupils-page.tsx";
import { SchoolsPage } from "../features/schools/schools-page.tsx";
import { SettingsPage } from "../features/settings/settings-page.tsx";
import { setupStatusQueryOptions } from "../features/setup/api/setup.ts";
import { SetupPage } from "../features/setup/setup-page.tsx";
import { StrategiesPage } from "../features/strategies/strategies-page.tsx";
import { EditStrategyPage, NewStrategyPage } from "../features/strategies/strategy-edit-pages.tsx";
import { StrategyPage } from "../features/strategies/strategy-page.tsx";
import { UsersPage } from "../features/users/users-page.tsx";
import { VisitPage } from "../features/visits/visit-page.tsx";
import { TeamYearPage } from "../features/workshops/team-year-page.tsx";
import { WorkshopPage } from "../features/workshops/workshop-page.tsx";
import { AppLayout } from "./layout.tsx";
import { NotFoundPage } from "./not-found-page.tsx";

interface RouterContext {
  queryClient: QueryClient;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFoundPage,
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
});

const homeRoute = createRoute({ getParentRoute: () => appRoute, path: "/", component: HomePage });

/** A route guard: without one of the roles, the person is sent to their home page. */
const requireRole =
  (...roles: Role[]) =>
  ({ context }: { context: { me: Me } }) => {
    if (!context.me.memberships.some((m) => roles.includes(m.role))) throw redirect({ to: "/" });
  };

const SCHOOL_ROLES: Role[] = ["school_leader", "teacher", "para_professional"];

const usersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin/users",
  beforeLoad: requireRole("network_admin"),
  component: UsersPage,
});

const schoolsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin/schools",
  beforeLoad: requireRole("network_admin"),
  component: SchoolsPage,
});

const programmesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin/programmes",
  beforeLoad: requireRole("network_admin"),
  component: ProgrammesPage,
});

const clustersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin/clusters",
  beforeLoad: requireRole("network_admin"),
  component: ClustersPage,
});

const clusterRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/clusters/$clusterId",
  beforeLoad: requireRole("network_admin", "programme_lead"),
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
    requireRole("programme_lead")({ context });
    const led = context.me.memberships.filter((m) => m.role === "programme_lead" && m.scopeId);
    const only = led.length === 1 ? led[0]?.scopeId : null;
    if (only) throw redirect({ to: "/clusters/$clusterId", params: { clusterId: only } });
  },
  component: MyClustersPage,
});

const mySchoolRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/my-school",
  beforeLoad: requireRole(...SCHOOL_ROLES),
  component: MySchoolPage,
});

const myEnrolmentRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/my-school/$enrolmentId",
  beforeLoad: requireRole(...SCHOOL_ROLES),
  component: function MyEnrolmentRoute() {
    const { enrolmentId } = myEnrolmentRoute.useParams();
    return <EnrolmentPage key={enrolmentId} enrolmentId={enrolmentId} />;
  },
});

const pupilsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/my-school/pupils",
  beforeLoad: requireRole(...SCHOOL_ROLES),
  component: PupilsPage,
});

const pupilRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/pupils/$pupilId",
  beforeLoad: requireRole(...SCHOOL_ROLES),
  component: function PupilRoute() {
    const { pupilId } = pupilRoute.useParams();
    return <PupilProfilePage key={pupilId} pupilId={pupilId} />;
  },
});

const dataEntryRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/my-school/data-entry",
  beforeLoad: requireRole(...SCHOOL_ROLES),
  component: DataEntryPage,
});

const gapRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/my-school/gap",
  beforeLoad: requireRole(...SCHOOL_ROLES),
  component: GapPage,
});

const importsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/my-school/imports",
  beforeLoad: requireRole("school_leader"),
  component: ImportsPage,
});

const measuresRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/my-school/measures",
  beforeLoad: requireRole(...SCHOOL_ROLES),
  component: MeasuresPage,
});

const cohortRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/my-school/cohort",
  beforeLoad: requireRole(...SCHOOL_ROLES),
  component: CohortPage,
});

const candidatesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/my-school/cohort/candidates",
  beforeLoad: requireRole(...SCHOOL_ROLES),
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
  beforeLoad: requireRole(...SCHOOL_ROLES, "programme_lead"),
  component: function MatrixRoute() {
    return <MatrixPage search={matrixRoute.useSearch()} />;
  },
});

/** Strategies: the school's list, a new one, a strategy's story and its plan's edit (issue 6). */
const strategiesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/my-school/strategies",
  beforeLoad: requireRole(...SCHOOL_ROLES),
  component: StrategiesPage,
});

const newStrategyRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/my-school/strategies/new",
  beforeLoad: requireRole("school_leader"),
  component: NewStrategyPage,
});

const strategyRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/my-school/strategies/$strategyId",
  beforeLoad: requireRole(...SCHOOL_ROLES),
  component: function StrategyRoute() {
    const { strategyId } = strategyRoute.useParams();
    return <StrategyPage key={strategyId} strategyId={strategyId} />;
  },
});

const editStrategyRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/my-school/strategies/$strategyId/edit",
  beforeLoad: requireRole("school_leader"),
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
  beforeLoad: requireRole("network_admin"),
  component: EefStrandsPage,
});

const nationalFiguresRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin/national-figures",
  beforeLoad: requireRole("network_admin"),
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
  component: function WorkshopRoute() {
    const { workshopId } = workshopRoute.useParams();
    return <WorkshopPage key={workshopId} workshopId={workshopId} />;
  },
});

/** A school visit: the cluster's lead records it; the school's leaders respond. */
const visitRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/visits/$visitId",
  beforeLoad: requireRole(...SCHOOL_ROLES, "programme_lead"),
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
  beforeLoad: requireRole(...SCHOOL_ROLES),
  component: function ActionsRoute() {
    const { status, taskId } = actionsRoute.useSearch();
    return <ActionsPage filter={status ?? "all"} taskId={taskId} />;
  },
});

const teamYearRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/my-school/year",
  beforeLoad: requireRole(...SCHOOL_ROLES),
  component: TeamYearPage,
});

const outboxRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/admin/outbox",
  beforeLoad: requireRole("network_admin"),
  component: OutboxPage,
});

const routeTree = rootRoute.addChildren([
  signInRoute,
  setupRoute,
  invitationRoute,
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
  ]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: "intent",
    scrollRestoration: true,
  });
}

declare module "@tanstack/react-router" {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
