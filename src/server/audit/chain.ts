import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema.ts";

export type BrokenLinkReason =
  /** A row (or rows) before this one is missing: the chain skips positions. */
  | "missing_before"
  /** The row no longer matches the hash written with it. */
  | "altered"
  /** The row does not point at the hash of the row before it. */
  | "relinked"
  /** The last rows are gone: the chain head records a later row than the table holds. */
  | "missing_at_end";

export interface ChainCheck {
  ok: boolean;
  /** Rows checked. */
  checked: number;
  /** The first place the chain breaks, in chain order. */
  firstBroken: {
    reason: BrokenLinkReason;
    /** The position in the chain at which it breaks (the row's own, or the one expected). */
    seq: number;
    /** The audit row found there, if there is one. */
    id: number | null;
  } | null;
}

const PAGE = 2000;

/**
 * Walks the audit chain from its start (or from the anchor retention left when it
 * pruned the oldest rows) and reports the first broken link. Each
 * row's hash is recomputed by the database's own `audit_event_digest`, the
 * function the chaining trigger used, so both read the row the same way.
 */
export async function verifyAuditChain(db: Kysely<DB>): Promise<ChainCheck> {
  // Once retention has pruned the oldest rows, the kept chain starts at the anchor:
  // the first kept position and the hash its row must point at.
  const anchor = await db
    .selectFrom("audit_chain_anchor")
    .select(["first_seq", "prev_hash"])
    .executeTakeFirst();
  let expectedSeq = anchor ? Number(anchor.first_seq) : 1;
  let previousHash = anchor ? anchor.prev_hash : "";
  let checked = 0;
  for (;;) {
    const rows = await sql<{
      id: string | number;
      chain_seq: string | number;
      prev_hash: string;
      hash: string;
      recomputed: string;
    }>`
      select id, chain_seq, prev_hash, hash,
        audit_event_digest(prev_hash, chain_seq, id, occurred_at, actor_user_id, action,
          target_type, target_id, ip, user_agent, details) as recomputed
      from audit_events
      where chain_seq >= ${expectedSeq}
      order by chain_seq
      limit ${PAGE}
    `.execute(db);
    for (const row of rows.rows) {
      const seq = Number(row.chain_seq);
      const id = Number(row.id);
      const broken = (reason: BrokenLinkReason): ChainCheck => ({
        ok: false,
        checked,
        firstBroken: { reason, seq, id },
      });
      if (seq !== expectedSeq) return broken("missing_before");
      if (row.prev_hash !== previousHash) return broken("relinked");
      if (row.recomputed !== row.hash) return broken("altered");
      checked += 1;
      expectedSeq = seq + 1;
      previousHash = row.hash;
    }
    if (rows.rows.length < PAGE) break;
  }
  const head = await db
    .selectFrom("audit_chain_head")
    .select(["last_seq", "last_hash"])
    .executeTakeFirst();
  if (head && (Number(head.last_seq) !== expectedSeq - 1 || head.last_hash !== previousHash)) {
    return {
      ok: false,
      checked,
      firstBroken: { reason: "missing_at_end", seq: expectedSeq, id: null },
    };
  }
  return { ok: true, checked, firstBroken: null };
}

/** The check in words, for the command line and the admin page alike. */
export function describeChainCheck(check: ChainCheck): string {
  if (check.ok) return `The audit log is intact: ${check.checked} rows, every link checked.`;
  const broken = check.firstBroken;
  if (!broken) return "The audit log could not be checked.";
  const at = `at position ${broken.seq}${broken.id === null ? "" : ` (audit row ${broken.id})`}`;
  const what: Record<BrokenLinkReason, string> = {
    missing_before: `rows are missing just before position ${broken.seq}; the chain jumps ${at}`,
    altered: `a row has been changed since it was written, ${at}`,
    relinked: `a row does not follow the one before it, ${at}`,
    missing_at_end: `rows are missing from the end of the log, from position ${broken.seq}`,
  };
  return `The audit log is broken: ${what[broken.reason]}. ${check.checked} rows before it are intact.`;
}
