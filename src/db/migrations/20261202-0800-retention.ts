import { type Kysely, sql } from "kysely";

/**
 * Retention (UK GDPR storage limitation): the network's retention settings,
 * legal holds that stop the daily job deleting a school's or a programme
 * year's data, the job's reports, and a way to prune the oldest audit rows
 * that keeps the hash chain verifiable.
 *
 * Pruning the audit log: the append-only trigger lets a DELETE through only
 * inside `audit_prune_before`, which deletes a prefix of the chain (every row up
 * to the last one older than the cut-off) and records in `audit_chain_anchor`
 * where the kept chain starts and the hash the first kept row points at, so
 * `cascade audit verify` walks the rest from there. The function runs with its
 * owner's rights (the runtime role may not delete audit rows itself) and never
 * prunes a row less than a year older than the newest row in the log.
 *
 * Erased pupils stay as a tombstone (`erased_at` set, personal fields blank),
 * so their pseudonyms stay retired and are never handed out again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table retention_settings (
      id boolean primary key default true check (id),
      pupil_data_years integer not null default 2 check (pupil_data_years between 1 and 10),
      audit_log_years integer not null default 6 check (audit_log_years between 1 and 20),
      updated_at timestamptz not null default now(),
      updated_by uuid references users (id)
    );
    insert into retention_settings (id) values (true);

    create table legal_holds (
      id uuid primary key default gen_random_uuid(),
      scope_type text not null check (scope_type in ('school', 'programme_year')),
      school_id uuid references schools (id),
      programme_year_id uuid references programme_years (id),
      reason text not null check (length(reason) between 3 and 500),
      placed_by uuid references users (id),
      placed_at timestamptz not null,
      released_at timestamptz,
      released_by uuid references users (id),
      check ((scope_type = 'school') = (school_id is not null)),
      check ((scope_type = 'programme_year') = (programme_year_id is not null))
    );
    create index legal_holds_active on legal_holds (scope_type) where released_at is null;

    create table retention_runs (
      id uuid primary key default gen_random_uuid(),
      ran_at timestamptz not null,
      trigger text not null check (trigger in ('schedule', 'command', 'admin')),
      actor_user_id uuid references users (id),
      pupil_cutoff date not null,
      audit_cutoff timestamptz not null,
      report jsonb not null
    );
    create index retention_runs_ran_at on retention_runs (ran_at);

    create table audit_chain_anchor (
      id integer primary key default 1 check (id = 1),
      first_seq bigint not null,
      prev_hash text not null,
      pruned_rows bigint not null,
      pruned_at timestamptz not null
    );

    alter table pupils add column erased_at timestamptz;
    alter table pupils drop constraint pupils_upn_check;
    alter table pupils add constraint pupils_upn_check
      check (erased_at is not null or upn ~ '^[A-Z][0-9]{11}[0-9A-Z]$');

    create or replace function audit_events_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' and current_setting('cascade.audit_pruning', true) = 'on' then
        return null;
      end if;
      raise exception 'audit_events is append-only';
    end;
    $$;

    create function audit_prune_before(cutoff timestamptz, pruned_at timestamptz)
      returns bigint language plpgsql
      security definer set search_path = pg_catalog, public as $$
    declare
      newest timestamptz;
      last_seq bigint;
      last_hash text;
      removed bigint;
      total bigint;
    begin
      select max(occurred_at) into newest from audit_events;
      if newest is null then return 0; end if;
      -- Never closer than a year to the newest row, whatever the caller asks.
      cutoff := least(cutoff, newest - interval '1 year');
      -- A prefix of the chain only: up to the row before the first one to keep.
      select coalesce(min(chain_seq) - 1, max(chain_seq)) into last_seq
        from audit_events where occurred_at >= cutoff;
      if last_seq is null then
        select max(chain_seq) into last_seq from audit_events;
      end if;
      select hash into last_hash from audit_events where chain_seq = last_seq;
      if last_hash is null then return 0; end if;
      perform set_config('cascade.audit_pruning', 'on', true);
      delete from audit_events where chain_seq <= last_seq;
      get diagnostics removed = row_count;
      perform set_config('cascade.audit_pruning', 'off', true);
      select coalesce((select pruned_rows from audit_chain_anchor where id = 1), 0) + removed
        into total;
      insert into audit_chain_anchor (id, first_seq, prev_hash, pruned_rows, pruned_at)
        values (1, last_seq + 1, last_hash, total, pruned_at)
        on conflict (id) do update set first_seq = excluded.first_seq,
          prev_hash = excluded.prev_hash, pruned_rows = excluded.pruned_rows,
          pruned_at = excluded.pruned_at;
      return removed;
    end;
    $$;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop function audit_prune_before;
    create or replace function audit_events_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_events is append-only';
    end;
    $$;
    alter table pupils drop constraint pupils_upn_check;
    alter table pupils add constraint pupils_upn_check check (upn ~ '^[A-Z][0-9]{11}[0-9A-Z]$');
    alter table pupils drop column erased_at;
    drop table audit_chain_anchor;
    drop table retention_runs;
    drop table legal_holds;
    drop table retention_settings;
  `.execute(db);
}
