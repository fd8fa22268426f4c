import { makeUser } from "../support/factories.ts";
import { firstOf } from "./pupil-data-cases.ts";
import type { RouteCase } from "./route-cases.ts";
import { scoped } from "./route-cases.ts";

/*
 * Subject access, the rectification history and erasure. Erasing a pupil is
 * asked with a name that is not the pupil's, so the world keeps its pupils (the
 * erasure itself is in src/server/modules/data-rights/data-rights.test.ts);
 * erasing staff is asked of a fresh account made for the case.
 */
export const dataRightsCases: Record<string, RouteCase> = {
  "GET /api/pupils/:id/history": async (world, actor, target) => ({
    url: `/api/pupils/${(await firstOf(world, scoped(actor, target).school)).pupil.id}/history`,
  }),
  "GET /api/pupils/:id/subject-access": async (world, actor, target) => ({
    url: `/api/pupils/${(await firstOf(world, scoped(actor, target).school)).pupil.id}/subject-access`,
  }),
  "GET /api/pupils/:id/subject-access/document": async (world, actor, target) => ({
    url: `/api/pupils/${(await firstOf(world, scoped(actor, target).school)).pupil.id}/subject-access/document`,
  }),
  "POST /api/pupils/:id/erase": async (world, actor, target) => ({
    url: `/api/pupils/${(await firstOf(world, scoped(actor, target).school)).pupil.id}/erase`,
    body: { confirmName: "Not The Pupil" },
  }),
  "GET /api/me/data": async () => ({ url: "/api/me/data" }),
  "GET /api/me/data/document": async () => ({ url: "/api/me/data/document" }),
  "POST /api/users/:id/erase": async (world) => {
    const user = await makeUser(world.t, { role: null });
    return { url: `/api/users/${user.id}/erase`, body: { confirmEmail: user.email } };
  },
};
