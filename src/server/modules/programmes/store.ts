import type { Kysely } from "kysely";
import type { Programme } from "../../../contracts/network.ts";
import { inIds } from "../../../db/in-ids.ts";
import type { DB } from "../../../db/schema.ts";
import { Conflict, ValidationProblem } from "../../errors.ts";

export interface ProgrammeDefinition {
  name: string;
  description: string;
  templateKey: string | null;
  themes: Array<{ key: string; name: string; description: string }>;
  workshops: Array<{
    position: number;
    month: number;
    title: string;
    focus: string;
    themeKey: string | null;
  }>;
}

/** Stores a programme with its themes and workshop plan; templates and custom programmes alike. */
export async function insertProgramme(
  trx: Kysely<DB>,
  def: ProgrammeDefinition,
  now: Date,
): Promise<string> {
  const programme = await trx
    .insertInto("programmes")
    .values({
      name: def.name,
      description: def.description,
      template_key: def.templateKey,
      created_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const themeIds = new Map<string, string>();
  for (const [i, theme] of def.themes.entries()) {
    const row = await trx
      .insertInto("programme_themes")
      .values({
        programme_id: programme.id,
        position: i + 1,
        key: theme.key,
        name: theme.name,
        description: theme.description,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    themeIds.set(theme.key, row.id);
  }
  for (const workshop of def.workshops) {
    await trx
      .insertInto("programme_workshops")
      .values({
        programme_id: programme.id,
        position: workshop.position,
        month: workshop.month,
        title: workshop.title,
        focus: workshop.focus,
        theme_id: workshop.themeKey ? (themeIds.get(workshop.themeKey) ?? null) : null,
      })
      .execute();
  }
  return programme.id;
}

export async function loadProgrammes(db: Kysely<DB>, ids?: string[]): Promise<Programme[]> {
  const programmes = await db
    .selectFrom("programmes")
    .select(["id", "name", "description", "template_key"])
    .$if(ids !== undefined, (q) => q.where("id", "in", inIds(ids ?? [])))
    .orderBy("name")
    .execute();
  if (programmes.length === 0) return [];
  const programmeIds = programmes.map((p) => p.id);
  const [themes, workshops, years] = await Promise.all([
    db
      .selectFrom("programme_themes")
      .selectAll()
      .where("programme_id", "in", programmeIds)
      .orderBy("position")
      .execute(),
    db
      .selectFrom("programme_workshops")
      .selectAll()
      .where("programme_id", "in", programmeIds)
      .orderBy("position")
      .execute(),
    db
      .selectFrom("programme_years")
      .select(["id", "programme_id", "academic_year"])
      .where("programme_id", "in", programmeIds)
      .orderBy("academic_year", "desc")
      .execute(),
  ]);
  return programmes.map((p) => ({
    id: p.id,
    name: p.name,
    description: p.description,
    templateKey: p.template_key,
    themes: themes
      .filter((t) => t.programme_id === p.id)
      .map((t) => ({ id: t.id, key: t.key, name: t.name, description: t.description })),
    workshops: workshops
      .filter((w) => w.programme_id === p.id)
      .map((w) => ({
        id: w.id,
        position: w.position,
        month: w.month,
        title: w.title,
        focus: w.focus,
        themeId: w.theme_id,
      })),
    years: years
      .filter((y) => y.programme_id === p.id)
      .map((y) => ({ id: y.id, academicYear: y.academic_year })),
  }));
}

export const programmeYearQuery = (db: Kysely<DB>) =>
  db
    .selectFrom("programme_years")
    .innerJoin("programmes", "programmes.id", "programme_years.programme_id")
    .select((eb) => [
      "programme_years.id",
      "programme_years.programme_id",
      "programmes.name as programme_name",
      "programme_years.academic_year",
      "programme_years.starts_on",
      "programme_years.ends_on",
      eb
        .selectFrom("clusters")
        .select((c) => c.fn.countAll<number>().as("n"))
        .whereRef("clusters.programme_year_id", "=", "programme_years.id")
        .as("cluster_count"),
    ]);

export function presentProgrammeYear(
  row: Awaited<ReturnType<ReturnType<typeof programmeYearQuery>["executeTakeFirstOrThrow"]>>,
) {
  return {
    id: row.id,
    programmeId: row.programme_id,
    programmeName: row.programme_name,
    academicYear: row.academic_year,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    clusterCount: Number(row.cluster_count ?? 0),
  };
}

/** Creates a programme whose name (whatever its case) is not taken yet. */
export async function createProgramme(
  trx: Kysely<DB>,
  def: ProgrammeDefinition,
  now: Date,
): Promise<string> {
  const clash = await trx
    .selectFrom("programmes")
    .select("id")
    .where((eb) => eb(eb.fn("lower", ["name"]), "=", def.name.toLowerCase()))
    .executeTakeFirst();
  if (clash) {
    throw new Conflict(`A programme called ${def.name} already exists.`, {
      errors: [{ field: "name", message: "This programme already exists." }],
    });
  }
  return insertProgramme(trx, def, now);
}

export async function listProgrammeYears(db: Kysely<DB>) {
  return (
    await programmeYearQuery(db)
      .orderBy("programme_years.academic_year", "desc")
      .orderBy("programmes.name")
      .execute()
  ).map(presentProgrammeYear);
}

export async function programmeYearById(db: Kysely<DB>, id: string) {
  return presentProgrammeYear(
    await programmeYearQuery(db).where("programme_years.id", "=", id).executeTakeFirstOrThrow(),
  );
}

/** Opens an academic year of an existing programme, once. Returns the new year's id. */
export async function openProgrammeYear(
  trx: Kysely<DB>,
  now: Date,
  programmeId: string,
  year: { label: string; startsOn: string; endsOn: string },
): Promise<string> {
  const programme = await trx
    .selectFrom("programmes")
    .select("id")
    .where("id", "=", programmeId)
    .executeTakeFirst();
  if (!programme)
    throw new ValidationProblem("No such programme.", [
      { field: "programmeId", message: "Choose an existing programme." },
    ]);
  const clash = await trx
    .selectFrom("programme_years")
    .select("id")
    .where("programme_id", "=", programme.id)
    .where("academic_year", "=", year.label)
    .executeTakeFirst();
  if (clash) {
    throw new Conflict(`${year.label} is already open for this programme.`, {
      errors: [{ field: "academicYear", message: "This year is already open." }],
    });
  }
  const row = await trx
    .insertInto("programme_years")
    .values({
      programme_id: programme.id,
      academic_year: year.label,
      starts_on: year.startsOn,
      ends_on: year.endsOn,
      created_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}
