import { z } from "zod";
import { membershipSchema } from "./roles.ts";

export const userSummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  createdAt: z.iso.datetime(),
  disabledAt: z.iso.datetime().nullable(),
  memberships: z.array(membershipSchema),
});
export type UserSummary = z.infer<typeof userSummarySchema>;

/** A page of the people list. No search term here: names and emails stay out of URLs. */
export const listUsersQuerySchema = z.strictObject({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** The same page with a search term (part of a name or email), sent in a request body. */
export const searchUsersSchema = listUsersQuerySchema.extend({
  search: z.string().trim().max(100).optional(),
});

export const userListSchema = z.object({
  items: z.array(userSummarySchema),
  total: z.number().int(),
});
