import { type Kysely, sql } from "kysely";
import type { NewsletterItem, NewsletterProgress } from "../../../contracts/newsletters.ts";
import type { DB, NewsletterStatus } from "../../../db/schema.ts";

/** What the last sent issue reported of each strand's pooled evidence. */
export type EvidenceSnapshot = Record<
  string,
  { g: number | null; k: number; pupils: number; schools: number }
>;

export interface NewsletterRow {
  id: string;
  title: string;
  term_label: string;
  introduction: string;
  items: NewsletterItem[];
  status: NewsletterStatus;
  evidence_snapshot: EvidenceSnapshot | null;
  created_at: Date;
  sent_at: Date | null;
}

const COLUMNS = [
  "id",
  "title",
  "term_label",
  "introduction",
  "items",
  "status",
  "evidence_snapshot",
  "created_at",
  "sent_at",
] as const;

export async function insertNewsletter(
  trx: Kysely<DB>,
  now: Date,
  input: { title: string; termLabel: string; items: NewsletterItem[]; createdBy: string },
): Promise<NewsletterRow> {
  return (await trx
    .insertInto("newsletters")
    .values({
      title: input.title,
      term_label: input.termLabel,
      items: JSON.stringify(input.items),
      created_by: input.createdBy,
      created_at: now,
      updated_at: now,
    })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow()) as NewsletterRow;
}

export async function findNewsletter(
  db: Kysely<DB>,
  id: string,
  options: { sentOnly?: boolean } = {},
): Promise<NewsletterRow | undefined> {
  let query = db.selectFrom("newsletters").select(COLUMNS).where("id", "=", id);
  if (options.sentOnly) query = query.where("status", "=", "sent");
  return (await query.executeTakeFirst()) as NewsletterRow | undefined;
}

/** Every issue, newest first; only the sent ones for a back-issue reader. */
export async function listNewsletters(
  db: Kysely<DB>,
  options: { sentOnly?: boolean } = {},
): Promise<NewsletterRow[]> {
  let query = db
    .selectFrom("newsletters")
    .select(COLUMNS)
    .orderBy(sql`coalesce(sent_at, created_at)`, "desc")
    .orderBy("id");
  if (options.sentOnly) query = query.where("status", "=", "sent");
  return (await query.execute()) as NewsletterRow[];
}

/** The newest sent issue: the proposals of the next start from its date and its evidence. */
export async function lastSentNewsletter(db: Kysely<DB>): Promise<NewsletterRow | undefined> {
  return (await db
    .selectFrom("newsletters")
    .select(COLUMNS)
    .where("status", "=", "sent")
    .orderBy("sent_at", "desc")
    .limit(1)
    .executeTakeFirst()) as NewsletterRow | undefined;
}

/** Saves a draft's text and items; undefined when it is no longer a draft. */
export async function updateDraft(
  trx: Kysely<DB>,
  id: string,
  now: Date,
  input: { title: string; termLabel: string; introduction: string; items: NewsletterItem[] },
): Promise<NewsletterRow | undefined> {
  return (await trx
    .updateTable("newsletters")
    .set({
      title: input.title,
      term_label: input.termLabel,
      introduction: input.introduction,
      items: JSON.stringify(input.items),
      updated_at: now,
    })
    .where("id", "=", id)
    .where("status", "=", "draft")
    .returning(COLUMNS)
    .executeTakeFirst()) as NewsletterRow | undefined;
}

/** Case studies published to the whole network after `since`, newest first, with their school as it chose to appear. */
export async function networkCaseStudiesSince(db: Kysely<DB>, since: Date | null) {
  let query = db
    .selectFrom("case_studies")
    .innerJoin("schools", "schools.id", "case_studies.school_id")
    .select([
      "case_studies.id",
      "case_studies.title",
      "case_studies.learned",
      "case_studies.show_school_name",
      "case_studies.published_at",
      "schools.name as school_name",
      "schools.evidence_label",
    ])
    .where("case_studies.status", "=", "published")
    .where("case_studies.audience", "=", "network")
    .where("case_studies.published_at", "is not", null);
  if (since) query = query.where("case_studies.published_at", ">", since);
  return query.orderBy("case_studies.published_at", "desc").execute();
}

/** Resources added to the library after `since` and not archived, newest first. */
export async function resourcesSince(db: Kysely<DB>, since: Date | null) {
  let query = db
    .selectFrom("resources")
    .select(["id", "title", "summary", "kind"])
    .where("archived_at", "is", null);
  if (since) query = query.where("created_at", ">", since);
  return query.orderBy("created_at", "desc").execute();
}

/**
 * Starts sending: the draft becomes "sending" with the evidence it reports,
 * and every subscribed active member of the network (an approved membership,
 * not disabled) gets one pending delivery. Undefined when it was not a draft
 * (another request started it first).
 */
export async function startSending(
  trx: Kysely<DB>,
  id: string,
  now: Date,
  snapshot: EvidenceSnapshot,
): Promise<{ recipients: number } | undefined> {
  const started = await trx
    .updateTable("newsletters")
    .set({
      status: "sending",
      sending_at: now,
      updated_at: now,
      evidence_snapshot: JSON.stringify(snapshot),
    })
    .where("id", "=", id)
    .where("status", "=", "draft")
    .returning("id")
    .executeTakeFirst();
  if (!started) return undefined;
  const inserted = await trx
    .insertInto("newsletter_deliveries")
    .columns(["newsletter_id", "user_id", "email"])
    .expression((eb) =>
      eb
        .selectFrom("users")
        .select([sql.lit(id).as("newsletter_id"), "users.id", "users.email"])
        .where("users.disabled_at", "is", null)
        .where("users.newsletter_subscribed", "=", true)
        .where((w) =>
          w.exists(
            w
              .selectFrom("memberships")
              .select("memberships.id")
              .whereRef("memberships.user_id", "=", "users.id")
              .where("memberships.pending", "=", false),
          ),
        ),
    )
    .onConflict((oc) => oc.columns(["newsletter_id", "user_id"]).doNothing())
    .executeTakeFirst();
  return { recipients: Number(inserted.numInsertedOrUpdatedRows ?? 0) };
}

/**
 * Claims up to `size` pending deliveries for this server to send: each row
 * moves from pending to sending in one statement, and rows another server is
 * claiming at the same moment are skipped, so no delivery is sent twice.
 * Only those still subscribed are claimed; the rest are dropped.
 */
export async function claimDeliveries(
  db: Kysely<DB>,
  newsletterId: string,
  now: Date,
  size: number,
) {
  await db
    .deleteFrom("newsletter_deliveries")
    .where("newsletter_id", "=", newsletterId)
    .where("status", "=", "pending")
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("users")
          .select("users.id")
          .whereRef("users.id", "=", "newsletter_deliveries.user_id")
          .where((u) =>
            u.or([
              u("users.newsletter_subscribed", "=", false),
              u("users.disabled_at", "is not", null),
            ]),
          ),
      ),
    )
    .execute();
  const rows = await sql<{ id: string; user_id: string; email: string }>`
    update newsletter_deliveries
       set status = 'sending', claimed_at = ${now}, attempts = attempts + 1
     where id in (
       select id from newsletter_deliveries
        where newsletter_id = ${newsletterId} and status = 'pending'
        order by id
        limit ${size}
        for update skip locked)
    returning id, user_id, email`.execute(db);
  return rows.rows;
}

export async function markDelivered(db: Kysely<DB>, deliveryId: string, now: Date) {
  await db
    .updateTable("newsletter_deliveries")
    .set({ status: "sent", sent_at: now, error: null })
    .where("id", "=", deliveryId)
    .where("status", "=", "sending")
    .execute();
}

export async function markFailed(db: Kysely<DB>, deliveryId: string, error: string) {
  await db
    .updateTable("newsletter_deliveries")
    .set({ status: "failed", error: error.slice(0, 500) })
    .where("id", "=", deliveryId)
    .where("status", "=", "sending")
    .execute();
}

/**
 * Puts the failed deliveries back in the queue (never a sent one), and the issue back
 * to sending when any went back; says how many.
 */
export async function requeueFailed(trx: Kysely<DB>, newsletterId: string): Promise<number> {
  const result = await trx
    .updateTable("newsletter_deliveries")
    .set({ status: "pending", claimed_at: null })
    .where("newsletter_id", "=", newsletterId)
    .where("status", "=", "failed")
    .executeTakeFirst();
  const n = Number(result.numUpdatedRows);
  if (n > 0)
    await trx
      .updateTable("newsletters")
      .set({ status: "sending" })
      .where("id", "=", newsletterId)
      .execute();
  return n;
}

/** Once nothing is waiting or in flight, the issue is sent (its date: when the last delivery finished). */
export async function finishIfDone(
  db: Kysely<DB>,
  newsletterId: string,
  now: Date,
): Promise<boolean> {
  const open = await db
    .selectFrom("newsletter_deliveries")
    .select("id")
    .where("newsletter_id", "=", newsletterId)
    .where("status", "in", ["pending", "sending"])
    .limit(1)
    .executeTakeFirst();
  if (open) return false;
  await db
    .updateTable("newsletters")
    .set({ status: "sent", sent_at: now, updated_at: now })
    .where("id", "=", newsletterId)
    .where("status", "=", "sending")
    .execute();
  return true;
}

/** How sending goes: counts by state, and who failed with what error. */
export async function deliveryProgress(
  db: Kysely<DB>,
  newsletterId: string,
): Promise<Omit<NewsletterProgress, "mailConfigured" | "done">> {
  const rows = await db
    .selectFrom("newsletter_deliveries")
    .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
    .where("newsletter_id", "=", newsletterId)
    .groupBy("status")
    .execute();
  const count = (status: string) => Number(rows.find((r) => r.status === status)?.n ?? 0);
  const failures = await db
    .selectFrom("newsletter_deliveries")
    .select(["email", "error"])
    .where("newsletter_id", "=", newsletterId)
    .where("status", "=", "failed")
    .orderBy("email")
    .limit(50)
    .execute();
  return {
    total: rows.reduce((n, r) => n + Number(r.n), 0),
    sent: count("sent"),
    failed: count("failed"),
    pending: count("pending") + count("sending"),
    failures: failures.map((f) => ({ email: f.email, error: f.error ?? "" })),
  };
}

export async function subscriptionOf(db: Kysely<DB>, userId: string) {
  return db
    .selectFrom("users")
    .select(["id", "email", "name", "newsletter_subscribed", "disabled_at"])
    .where("id", "=", userId)
    .executeTakeFirst();
}

export async function setSubscribed(trx: Kysely<DB>, userId: string, subscribed: boolean) {
  const row = await trx
    .updateTable("users")
    .set({ newsletter_subscribed: subscribed })
    .where("id", "=", userId)
    .returning("newsletter_subscribed")
    .executeTakeFirstOrThrow();
  return { subscribed: row.newsletter_subscribed };
}

/** What an issue is rendered from. */
export const contentOf = (row: NewsletterRow) => ({
  title: row.title,
  termLabel: row.term_label,
  introduction: row.introduction,
  items: row.items,
});
