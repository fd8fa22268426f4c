import type { QueryClient } from "@tanstack/react-query";
import {
  createRootRouteWithContext,
  createRoute,
  lazyRouteComponent,
  Outlet,
  redirect,
} from "@tanstack/react-router";
import { z } from "zod";
import { SignInLinkPage } from "../../features/auth/sign-in-link-page.tsx";
import { SignInPage } from "../../features/auth/sign-in-page.tsx";
import { setupStatusQueryOptions } from "../../features/setup/api/setup.ts";
import { meQueryOptions } from "../get-me.ts";
import { AppLayout } from "../layout.tsx";
import { NotFoundPage } from "../not-found-page.tsx";
import { HomePage } from "../pages/home-page.tsx";

const AcceptInvitationPage = lazyRouteComponent(
  () => import("../../features/invitations/accept-invitation-page.tsx"),
  "AcceptInvitationPage",
);

const SetupPage = lazyRouteComponent(
  () => import("../../features/setup/setup-page.tsx"),
  "SetupPage",
);

export interface RouterContext {
  queryClient: QueryClient;
}

export const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: () => <NotFoundPage />,
});

export const signInRoute = createRoute({
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

export const signInLinkRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/sign-in/link",
  component: SignInLinkPage,
});

export const setupRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/setup",
  beforeLoad: async ({ context }) => {
    if (!(await context.queryClient.fetchQuery(setupStatusQueryOptions)).needed)
      throw redirect({ to: "/sign-in" });
  },
  component: SetupPage,
});

export const invitationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/invitation",
  component: AcceptInvitationPage,
});

/** Everything below needs a session; without one, the person is sent to sign in (or to set-up). */
export const appRoute = createRoute({
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

export const homeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/",
  component: HomePage,
});
