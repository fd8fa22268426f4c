import { type Kysely, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: backups work on whatever schema the database holds
type AnyDb = Kysely<any>;

/** Blocks read per query while dumping a table: about 1 MB of rows in memory at a time. */
const BLOCKS_PER_READ = 128;

/** Every table in the public schema, parents before the tables that refer to them. */
export async function tablesInForeignKeyOrder(db: AnyDb): Promise<string[]> {
  const tables = await sql<{ name: string }>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p') order by c.relname`.execute(db);
  const edges = await sql<{ child: string; parent: string }>`
    select ch.relname as child, pa.relname as parent
    from pg_constraint k
    join pg_class ch on ch.oid = k.conrelid
    join pg_class pa on pa.oid = k.confrelid
    join pg_namespace n on n.oid = ch.relnamespace
    where k.contype = 'f' and n.nspname = 'public' and ch.oid <> pa.oid`.execute(db);
  const parents = new Map<string, Set<string>>(tables.rows.map((t) => [t.name, new Set()]));
  for (const { child, parent } of edges.rows) parents.get(child)?.add(parent);
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (placed.size < parents.size) {
    const ready = [...parents.keys()].filter(
      (t) => !placed.has(t) && [...(parents.get(t) ?? [])].every((p) => placed.has(p)),
    );
    // A cycle of foreign keys (none today) would be placed in name order.
    const next = ready.length
      ? ready
      : [...parents.keys()].filter((t) => !placed.has(t)).slice(0, 1);
    for (const t of next) {
      placed.add(t);
      ordered.push(t);
    }
  }
  return ordered;
}

export async function countRows(db: AnyDb, table: string): Promise<number> {
  const row = await sql<{
    n: number | string;
  }>`select count(*) as n from ${sql.table(table)}`.execute(db);
  return Number(row.rows[0]?.n ?? 0);
}

export async function publicSequences(
  db: AnyDb,
): Promise<{ name: string; lastValue: number | null }[]> {
  const rows = await sql<{ name: string; last_value: string | number | null }>`
    select sequencename as name, last_value from pg_sequences
    where schemaname = 'public' order by sequencename`.execute(db);
  return rows.rows.map((r) => ({
    name: r.name,
    lastValue: r.last_value === null ? null : Number(r.last_value),
  }));
}

export async function setSequence(db: AnyDb, name: string, lastValue: number): Promise<void> {
  await sql`select setval(${`public.${quoteIdent(name)}`}::regclass, ${lastValue}, true)`.execute(
    db,
  );
}

/**
 * A table's rows as row_to_json text, a block range at a time (a TID range scan),
 * so memory stays bounded and no primary key is needed. Within one REPEATABLE READ
 * transaction every visible row lies below the size read here.
 */
export async function* tableRowsAsJson(db: AnyDb, table: string): AsyncGenerator<string> {
  const size = await sql<{ blocks: number | string }>`
    select pg_relation_size(${`public.${quoteIdent(table)}`}::regclass)
      / current_setting('block_size')::int as blocks`.execute(db);
  const blocks = Number(size.rows[0]?.blocks ?? 0);
  for (let start = 0; start < blocks; start += BLOCKS_PER_READ) {
    const rows = await sql<{ j: string }>`
      select row_to_json(t)::text as j from ${sql.table(table)} t
      where t.ctid >= ${`(${start},0)`}::tid and t.ctid < ${`(${start + BLOCKS_PER_READ},0)`}::tid
      order by t.ctid`.execute(db);
    for (const row of rows.rows) yield row.j;
  }
}

/** The columns a restore writes: all but generated ones. */
export async function insertableColumns(db: AnyDb, table: string): Promise<string[]> {
  const rows = await sql<{ name: string }>`
    select attname as name from pg_attribute
    where attrelid = ${`public.${quoteIdent(table)}`}::regclass and attnum > 0
      and not attisdropped and attgenerated = ''
    order by attnum`.execute(db);
  return rows.rows.map((r) => r.name);
}

/** Inserts rows given as row_to_json text; PostgreSQL turns each field back into its column's type. */
export async function insertJsonRows(
  db: AnyDb,
  table: string,
  columns: string[],
  rowsJson: string[],
): Promise<void> {
  const cols = sql.join(columns.map((c) => sql.id(c)));
  await sql`
    insert into ${sql.table(table)} (${cols}) overriding system value
    select ${cols} from json_populate_recordset(null::${sql.table(table)}, ${`[${rowsJson.join(",")}]`}::json)`.execute(
    db,
  );
}

export async function tableExists(db: AnyDb, table: string): Promise<boolean> {
  const row = await sql<{
    r: string | null;
  }>`select to_regclass(${`public.${quoteIdent(table)}`}) as r`.execute(db);
  return row.rows[0]?.r != null;
}

export async function latestMigration(db: AnyDb): Promise<string | null> {
  if (!(await tableExists(db, "kysely_migration"))) return null;
  const row = await sql<{ name: string }>`
    select name from kysely_migration order by name desc limit 1`.execute(db);
  return row.rows[0]?.name ?? null;
}

export async function setUserTriggers(db: AnyDb, table: string, enabled: boolean): Promise<void> {
  await (enabled
    ? sql`alter table ${sql.table(table)} enable trigger user`
    : sql`alter table ${sql.table(table)} disable trigger user`
  ).execute(db);
}

export async function truncateTables(db: AnyDb, tables: string[]): Promise<void> {
  if (tables.length === 0) return;
  await sql`truncate ${sql.join(tables.map((t) => sql.table(t)))}`.execute(db);
}

/** Empties the public schema: every table, function and trigger the migrations made. */
export async function dropPublicSchema(db: AnyDb): Promise<void> {
  await sql`drop schema if exists public cascade`.execute(db);
  await sql`create schema public`.execute(db);
  await sql`grant usage on schema public to public`.execute(db);
}

export async function rawSql(db: AnyDb, statement: "begin" | "commit" | "rollback"): Promise<void> {
  await sql.raw(statement).execute(db);
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
