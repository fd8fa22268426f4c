import { createRoute, lazyRouteComponent } from "@tanstack/react-router";
import { z } from "zod";
import { atSchool, FOR, requireAbility, requireIds, schoolLeaders } from "../page-access.ts";
import { appRoute } from "./root.tsx";

const AccessHistoryPage = lazyRouteComponent(
  () => import("../../features/my-school/access-history-page.tsx"),
  "AccessHistoryPage",
);

const CandidatesPage = lazyRouteComponent(
  () => import("../../features/cohort/candidates-page.tsx"),
  "CandidatesPage",
);

const CohortPage = lazyRouteComponent(
  () => import("../../features/cohort/cohort-page.tsx"),
  "CohortPage",
);

const DataEntryPage = lazyRouteComponent(
  () => import("../../features/data-entry/data-entry-page.tsx"),
  "DataEntryPage",
);

const GapPage = lazyRouteComponent(() => import("../../features/gap/gap-page.tsx"), "GapPage");

const SchoolImpactPage = lazyRouteComponent(
  () => import("../../features/impact/school-impact-page.tsx"),
  "SchoolImpactPage",
);

const ImportsPage = lazyRouteComponent(
  () => import("../../features/imports/imports-page.tsx"),
  "ImportsPage",
);

const MatrixPage = lazyRouteComponent(
  () => import("../../features/matrix/matrix-page.tsx"),
  "MatrixPage",
);

const MeasuresPage = lazyRouteComponent(
  () => import("../../features/measures/measures-page.tsx"),
  "MeasuresPage",
);

const EnrolmentPage = lazyRouteComponent(
  () => import("../../features/my-school/my-school-page.tsx"),
  "EnrolmentPage",
);

const MySchoolPage = lazyRouteComponent(
  () => import("../../features/my-school/my-school-page.tsx"),
  "MySchoolPage",
);

const PupilProfilePage = lazyRouteComponent(
  () => import("../../features/pupils/pupil-profile-page.tsx"),
  "PupilProfilePage",
);

const PupilsPage = lazyRouteComponent(
  () => import("../../features/pupils/pupils-page.tsx"),
  "PupilsPage",
);

const StrategiesPage = lazyRouteComponent(
  () => import("../../features/strategies/strategies-page.tsx"),
  "StrategiesPage",
);

const EditStrategyPage = lazyRouteComponent(
  () => import("../../features/strategies/strategy-edit-pages.tsx"),
  "EditStrategyPage",
);

const NewStrategyPage = lazyRouteComponent(
  () => import("../../features/strategies/strategy-edit-pages.tsx"),
  "NewStrategyPage",
);

const CostEffectivenessPage = lazyRouteComponent(
  () => import("../../features/strategies/cost-effectiveness-page.tsx"),
  "CostEffectivenessPage",
);

const PpStatementPage = lazyRouteComponent(
  () => import("../../features/pp-statement/pp-statement-page.tsx"),
  "PpStatementPage",
);

const StrategyPage = lazyRouteComponent(
  () => import("../../features/strategies/strategy-page.tsx"),
  "StrategyPage",
);

export const mySchoolRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/my-school",
  beforeLoad: requireAbility("open My school", FOR.team),
  component: MySchoolPage,
});

export const myEnrolmentRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/my-school/$enrolmentId",
  beforeLoad: (match) => {
    requireAbility("open a school's programme page", FOR.team)(match);
    requireIds("enrolmentId")(match);
  },
  component: function MyEnrolmentRoute() {
    const { enrolmentId } = myEnrolmentRoute.useParams();
    return <EnrolmentPage key={enrolmentId} enrolmentId={enrolmentId} />;
  },
});

export const pupilsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/my-school/pupils",
  /** `erased`: the pupil just erased is gone (their name never travels in the address). */
  validateSearch: z.object({ erased: z.boolean().optional().catch(undefined) }),
  beforeLoad: requireAbility("see a school's pupils", FOR.team),
  component: function PupilsRoute() {
    return <PupilsPage erased={pupilsRoute.useSearch().erased === true} />;
  },
});

export const pupilRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/pupils/$pupilId",
  beforeLoad: (match) => {
    requireAbility("see a pupil's record", FOR.team)(match);
    requireIds("pupilId")(match);
  },
  component: function PupilRoute() {
    const { pupilId } = pupilRoute.useParams();
    return <PupilProfilePage key={pupilId} pupilId={pupilId} />;
  },
});

export const dataEntryRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/my-school/data-entry",
  beforeLoad: requireAbility("enter a school's data", FOR.team),
  component: DataEntryPage,
});

export const gapRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/my-school/gap",
  beforeLoad: requireAbility("see a school's gap", FOR.team),
  component: GapPage,
});

export const importsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/my-school/imports",
  beforeLoad: requireAbility("import data", schoolLeaders("importData")),
  component: ImportsPage,
});

export const measuresRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/my-school/measures",
  beforeLoad: requireAbility("see a school's measures", FOR.team),
  component: MeasuresPage,
});

export const cohortRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/my-school/cohort",
  beforeLoad: requireAbility("see a school's target cohort", FOR.team),
  component: CohortPage,
});

export const candidatesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/my-school/cohort/candidates",
  beforeLoad: requireAbility("look for cohort candidates", FOR.team),
  component: CandidatesPage,
});

/** The matrix: my school, my trio or my cluster (school staff); a cluster and its trios (its lead). */
export const matrixRoute = createRoute({
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
  beforeLoad: requireAbility("open the matrix", FOR.teamOrLeads),
  component: function MatrixRoute() {
    return <MatrixPage search={matrixRoute.useSearch()} />;
  },
});

/** Strategies: the school's list, a new one, a strategy's story and its plan's edit (issue 6). */
export const strategiesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/my-school/strategies",
  beforeLoad: requireAbility("see a school's strategies", FOR.team),
  component: StrategiesPage,
});

export const newStrategyRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/my-school/strategies/new",
  beforeLoad: requireAbility("create strategies", schoolLeaders("planStrategy")),
  component: NewStrategyPage,
});

/** The school's strategies side by side on cost and effect (issue 12). */
export const costEffectivenessRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/my-school/strategies/cost-effectiveness",
  beforeLoad: requireAbility("compare a school's strategies on cost and effect", FOR.team),
  component: CostEffectivenessPage,
});

/** The pupil premium strategy statement (issue 17): read by leaders and teachers, edited by leaders. */
export const ppStatementRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/my-school/pupil-premium-statement",
  beforeLoad: requireAbility("read the pupil premium statement", {
    who: "the school's leaders and teachers",
    may: (me) => me.schools.some((s) => s.abilities.readPupilPremiumStatement),
  }),
  component: PpStatementPage,
});

export const strategyRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/my-school/strategies/$strategyId",
  beforeLoad: (match) => {
    requireAbility("see a school's strategies", FOR.team)(match);
    requireIds("strategyId")(match);
  },
  component: function StrategyRoute() {
    const { strategyId } = strategyRoute.useParams();
    return <StrategyPage key={strategyId} strategyId={strategyId} />;
  },
});

export const editStrategyRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/my-school/strategies/$strategyId/edit",
  beforeLoad: (match) => {
    requireAbility("edit a strategy's plan", schoolLeaders("planStrategy"))(match);
    requireIds("strategyId")(match);
  },
  component: function EditStrategyRoute() {
    const { strategyId } = editStrategyRoute.useParams();
    return <EditStrategyPage key={strategyId} strategyId={strategyId} />;
  },
});

const SchoolRetentionPage = lazyRouteComponent(
  () => import("../../features/retention/school-retention-page.tsx"),
  "SchoolRetentionPage",
);

export const schoolRetentionRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/my-school/retention",
  beforeLoad: requireAbility(
    "see the school's retention schedule",
    schoolLeaders("readRetentionSchedule"),
  ),
  component: SchoolRetentionPage,
});

/** The school's impact report for a programme year (issue 17). */
export const impactReportRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/my-school/impact-report",
  beforeLoad: requireAbility(
    "read a school's impact report",
    atSchool("readImpactReport", "the school's leaders and teachers"),
  ),
  component: SchoolImpactPage,
});

export const accessHistoryRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/my-school/access-history",
  beforeLoad: requireAbility(
    "see the access history of the school's pupils",
    schoolLeaders("readAccessHistory"),
  ),
  component: AccessHistoryPage,
});

/** A school's pages: its pupils, data, gap, cohort, matrix and strategies. */
export const mySchoolRoutes = [
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
  ppStatementRoute,
  strategyRoute,
  editStrategyRoute,
  impactReportRoute,
  accessHistoryRoute,
  schoolRetentionRoute,
] as const;
