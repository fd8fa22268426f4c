import type { QueryClient } from "@tanstack/react-query";
import {
  createRootRouteWithContext,
  createRoute,
  lazyRouteComponent,
  Outlet,
  redirect,
} from "@tanstack/react-router";
import { z } from "zod";
import { secondFactorChallengeSchema } from "../../../contracts/mfa.ts";
import { SignInLinkPage } from "../../features/auth/sign-in-link-page.tsx";
import { SignInPage } from "../../features/auth/sign-in-page.tsx";
import { setupStatusQueryOptions } from "../../features/setup/api/setup.ts";
import { meQueryOptions } from "../get-me.ts";
import { AppLayout } from "../layout.tsx";
import { NotFoundPage } from "../not-found-page.tsx";
import { HomePage } from "../pages/home-page.tsx";
import { mfaStatusQueryOptions } from "../second-factor.ts";

const AcceptInvitationPage = lazyRouteComponent(
  () => import("../../features/invitations/accept-invitation-page.tsx"),
  "AcceptInvitationPage",
);

const SecondFactorPage = lazyRouteComponent(
  () => import("../../features/mfa/second-factor-page.tsx"),
  "SecondFactorPage",
);

const EnrolPage = lazyRouteComponent(
  () => import("../../features/mfa/enrol-page.tsx"),
  "EnrolPage",
);

const SecurityPage = lazyRouteComponent(
  () => import("../../features/mfa/security-page.tsx"),
  "SecurityPage",
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
  validateSearch: z.object({
    redirect: z.string().optional(),
    sso_error: z.string().max(40).optional(),
  }),
  beforeLoad: async ({ context }) => {
    if ((await context.queryClient.fetchQuery(setupStatusQueryOptions)).needed)
      throw redirect({ to: "/setup" });
    if (await context.queryClient.ensureQueryData(meQueryOptions)) throw redirect({ to: "/" });
  },
  component: function SignInRoute() {
    const { redirect: to, sso_error: ssoError } = signInRoute.useSearch();
    return <SignInPage redirectTo={to} ssoError={ssoError} />;
  },
});

export const signInLinkRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/sign-in/link",
  component: SignInLinkPage,
});

/** The second step of signing in; `mode=session` for a session begun without the factor. */
export const secondFactorRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/sign-in/second-factor",
  validateSearch: z.object({
    redirect: z.string().optional(),
    mode: z.enum(["session"]).optional(),
    /** After the password: the factors the server said the person has. */
    methods: secondFactorChallengeSchema.shape.methods.optional().catch(undefined),
  }),
  component: function SecondFactorRoute() {
    const { redirect: to, mode, methods } = secondFactorRoute.useSearch();
    return <SecondFactorPage mode={mode ?? "sign-in"} redirectTo={to} methods={methods} />;
  },
});

/** Setting up an authenticator app: outside the layout, so someone who must enrol sees nothing else. */
export const enrolRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/second-factor/setup",
  beforeLoad: async ({ context }) => {
    if (!(await context.queryClient.ensureQueryData(meQueryOptions)))
      throw redirect({ to: "/sign-in" });
  },
  component: EnrolPage,
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
    // The network may require a second factor first; a session may still owe its factor.
    const mfa = await context.queryClient.fetchQuery(mfaStatusQueryOptions);
    if (mfa.standing === "enrolment-required") throw redirect({ to: "/second-factor/setup" });
    if (mfa.standing === "second-factor-required")
      throw redirect({ to: "/sign-in/second-factor", search: { mode: "session" } });
    return { me };
  },
  component: AppLayout,
  notFoundComponent: () => <NotFoundPage inLayout />,
});

export const securityRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/security",
  component: SecurityPage,
});

export const homeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/",
  component: HomePage,
});
