import "@mantine/core/styles.css";
import "./styles.css";
import {
  type CSSVariablesResolver,
  createTheme,
  Drawer,
  FileInput,
  MantineProvider,
  Modal,
  Select,
} from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "@tanstack/react-router";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createAppRouter } from "./app/router.tsx";
import { ApiProblem } from "./lib/api-client.ts";

const theme = createTheme({
  primaryColor: "teal",
  // Shade 9 keeps white button text above WCAG AA contrast.
  primaryShade: { light: 9, dark: 6 },
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  defaultRadius: "md",
  // People who ask their system for less motion get no transitions.
  respectReducedMotion: true,
  components: {
    // Every dialog's close button gets a name screen readers can announce.
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { "aria-label": "Close" } } }),
    Drawer: Drawer.extend({ defaultProps: { closeButtonProps: { "aria-label": "Close" } } }),
    // Clear buttons of inputs are icons: give them a name too.
    Select: Select.extend({ defaultProps: { clearButtonProps: { "aria-label": "Clear" } } }),
    FileInput: FileInput.extend({ defaultProps: { clearButtonProps: { "aria-label": "Clear" } } }),
  },
});

const LIGHT_VARIANT_COLORS = [
  "teal",
  "red",
  "gray",
  "blue",
  "green",
  "orange",
  "yellow",
  "grape",
  "violet",
  "indigo",
  "cyan",
  "pink",
  "lime",
  "dark",
];

/**
 * Mantine's default "dimmed" and placeholder greys, its error red and its light-variant text (badges, alerts) sit
 * below WCAG AA contrast; darker shades pass.
 */
const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    "--mantine-color-dimmed": "var(--mantine-color-gray-7)",
    "--mantine-color-placeholder": "var(--mantine-color-gray-7)",
    "--mantine-color-error": "var(--mantine-color-red-9)",
    // Filled buttons already use shade 9; their hover must not get lighter than AA allows.
    "--mantine-color-teal-filled-hover": "#066649",
    "--mantine-color-red-filled-hover": "#a51d1d",
    ...Object.fromEntries(
      LIGHT_VARIANT_COLORS.flatMap((c) => [
        [`--mantine-color-${c}-light-color`, `var(--mantine-color-${c}-9)`],
        [`--mantine-color-${c}-light`, `var(--mantine-color-${c}-0)`],
        [`--mantine-color-${c}-light-hover`, `var(--mantine-color-${c}-1)`],
      ]),
    ),
  },
  dark: {},
});

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not change by asking again.
      retry: (count, error) =>
        !(error instanceof ApiProblem && error.status >= 400 && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

const router = createAppRouter(queryClient);

const root = document.getElementById("root");
if (!root) throw new Error("#root is missing from index.html");
createRoot(root).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
