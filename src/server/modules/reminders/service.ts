import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema.ts";
import { academicYearOf } from "../../../domain/academic-year.ts";
import { formatCalendarDate, toLondon } from "../../../domain/calendar.ts";
import { statementReminderDue } from "../../../domain/pp-statement.ts";
import type { Mailer } from "../../mail/mailer.ts";
import { leadersToRemind } from "../pp-statement/store.ts";

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
const format = new Intl.DateTimeFormat("en-GB", {
  weekday: "long",
  day: "numeric",
  month: "long",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "Europe/London",
});

interface Deps {
  db: Kysely<DB>;
  mailer: Mailer;
  /** CASCADE_PUBLIC_URL: when set, each reminder links to its page in Cascade. */
  publicUrl?: string | undefined;
}

/** "Open it in Cascade: <link>", or without a public URL the page's place in the menus. */
function whereToLook(publicUrl: string | undefined, path: string, place: string): string {
  if (!publicUrl) return `You will find it in Cascade under ${place}.`;
  return `Open it in Cascade: ${new URL(path, publicUrl.endsWith("/") ? publicUrl : `${publicUrl}/`).href}`;
}

/**
 * Sends (or, with no mail server, keeps in the outbox) each reminder once per
 * person: a claim in reminders_sent comes first, so two app servers running
 * this at the same moment never both send.
 */
async function deliver(
  deps: Deps,
  claim: {
    kind: string;
    refId: string;
    userId: string;
    email: string;
    /** The outbox's kind, when the claim's kind is finer (one per year). */
    outboxKind?: string;
  },
  message: { subject: string; text: string },
  now: Date,
): Promise<boolean> {
  const claimed = await deps.db
    .insertInto("reminders_sent")
    .values({ kind: claim.kind, ref_id: claim.refId, user_id: claim.userId, sent_at: now })
    .onConflict((oc) => oc.columns(["kind", "ref_id", "user_id"]).doNothing())
    .returning("kind")
    .executeTakeFirst();
  if (!claimed) return false;
  if (!deps.mailer.configured) {
    await deps.db
      .insertInto("outbox")
      .values({
        to_email: claim.email,
        user_id: claim.userId,
        kind: claim.outboxKind ?? claim.kind,
        subject: message.subject,
        body: message.text,
        created_at: now,
      })
      .execute();
    return true;
  }
  try {
    await deps.mailer.send({ to: claim.email, subject: message.subject, text: message.text });
  } catch (error) {
    await deps.db
      .insertInto("outbox")
      .values({
        to_email: claim.email,
        user_id: claim.userId,
        kind: claim.outboxKind ?? claim.kind,
        subject: message.subject,
        body: message.text,
        created_at: now,
        error: (error as Error).message.slice(0, 500),
      })
      .execute();
  }
  return true;
}

/**
 * In December, once a year for each leader: the school's pupil premium
 * strategy statement is due on its website by 31 December, and has not been
 * marked published in Cascade. Claimed per academic year, so next December
 * reminds again.
 */
async function remindPupilPremiumStatements(deps: Deps, now: Date): Promise<number> {
  const day = toLondon(now).date;
  if (!statementReminderDue(day)) return 0;
  const year = academicYearOf(day);
  let sent = 0;
  for (const person of await leadersToRemind(deps.db, year)) {
    const done = await deliver(
      deps,
      {
        kind: `pp-statement-due:${year}`,
        refId: person.school_id,
        userId: person.id,
        email: person.email,
        outboxKind: "pp-statement-due",
      },
      {
        subject: `Pupil premium statement due by 31 December: ${person.school_name}`,
        text: `Dear ${person.name},\n\nSchools publish their pupil premium strategy statement for ${year} on their website by 31 December. Cascade has a draft for ${person.school_name}: check it, download it for Word, and mark it published once it is on the website.\n\n${whereToLook(deps.publicUrl, "my-school/pupil-premium-statement", "My school, Pupil premium statement")}\n\nYou can turn reminders off in Cascade, under Settings.`,
      },
      now,
    );
    if (done) sent++;
  }
  return sent;
}

/**
 * Reminders due now: workshops within the next week, actions that have become
 * overdue, and in December the pupil premium statements not yet published.
 */
export async function sendDueReminders(
  deps: Deps,
  now: Date,
): Promise<{ workshops: number; actions: number; ppStatements: number }> {
  const sent = { workshops: 0, actions: 0, ppStatements: 0 };
  const workshops = await deps.db
    .selectFrom("workshops")
    .select(["id", "cluster_id", "title", "starts_at", "venue", "online_link"])
    .where("starts_at", ">", now)
    .where("starts_at", "<=", new Date(now.getTime() + WEEK_MS))
    .execute();
  for (const w of workshops) {
    const people = await deps.db
      .selectFrom("team_members")
      .innerJoin("enrolments", "enrolments.id", "team_members.enrolment_id")
      .innerJoin("users", "users.id", "team_members.user_id")
      .select(["users.id", "users.email", "users.name"])
      .where("enrolments.cluster_id", "=", w.cluster_id)
      .where("users.reminders_enabled", "=", true)
      .where("users.disabled_at", "is", null)
      .execute();
    const where =
      [w.venue, w.online_link].filter(Boolean).join(", ") ||
      "the venue your programme lead will confirm";
    for (const person of people) {
      const done = await deliver(
        deps,
        { kind: "workshop-week", refId: w.id, userId: person.id, email: person.email },
        {
          subject: `Next week: ${w.title}`,
          text: `Dear ${person.name},\n\nThe workshop "${w.title}" is on ${format.format(w.starts_at)} at ${where}.\n\n${whereToLook(deps.publicUrl, `workshops/${w.id}`, "Calendar")}\n\nYou can turn reminders off in Cascade, under Settings.`,
        },
        now,
      );
      if (done) sent.workshops++;
    }
  }
  const today = toLondon(now).date;
  const overdue = await deps.db
    .selectFrom("actions")
    .innerJoin("enrolments", "enrolments.id", "actions.enrolment_id")
    .select([
      "actions.id",
      "actions.title",
      "actions.due_on",
      "actions.owner_user_id",
      "actions.enrolment_id",
    ])
    .where("actions.status", "!=", "done")
    .where("actions.due_on", "<", today)
    .execute();
  for (const action of overdue) {
    // The owner, or when there is none, the team's leaders.
    const recipients = await deps.db
      .selectFrom("users")
      .select(["users.id", "users.email", "users.name"])
      .where("users.reminders_enabled", "=", true)
      .where("users.disabled_at", "is", null)
      .$if(action.owner_user_id !== null, (q) =>
        q.where("users.id", "=", action.owner_user_id as string),
      )
      .$if(action.owner_user_id === null, (q) =>
        q.where("users.id", "in", (eb) =>
          eb
            .selectFrom("team_members")
            .select("team_members.user_id")
            .where("team_members.enrolment_id", "=", action.enrolment_id)
            .where("team_members.team_role", "=", "leader"),
        ),
      )
      .execute();
    for (const person of recipients) {
      const done = await deliver(
        deps,
        { kind: "action-overdue", refId: action.id, userId: person.id, email: person.email },
        {
          subject: `Overdue: ${action.title}`,
          text: `Dear ${person.name},\n\nThe team's action "${action.title}" was due on ${formatCalendarDate(action.due_on ?? today)}. Mark it done in Cascade, or move its date.\n\n${whereToLook(deps.publicUrl, "my-school/actions?status=overdue", "My school, Actions")}\n\nYou can turn reminders off in Cascade, under Settings.`,
        },
        now,
      );
      if (done) sent.actions++;
    }
  }
  sent.ppStatements = await remindPupilPremiumStatements(deps, now);
  return sent;
}
