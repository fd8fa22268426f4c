import { createRoute, lazyRouteComponent } from "@tanstack/react-router";
import { appRoute, rootRoute } from "./root.tsx";

const ForgotPasswordPage = lazyRouteComponent(
  () => import("../../features/password-reset/forgot-password-page.tsx"),
  "ForgotPasswordPage",
);
const ResetPasswordPage = lazyRouteComponent(
  () => import("../../features/password-reset/reset-password-page.tsx"),
  "ResetPasswordPage",
);
const UnsubscribePage = lazyRouteComponent(
  () => import("../../features/newsletters/unsubscribe-page.tsx"),
  "UnsubscribePage",
);
const ChangePasswordPage = lazyRouteComponent(
  () => import("../../features/password-reset/change-password-page.tsx"),
  "ChangePasswordPage",
);
const MySessionsPage = lazyRouteComponent(
  () => import("../../features/my-sessions/my-sessions-page.tsx"),
  "MySessionsPage",
);

/** Asking for a reset link: open to anyone (the answer is the same whatever the email). */
export const forgotPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/forgot-password",
  component: ForgotPasswordPage,
});

/** Choosing a new password with the emailed link (its token in the fragment). */
export const resetPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/reset-password",
  component: ResetPasswordPage,
});

/** Unsubscribing from the newsletter by an issue's link (its token in the fragment): open to anyone. */
export const unsubscribeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/newsletters/unsubscribe",
  component: UnsubscribePage,
});

/** One's own sessions and password: anyone signed in. */
export const accountRoutes = [
  createRoute({
    getParentRoute: () => appRoute,
    path: "/account/sessions",
    component: MySessionsPage,
  }),
  createRoute({
    getParentRoute: () => appRoute,
    path: "/account/password",
    component: ChangePasswordPage,
  }),
];
