import type { QueryClient } from "@tanstack/react-query";
import { createRouter } from "@tanstack/react-router";
import { PageLoading } from "./page-loading.tsx";
import { RouteErrorPage } from "./route-error-page.tsx";
import {
  accountRoutes,
  forgotPasswordRoute,
  resetPasswordRoute,
  unsubscribeRoute,
} from "./routes/account.tsx";
import { mySchoolRoutes } from "./routes/my-school.tsx";
import { networkRoutes } from "./routes/network.tsx";
import { programmeYearRoutes } from "./routes/programme-year.tsx";
import { resourceRoutes } from "./routes/resources.tsx";
import {
  appRoute,
  enrolRoute,
  homeRoute,
  invitationRoute,
  rootRoute,
  secondFactorRoute,
  securityRoute,
  setupRoute,
  signInLinkRoute,
  signInRoute,
} from "./routes/root.tsx";

const routeTree = rootRoute.addChildren([
  signInRoute,
  setupRoute,
  invitationRoute,
  signInLinkRoute,
  forgotPasswordRoute,
  resetPasswordRoute,
  unsubscribeRoute,
  secondFactorRoute,
  enrolRoute,
  appRoute.addChildren([
    homeRoute,
    securityRoute,
    ...networkRoutes,
    ...mySchoolRoutes,
    ...programmeYearRoutes,
    ...resourceRoutes,
    ...accountRoutes,
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
