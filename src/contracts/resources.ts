import { z } from "zod";
import { RESOURCE_AUDIENCES, RESOURCE_KINDS } from "../domain/resources.ts";

/** The resource library (issue 16): files and links, reading lists and a school's shelf. */

const text = (max: number) => z.string().trim().max(max);

const webAddress = z
  .url({ protocol: /^https?$/, error: "Use a web address starting https:// (or http://)." })
  .max(1000, "Keep the web address under 1,000 characters.");

/** What a resource says about itself, whether it is a file, a link or a workshop's material. */
const detailsShape = {
  title: text(200)
    .min(1, "Give the resource a title.")
    .max(200, "Keep the title under 200 characters."),
  summary: text(5000).max(5000, "Keep the summary under 5,000 characters.").optional(),
  kind: z.enum(RESOURCE_KINDS, {
    error:
      "Choose what kind of resource this is: planning tool, data-tracking tool, reading, research summary or template.",
  }),
  themeIds: z.array(z.uuid("Choose a theme from the list.")).max(20).optional(),
  audience: z
    .array(z.enum(RESOURCE_AUDIENCES, { error: "Choose who the resource is for from the list." }))
    .max(RESOURCE_AUDIENCES.length)
    .optional(),
  workshopId: z.uuid("Choose a workshop from the list.").nullish(),
};

/** The fields sent with a file (multipart field `details`, as JSON). */
export const resourceDetailsSchema = z.strictObject(detailsShape);
export type ResourceDetails = z.infer<typeof resourceDetailsSchema>;

/** A link: its details and its web address. */
export const resourceLinkSchema = z.strictObject({ ...detailsShape, url: webAddress });
export type ResourceLinkInput = z.infer<typeof resourceLinkSchema>;

/** A change to a resource: any of its details, and a link's address. */
export const resourceUpdateSchema = z.strictObject({
  title: detailsShape.title.optional(),
  summary: detailsShape.summary,
  kind: detailsShape.kind.optional(),
  themeIds: detailsShape.themeIds,
  audience: detailsShape.audience,
  workshopId: detailsShape.workshopId,
  url: webAddress.optional(),
});
export type ResourceUpdate = z.infer<typeof resourceUpdateSchema>;

/** Putting a workshop's material in the library: its title comes from the material. */
export const materialToLibrarySchema = z.strictObject({
  title: detailsShape.title.optional(),
  summary: detailsShape.summary,
  kind: detailsShape.kind,
  themeIds: detailsShape.themeIds,
  audience: detailsShape.audience,
});

export const resourceSearchSchema = z.strictObject({
  q: text(200).optional(),
  kind: z.enum(RESOURCE_KINDS).optional(),
  theme: z.uuid().optional(),
  audience: z.enum(RESOURCE_AUDIENCES).optional(),
  workshop: z.uuid().optional(),
});
export type ResourceSearch = z.infer<typeof resourceSearchSchema>;

export const resourceSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  summary: z.string(),
  kind: z.enum(RESOURCE_KINDS),
  /** A link's address; null for a file. */
  url: z.string().nullable(),
  /** A file's name, size and type; null for a link. */
  fileName: z.string().nullable(),
  sizeBytes: z.number().int().nullable(),
  themes: z.array(z.object({ id: z.uuid(), name: z.string() })),
  audience: z.array(z.enum(RESOURCE_AUDIENCES)),
  workshop: z.object({ id: z.uuid(), title: z.string() }).nullable(),
  /** Set when the resource is a workshop's material put in the library. */
  workshopMaterialId: z.uuid().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  archivedAt: z.string().nullable(),
  /** The viewer's schools that have it on their shelf. */
  onShelfOf: z.array(z.uuid()),
  /** Whether the viewer may edit and archive it. */
  canChange: z.boolean(),
});
export type Resource = z.infer<typeof resourceSchema>;

export const resourceListSchema = z.object({ resources: z.array(resourceSchema) });
export type ResourceList = z.infer<typeof resourceListSchema>;

/** What the library's filters and the add form choose from. */
export const resourceChoicesSchema = z.object({
  themes: z.array(z.object({ id: z.uuid(), name: z.string(), programme: z.string() })),
  /** Workshops that have resources in the library (the filter). */
  workshops: z.array(z.object({ id: z.uuid(), title: z.string() })),
  /** Workshops the viewer may attach a resource to (the form). */
  attachableWorkshops: z.array(z.object({ id: z.uuid(), title: z.string() })),
});
export type ResourceChoices = z.infer<typeof resourceChoicesSchema>;

export const readingListInputSchema = z.strictObject({
  title: text(200)
    .min(1, "Give the reading list a title.")
    .max(200, "Keep the title under 200 characters."),
  summary: text(5000).max(5000, "Keep the summary under 5,000 characters.").optional(),
});

export const readingListUpdateSchema = readingListInputSchema.partial();

/** The whole list in its new order, each with its note: adds, removes, reorders and notes at once. */
export const readingListItemsSchema = z.strictObject({
  items: z
    .array(
      z.strictObject({
        resourceId: z.uuid(),
        note: text(2000).max(2000, "Keep each note under 2,000 characters.").optional(),
      }),
    )
    .max(200, "A reading list holds up to 200 resources."),
});
export type ReadingListItemsInput = z.infer<typeof readingListItemsSchema>;

export const readingListSummarySchema = z.object({
  id: z.uuid(),
  title: z.string(),
  summary: z.string(),
  items: z.number().int(),
  updatedAt: z.string(),
});

export const readingListsSchema = z.object({
  readingLists: z.array(readingListSummarySchema),
});
export type ReadingLists = z.infer<typeof readingListsSchema>;

export const readingListSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  summary: z.string(),
  items: z.array(z.object({ note: z.string(), resource: resourceSchema })),
  updatedAt: z.string(),
  canChange: z.boolean(),
});
export type ReadingList = z.infer<typeof readingListSchema>;

export const shelfSchema = z.object({
  schoolId: z.uuid(),
  items: z.array(
    z.object({ savedAt: z.string(), savedBy: z.string().nullable(), resource: resourceSchema }),
  ),
});
export type Shelf = z.infer<typeof shelfSchema>;
