import { createRoute, lazyRouteComponent } from "@tanstack/react-router";
import { z } from "zod";
import { ACTION_FILTERS } from "../../features/actions/action-filters.ts";
import { FOR, requireAbility, requireIds } from "../page-access.ts";
import { appRoute } from "./root.tsx";

// Each page is its own chunk, fetched when its route loads (or on hover, with
// defaultPreload), so the first page carries only the shell, sign-in and home.
const ActionsPage = lazyRouteComponent(
  () => import("../../features/actions/actions-page.tsx"),
  "ActionsPage",
);

const CalendarPage = lazyRouteComponent(
  () => import("../../features/calendar/calendar-page.tsx"),
  "CalendarPage",
);

const SettingsPage = lazyRouteComponent(
  () => import("../../features/settings/settings-page.tsx"),
  "SettingsPage",
);

const VisitPage = lazyRouteComponent(
  () => import("../../features/visits/visit-page.tsx"),
  "VisitPage",
);

const TeamYearPage = lazyRouteComponent(
  () => import("../pages/team-year-page.tsx"),
  "TeamYearPage",
);

const WorkshopPage = lazyRouteComponent(
  () => import("../../features/workshops/workshop-page.tsx"),
  "WorkshopPage",
);

/** The programme year as a timeline, for everyone signed in (each sees their own). */
export const calendarRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/calendar",
  component: CalendarPage,
});

export const settingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/settings",
  component: SettingsPage,
});

/** A workshop: the cluster's lead manages it; the cluster's school staff read it. */
export const workshopRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/workshops/$workshopId",
  beforeLoad: (match) => requireIds("workshopId")(match),
  component: function WorkshopRoute() {
    const { workshopId } = workshopRoute.useParams();
    return <WorkshopPage key={workshopId} workshopId={workshopId} />;
  },
});

/** A school visit: the cluster's lead records it; the school's leaders respond. */
export const visitRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/visits/$visitId",
  beforeLoad: (match) => {
    requireAbility("open a school visit", FOR.teamOrLeads)(match);
    requireIds("visitId")(match);
  },
  component: function VisitRoute() {
    const { visitId } = visitRoute.useParams();
    return <VisitPage key={visitId} visitId={visitId} />;
  },
});

export const actionsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/my-school/actions",
  validateSearch: z.object({
    status: z.enum(ACTION_FILTERS).optional().catch(undefined),
    taskId: z.string().max(40).optional().catch(undefined),
  }),
  beforeLoad: requireAbility("see a school's actions", FOR.team),
  component: function ActionsRoute() {
    const { status, taskId } = actionsRoute.useSearch();
    return <ActionsPage filter={status ?? "all"} taskId={taskId} />;
  },
});

export const teamYearRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/my-school/year",
  beforeLoad: requireAbility("see a school's programme year", FOR.team),
  component: TeamYearPage,
});

/** The programme year: calendar, workshops, visits, actions and settings. */
export const programmeYearRoutes = [
  calendarRoute,
  settingsRoute,
  workshopRoute,
  visitRoute,
  actionsRoute,
  teamYearRoute,
] as const;
