import { type Kysely, sql } from "kysely";
import type { DB } from "../../src/db/schema.ts";

/** Every text form of every column of every table that holds one of `needles`, as "table.column holds needle". */
export async function tablesHolding(db: Kysely<DB>, needles: string[]): Promise<string[]> {
  const columns = await sql<{ table_name: string; column_name: string }>`
    select c.table_name, c.column_name from information_schema.columns c
    join information_schema.tables t on t.table_name = c.table_name and t.table_schema = c.table_schema
    where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
      and c.data_type in ('text', 'character varying', 'json', 'jsonb', 'date', 'uuid', 'ARRAY')
  `.execute(db);
  const found: string[] = [];
  for (const { table_name, column_name } of columns.rows) {
    for (const needle of needles) {
      const hit = await sql<{ n: number }>`
        select count(*)::int as n from ${sql.table(table_name)}
        where ${sql.ref(column_name)}::text ilike ${`%${needle}%`}`.execute(db);
      if (Number(hit.rows[0]?.n) > 0) found.push(`${table_name}.${column_name} holds ${needle}`);
    }
  }
  return found;
}
