import { sql } from "kysely";

/** Year groups in school order (Reception first, then 1 to 13), not as text ("10" before "2"). */
export const yearGroupOrder = sql<number>`case when year_group = 'R' then 0 else year_group::int end`;
