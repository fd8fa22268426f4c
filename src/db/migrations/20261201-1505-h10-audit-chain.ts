import { type Kysely, sql } from "kysely";

/**
 * A tamper-evident audit log. Every row records the user agent it came from and
 * is chained to the row before it: `hash` is the sha-256 of a canonical
 * serialisation of the row together with the previous row's hash, so a row
 * deleted or rewritten (say, with the append-only trigger disabled) breaks the
 * chain at that point and `cascade audit verify` names it.
 *
 * The chain is built by a trigger inside the inserting transaction. The trigger
 * locks the single-row chain head, so concurrent writers take their turn, and a
 * rolled-back transaction leaves no link behind. It runs with its owner's rights
 * (security definer), so the runtime role needs no rights on the chain head.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table audit_events
      add column user_agent text,
      add column chain_seq bigint,
      add column prev_hash text,
      add column hash text;

    create table audit_chain_head (
      id integer primary key default 1 check (id = 1),
      last_seq bigint not null,
      last_hash text not null
    );

    -- The canonical form: a JSON array of the fields in a fixed order, with the
    -- time in UTC to the microsecond, so the text does not depend on session settings.
    create function audit_event_digest(
      prev_hash text, chain_seq bigint, id bigint, occurred_at timestamptz,
      actor_user_id uuid, action text, target_type text, target_id text,
      ip text, user_agent text, details jsonb
    ) returns text language sql immutable as $$
      select encode(sha256(convert_to(jsonb_build_array(
        prev_hash, chain_seq, id,
        to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        actor_user_id::text, action, target_type, target_id, ip, user_agent, details
      )::text, 'UTF8')), 'hex')
    $$;

    create function audit_events_chain() returns trigger language plpgsql
      security definer set search_path = pg_catalog, public as $$
    declare
      head audit_chain_head%rowtype;
    begin
      select * into head from audit_chain_head where id = 1 for update;
      new.chain_seq := head.last_seq + 1;
      new.prev_hash := head.last_hash;
      new.user_agent := left(new.user_agent, 512);
      new.hash := audit_event_digest(new.prev_hash, new.chain_seq, new.id, new.occurred_at,
        new.actor_user_id, new.action, new.target_type, new.target_id, new.ip,
        new.user_agent, new.details);
      update audit_chain_head set last_seq = new.chain_seq, last_hash = new.hash where id = 1;
      return new;
    end;
    $$;
  `.execute(db);

  // The rows written before the chain existed are chained in the order they were written.
  await sql`
    alter table audit_events disable trigger audit_events_no_update;
    do $$
    declare
      r record;
      seq bigint := 0;
      prev text := '';
      digest text;
    begin
      for r in select * from audit_events order by occurred_at, id loop
        seq := seq + 1;
        digest := audit_event_digest(prev, seq, r.id, r.occurred_at, r.actor_user_id, r.action,
          r.target_type, r.target_id, r.ip, r.user_agent, r.details);
        update audit_events set chain_seq = seq, prev_hash = prev, hash = digest where id = r.id;
        prev := digest;
      end loop;
      insert into audit_chain_head (id, last_seq, last_hash) values (1, seq, prev);
    end;
    $$;
    alter table audit_events enable trigger audit_events_no_update;

    alter table audit_events
      alter column chain_seq set not null,
      alter column prev_hash set not null,
      alter column hash set not null;
    create unique index audit_events_chain_seq on audit_events (chain_seq);
    create index audit_events_actor on audit_events (actor_user_id, occurred_at);
    create index audit_events_action on audit_events (action, occurred_at);

    create trigger audit_events_chain before insert on audit_events
      for each row execute function audit_events_chain();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop trigger audit_events_chain on audit_events;
    drop function audit_events_chain;
    drop function audit_event_digest;
    drop table audit_chain_head;
    drop index audit_events_action;
    drop index audit_events_actor;
    alter table audit_events
      drop column hash, drop column prev_hash, drop column chain_seq, drop column user_agent;
  `.execute(db);
}
