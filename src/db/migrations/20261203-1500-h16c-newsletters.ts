import { type Kysely, sql } from "kysely";

/**
 * The termly "what works" newsletter (issue 16). An issue keeps the items its
 * editor chose (each with the title and summary Cascade wrote for it, so a
 * back issue reads as it was sent) and, once sent, the pooled evidence per
 * strand it reported, which the next issue compares against. Each recipient
 * has one delivery row, claimed before sending, so a retry never mails a
 * person twice.
 *
 * Everyone is subscribed by default: the programme promises every school a
 * termly newsletter, and each email carries a one-link unsubscribe.
 * The outbox keeps a message's HTML part beside its text.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table newsletters (
      id uuid primary key default gen_random_uuid(),
      title text not null check (length(title) between 1 and 200),
      term_label text not null check (length(term_label) between 1 and 60),
      introduction text not null default '' check (length(introduction) <= 20000),
      items jsonb not null default '[]',
      status text not null default 'draft' check (status in ('draft', 'sending', 'sent')),
      evidence_snapshot jsonb,
      created_by uuid references users (id),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      sending_at timestamptz,
      sent_at timestamptz
    );
    create index newsletters_sent on newsletters (status, sent_at);

    create table newsletter_deliveries (
      id uuid primary key default gen_random_uuid(),
      newsletter_id uuid not null references newsletters (id) on delete cascade,
      user_id uuid not null references users (id),
      email text not null,
      status text not null default 'pending'
        check (status in ('pending', 'sending', 'sent', 'failed')),
      attempts integer not null default 0,
      error text,
      claimed_at timestamptz,
      sent_at timestamptz,
      unique (newsletter_id, user_id)
    );
    create index newsletter_deliveries_status on newsletter_deliveries (newsletter_id, status);

    alter table users add column newsletter_subscribed boolean not null default true;
    alter table outbox add column html text;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table outbox drop column html;
    alter table users drop column newsletter_subscribed;
    drop table newsletter_deliveries;
    drop table newsletters;
  `.execute(db);
}
