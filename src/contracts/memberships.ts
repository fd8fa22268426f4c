import { z } from "zod";
import { roleSchema } from "./roles.ts";

/** A school role granted at an administrator's hand, waiting for a second person's approval. */
export const pendingMembershipSchema = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  userName: z.string(),
  userEmail: z.string(),
  role: roleSchema,
  schoolId: z.uuid(),
  schoolName: z.string(),
  grantedByName: z.string().nullable(),
  createdAt: z.string(),
  /** False for the person who granted it and the person it is for. */
  canDecide: z.boolean(),
});
export type PendingMembership = z.infer<typeof pendingMembershipSchema>;

export const pendingMembershipListSchema = z.object({
  items: z.array(pendingMembershipSchema),
});
export type PendingMembershipList = z.infer<typeof pendingMembershipListSchema>;
