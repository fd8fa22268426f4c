import type { Kysely } from "kysely";
import type { Hub } from "../../../contracts/network.ts";
import type { DB } from "../../../db/schema.ts";
import { Conflict, NotFound } from "../../errors.ts";

const hubColumns = (db: Kysely<DB>) =>
  db.selectFrom("hubs").select((eb) => [
    "hubs.id",
    "hubs.name",
    "hubs.archived_at",
    eb
      .selectFrom("schools")
      .select((s) => s.fn.countAll<number>().as("n"))
      .whereRef("schools.hub_id", "=", "hubs.id")
      .where("schools.archived_at", "is", null)
      .as("school_count"),
  ]);

function present(row: {
  id: string;
  name: string;
  archived_at: Date | null;
  school_count: number | null;
}): Hub {
  return {
    id: row.id,
    name: row.name,
    archived: row.archived_at !== null,
    schoolCount: Number(row.school_count ?? 0),
  };
}

/** The network's hubs by name, each with its count of schools not archived. */
export async function listHubs(db: Kysely<DB>): Promise<Hub[]> {
  return (await hubColumns(db).orderBy("hubs.name").execute()).map(present);
}

export async function hubById(db: Kysely<DB>, id: string): Promise<Hub> {
  return present(await hubColumns(db).where("hubs.id", "=", id).executeTakeFirstOrThrow());
}

/** A hub's name is unique, whatever its case. */
async function assertNameFree(trx: Kysely<DB>, name: string, exceptId?: string): Promise<void> {
  const clash = await trx
    .selectFrom("hubs")
    .select("id")
    .where((eb) => eb(eb.fn("lower", ["name"]), "=", name.toLowerCase()))
    .$if(exceptId !== undefined, (q) => q.where("id", "!=", exceptId as string))
    .executeTakeFirst();
  if (clash)
    throw new Conflict(`A hub called ${name} already exists.`, {
      errors: [{ field: "name", message: "This name is taken." }],
    });
}

export async function insertHub(trx: Kysely<DB>, name: string, now: Date): Promise<string> {
  await assertNameFree(trx, name);
  const created = await trx
    .insertInto("hubs")
    .values({ name, created_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  return created.id;
}

/** Renames or archives a hub; 404 when it does not exist. */
export async function updateHub(
  trx: Kysely<DB>,
  id: string,
  { name, archived }: { name?: string | undefined; archived?: boolean | undefined },
  now: Date,
): Promise<void> {
  if (name) await assertNameFree(trx, name, id);
  const updated = await trx
    .updateTable("hubs")
    .set({
      ...(name ? { name } : {}),
      ...(archived === undefined ? {} : { archived_at: archived ? now : null }),
    })
    .where("id", "=", id)
    .returning("id")
    .executeTakeFirst();
  if (!updated) throw new NotFound("hub");
}
