import { setNationalLink } from "../../src/server/modules/national/store.ts";
import type { AccessWorld } from "../support/world.ts";
import type { RouteCase } from "./route-cases.ts";

const mapped = new WeakSet<AccessWorld>();

/**
 * Maps every primary school's reading measure to the national KS2 measure
 * (once per world), so the dashboard and its downloads carry real figures
 * for the access matrix and the named-data scan to read.
 */
async function mapReadingToNational(world: AccessWorld): Promise<void> {
  if (mapped.has(world)) return;
  mapped.add(world);
  const db = world.t.deps.db;
  const measures = await db
    .selectFrom("measures")
    .select(["id", "school_id"])
    .where("key", "=", "reading-ta")
    .execute();
  for (const m of measures)
    await setNationalLink(db, world.t.clock.now(), {
      measureId: m.id,
      schoolId: m.school_id,
      key: "ks2-rwm-expected",
      mappedBy: world.admin.id,
    });
}

const aims =
  (url: string): RouteCase =>
  async (world) => {
    await mapReadingToNational(world);
    return { url };
  };

export const networkAimsCases: Record<string, RouteCase> = {
  "GET /api/network-aims": aims("/api/network-aims"),
  "GET /api/network-aims/export.csv": aims("/api/network-aims/export.csv"),
  "GET /api/network-aims/export.pdf": aims("/api/network-aims/export.pdf"),
};
