import { createRoute, lazyRouteComponent } from "@tanstack/react-router";
import { z } from "zod";
import { RESOURCE_AUDIENCES, RESOURCE_KINDS } from "../../../domain/resources.ts";
import { administrators, atSchool, requireAbility, requireIds } from "../page-access.ts";
import { appRoute } from "./root.tsx";

const LibraryPage = lazyRouteComponent(
  () => import("../../features/resources/library-page.tsx"),
  "LibraryPage",
);
const AddResourcePage = lazyRouteComponent(
  () => import("../../features/resources/add-resource-page.tsx"),
  "AddResourcePage",
);
const ResourcePage = lazyRouteComponent(
  () => import("../../features/resources/resource-page.tsx"),
  "ResourcePage",
);
const ReadingListsPage = lazyRouteComponent(
  () => import("../../features/resources/reading-lists-page.tsx"),
  "ReadingListsPage",
);
const ReadingListPage = lazyRouteComponent(
  () => import("../../features/resources/reading-list-page.tsx"),
  "ReadingListPage",
);
const ShelfPage = lazyRouteComponent(
  () => import("../../features/resources/shelf-page.tsx"),
  "ShelfPage",
);

/** The library, for everyone signed in: searched and filtered by what the address says. */
export const libraryRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/resources",
  validateSearch: z.object({
    q: z.string().max(200).optional().catch(undefined),
    kind: z.enum(RESOURCE_KINDS).optional().catch(undefined),
    theme: z.uuid().optional().catch(undefined),
    audience: z.enum(RESOURCE_AUDIENCES).optional().catch(undefined),
    workshop: z.uuid().optional().catch(undefined),
  }),
  component: function LibraryRoute() {
    return <LibraryPage search={libraryRoute.useSearch()} />;
  },
});

export const addResourceRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/resources/new",
  beforeLoad: requireAbility("add resources to the library", {
    ...administrators("manageResources"),
    who: "network administrators and programme leads",
  }),
  component: AddResourcePage,
});

export const resourceRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/resources/$resourceId",
  beforeLoad: (match) => requireIds("resourceId")(match),
  component: function ResourceRoute() {
    return <ResourcePage resourceId={resourceRoute.useParams().resourceId} />;
  },
});

export const readingListsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/reading-lists",
  component: ReadingListsPage,
});

export const readingListRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/reading-lists/$listId",
  beforeLoad: (match) => requireIds("listId")(match),
  component: function ReadingListRoute() {
    return <ReadingListPage listId={readingListRoute.useParams().listId} />;
  },
});

export const shelfRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/our-shelf",
  beforeLoad: requireAbility("keep a school's shelf", atSchool("keepShelf", "a school's staff")),
  component: ShelfPage,
});

/** The resource library: search, a resource, adding one, reading lists and a school's shelf. */
export const resourceRoutes = [
  libraryRoute,
  addResourceRoute,
  resourceRoute,
  readingListsRoute,
  readingListRoute,
  shelfRoute,
];
