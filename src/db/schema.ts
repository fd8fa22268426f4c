import type { ColumnType, Generated, Insertable, Selectable } from "kysely";
import type { CascadeStage } from "../domain/cascade-stage.ts";
import type { DisadvantageRule } from "../domain/disadvantage.ts";
import type { SchoolPhase } from "../domain/phases.ts";
import type { Role, ScopeType, TeamRole } from "../domain/roles.ts";
import type { SignInMethod } from "../domain/sign-in-method.ts";

/** Table types. Timestamps are read as Dates and written as Dates. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<Record<string, unknown>, string | undefined, string>;

export interface UsersTable {
  id: Generated<string>;
  email: string;
  name: string;
  password_hash: string;
  disabled_at: Timestamp | null;
  created_at: DefaultedTimestamp;
  reminders_enabled: ColumnType<boolean, boolean | undefined, boolean>;
  calendar_token_hash: ColumnType<string | null, string | null | undefined, string | null>;
  /** Receives the termly newsletter (on by default; one link in each issue turns it off). */
  newsletter_subscribed: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface MembershipsTable {
  id: Generated<string>;
  user_id: string;
  role: Role;
  scope_type: ScopeType;
  scope_id: string | null;
  created_at: DefaultedTimestamp;
  /** Waiting for a second person's approval: opens nothing until then. */
  pending: ColumnType<boolean, boolean | undefined, boolean>;
  granted_by: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SessionsTable {
  id: Generated<string>;
  token_hash: string;
  user_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
  /** How it was signed in: see SIGN_IN_METHODS in domain/sign-in-method.ts. */
  method: ColumnType<SignInMethod, SignInMethod | undefined, SignInMethod>;
  /** The last time its person proved who they are: see domain/reauth-window.ts. */
  reauthenticated_at: ColumnType<
    Date | null,
    Date | string | null | undefined,
    Date | string | null
  >;
}

export interface InvitationsTable {
  id: Generated<string>;
  token_hash: string;
  email: string;
  role: Role;
  scope_type: ScopeType;
  scope_id: string | null;
  invited_by: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  accepted_at: Timestamp | null;
  accepted_by: string | null;
  revoked_at: Timestamp | null;
  team_enrolment_id: ColumnType<string | null, string | null | undefined, string | null>;
  subject: ColumnType<string | null, string | null | undefined, string | null>;
  needs_approval: ColumnType<boolean, boolean | undefined, boolean>;
}

/** One row per throttled key: an account, an address, or the pair of both. */
export interface SignInThrottleTable {
  key: string;
  window_started_at: Timestamp;
  attempts: number;
}

export interface SignInLinksTable {
  id: Generated<string>;
  token_hash: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface PasswordResetsTable {
  id: Generated<string>;
  token_hash: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

/** A person's TOTP secret: pending until confirmed with a code. */
export interface UserTotpTable {
  user_id: string;
  secret: string;
  created_at: Timestamp;
  confirmed_at: Timestamp | null;
  /** The last time step accepted: a code of this step or an earlier one is refused. */
  last_used_step: ColumnType<string | number | null, number | null | undefined, number | null>;
}

export interface RecoveryCodesTable {
  id: Generated<string>;
  user_id: string;
  code_hash: string;
  created_at: Timestamp;
  used_at: Timestamp | null;
}

/** Between a right password and the second step: single-use, short-lived, only its digest kept. */
export interface SecondFactorChallengesTable {
  id: Generated<string>;
  token_hash: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  keep_signed_in: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface PasskeysTable {
  id: Generated<string>;
  user_id: string;
  /** The credential's id, base64url, as the browser reports it. */
  credential_id: string;
  /** The COSE public key. */
  public_key: Uint8Array;
  /** The signature counter last seen: an assertion must carry a later one (or both zero). */
  counter: ColumnType<string | number, number | undefined, number>;
  /** The transports the browser reported, comma-separated. */
  transports: ColumnType<string, string | undefined, string>;
  name: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
}

export interface PasskeyChallengesTable {
  id: Generated<string>;
  /** The challenge sent to the browser, base64url. */
  challenge: string;
  purpose: "register" | "step_up" | "second_factor" | "sign_in";
  user_id: string | null;
  session_id: string | null;
  second_factor_challenge_id: string | null;
  /** A digest of the pre-sign-in cookie's token, for signing in without a password. */
  token_hash: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

/** An OpenID Connect provider an administrator configured for single sign-on. */
export interface SsoProvidersTable {
  id: Generated<string>;
  display_name: string;
  issuer: string;
  client_id: string;
  /** Sealed with the server's keyring (context `sso-client-secret:<id>`), never in the clear. */
  client_secret_sealed: string;
  /** Lower-case domains, a JSON array. */
  allowed_domains: ColumnType<string[], string, string>;
  enabled: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A person's identity at a provider: its subject, bound once. */
export interface SsoIdentitiesTable {
  id: Generated<string>;
  user_id: string;
  provider_id: string;
  subject: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
}

/** A single sign-on in flight: state (a digest), nonce and PKCE verifier, single use. */
export interface SsoLoginsTable {
  id: Generated<string>;
  state_hash: string;
  /** A digest of the token in the browser's cookie for this sign-in. */
  binding_hash: string;
  provider_id: string;
  nonce: string;
  code_verifier: string;
  invitation_id: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

/** A device a person has signed in from: a digest of (device name, address). */
export interface KnownDevicesTable {
  user_id: string;
  device_key: string;
  first_seen_at: Timestamp;
  last_seen_at: Timestamp;
}

/** One row: the network's security settings. */
export interface SecuritySettingsTable {
  id: ColumnType<boolean, boolean | undefined, never>;
  second_factor_required: boolean;
  updated_at: DefaultedTimestamp;
  updated_by: string | null;
}

export interface AuditEventsTable {
  id: Generated<number>;
  occurred_at: Timestamp;
  actor_user_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  details: Json;
  /** The client's User-Agent header, cut to 512 characters. */
  user_agent: string | null;
  /** Set by the chaining trigger: position in the chain, the previous row's hash, this row's hash. */
  chain_seq: Generated<string | number>;
  prev_hash: Generated<string>;
  hash: Generated<string>;
}

export interface AuditChainHeadTable {
  id: Generated<number>;
  last_seq: string;
  last_hash: string;
}

/** Where the kept audit chain starts once its oldest rows are pruned (written by `audit_prune_before`). */
export interface AuditChainAnchorTable {
  id: Generated<number>;
  first_seq: string | number;
  prev_hash: string;
  pruned_rows: string | number;
  pruned_at: Timestamp;
}

export interface RetentionSettingsTable {
  id: ColumnType<boolean, boolean | undefined, never>;
  pupil_data_years: number;
  audit_log_years: number;
  updated_at: DefaultedTimestamp;
  updated_by: string | null;
}

export interface LegalHoldsTable {
  id: Generated<string>;
  scope_type: "school" | "programme_year";
  school_id: string | null;
  programme_year_id: string | null;
  reason: string;
  placed_by: string | null;
  placed_at: Timestamp;
  released_at: Timestamp | null;
  released_by: string | null;
}

export interface RetentionRunsTable {
  id: Generated<string>;
  ran_at: Timestamp;
  trigger: "schedule" | "command" | "admin";
  actor_user_id: string | null;
  pupil_cutoff: string;
  audit_cutoff: Timestamp;
  report: ColumnType<unknown, string, string>;
}

export interface DB {
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  invitations: InvitationsTable;
  sign_in_throttle: SignInThrottleTable;
  sign_in_links: SignInLinksTable;
  password_resets: PasswordResetsTable;
  known_devices: KnownDevicesTable;
  user_totp: UserTotpTable;
  recovery_codes: RecoveryCodesTable;
  second_factor_challenges: SecondFactorChallengesTable;
  passkeys: PasskeysTable;
  passkey_challenges: PasskeyChallengesTable;
  sso_providers: SsoProvidersTable;
  sso_identities: SsoIdentitiesTable;
  sso_logins: SsoLoginsTable;
  security_settings: SecuritySettingsTable;
  audit_events: AuditEventsTable;
  audit_chain_head: AuditChainHeadTable;
  audit_chain_anchor: AuditChainAnchorTable;
  retention_settings: RetentionSettingsTable;
  legal_holds: LegalHoldsTable;
  retention_runs: RetentionRunsTable;
  hubs: HubsTable;
  schools: SchoolsTable;
  programmes: ProgrammesTable;
  programme_themes: ProgrammeThemesTable;
  programme_workshops: ProgrammeWorkshopsTable;
  programme_years: ProgrammeYearsTable;
  clusters: ClustersTable;
  trios: TriosTable;
  enrolments: EnrolmentsTable;
  impact_what_next: ImpactWhatNextTable;
  team_members: TeamMembersTable;
  pupils: PupilsTable;
  measures: MeasuresTable;
  assessment_points: AssessmentPointsTable;
  imports: ImportsTable;
  observations: ObservationsTable;
  import_changes: ImportChangesTable;
  import_mappings: ImportMappingsTable;
  cohort_members: CohortMembersTable;
  pseudonyms: PseudonymsTable;
  retired_pseudonyms: RetiredPseudonymsTable;
  record_changes: RecordChangesTable;
  matrix_settings: MatrixSettingsTable;
  data_versions: DataVersionsTable;
  eef_strands: EefStrandsTable;
  strategies: StrategiesTable;
  strategy_participants: StrategyParticipantsTable;
  strategy_reviews: StrategyReviewsTable;
  strategy_stage_changes: StrategyStageChangesTable;
  shared_results: SharedResultsTable;
  workshops: WorkshopsTable;
  workshop_materials: WorkshopMaterialsTable;
  workshop_tasks: WorkshopTasksTable;
  workshop_attendance: WorkshopAttendanceTable;
  school_visits: SchoolVisitsTable;
  actions: ActionsTable;
  outbox: OutboxTable;
  reminders_sent: RemindersSentTable;
  pp_statements: PpStatementsTable;
  national_measures: NationalMeasuresTable;
  national_figures: NationalFiguresTable;
  measure_national_links: MeasureNationalLinksTable;
  case_studies: CaseStudiesTable;
  case_study_events: CaseStudyEventsTable;
  resources: ResourcesTable;
  resource_themes: ResourceThemesTable;
  reading_lists: ReadingListsTable;
  reading_list_items: ReadingListItemsTable;
  school_shelf: SchoolShelfTable;
  newsletters: NewslettersTable;
  newsletter_deliveries: NewsletterDeliveriesTable;
}

export type User = Selectable<UsersTable>;
export type Membership = Selectable<MembershipsTable>;
export type NewAuditEvent = Insertable<AuditEventsTable>;

export interface HubsTable {
  id: Generated<string>;
  name: string;
  archived_at: Timestamp | null;
  created_at: DefaultedTimestamp;
}

export interface SchoolsTable {
  id: Generated<string>;
  urn: string;
  name: string;
  phase: SchoolPhase;
  local_authority: string;
  postcode: string;
  hub_id: string | null;
  short_code: string;
  archived_at: Timestamp | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
  disadvantage_rule: ColumnType<DisadvantageRule, DisadvantageRule | undefined, DisadvantageRule>;
  evidence_label: ColumnType<string | null, string | null | undefined, string | null>;
  /** £ per hour of staff time (numeric: read back as a string by some drivers). */
  staff_hourly_rate: ColumnType<number | null, number | null | undefined, number | null>;
  para_pupil_access: ColumnType<string, string | undefined, string>;
}

export interface ProgrammesTable {
  id: Generated<string>;
  name: string;
  description: ColumnType<string, string | undefined, string>;
  template_key: string | null;
  created_at: DefaultedTimestamp;
}

export interface ProgrammeThemesTable {
  id: Generated<string>;
  programme_id: string;
  position: number;
  key: string;
  name: string;
  description: ColumnType<string, string | undefined, string>;
}

export interface ProgrammeWorkshopsTable {
  id: Generated<string>;
  programme_id: string;
  position: number;
  month: number;
  title: string;
  focus: ColumnType<string, string | undefined, string>;
  theme_id: string | null;
}

export interface ProgrammeYearsTable {
  id: Generated<string>;
  programme_id: string;
  academic_year: string;
  starts_on: string;
  ends_on: string;
  created_at: DefaultedTimestamp;
}

export interface ClustersTable {
  id: Generated<string>;
  programme_year_id: string;
  name: string;
  facilitation_school_id: string;
  created_at: DefaultedTimestamp;
}

export interface TriosTable {
  id: Generated<string>;
  cluster_id: string;
  name: string;
  created_at: DefaultedTimestamp;
}

export interface EnrolmentsTable {
  id: Generated<string>;
  school_id: string;
  programme_year_id: string;
  cluster_id: string;
  trio_id: string | null;
  trio_role: "lead" | "accelerator" | null;
  created_at: DefaultedTimestamp;
}

export interface ImpactWhatNextTable {
  enrolment_id: string;
  body: string;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface TeamMembersTable {
  id: Generated<string>;
  enrolment_id: string;
  user_id: string;
  team_role: TeamRole;
  subject: string | null;
  created_at: DefaultedTimestamp;
}

type DateString = ColumnType<string, string, string>;

export interface PupilsTable {
  id: Generated<string>;
  school_id: string;
  upn: string;
  upn_temporary: ColumnType<boolean, boolean | undefined, boolean>;
  legal_first_name: string;
  preferred_first_name: string | null;
  last_name: string;
  date_of_birth: DateString;
  gender: string | null;
  year_group: string;
  pupil_premium: ColumnType<boolean, boolean | undefined, boolean>;
  fsm: ColumnType<boolean, boolean | undefined, boolean>;
  ever6_fsm: ColumnType<boolean, boolean | undefined, boolean>;
  looked_after: ColumnType<boolean, boolean | undefined, boolean>;
  previously_looked_after: ColumnType<boolean, boolean | undefined, boolean>;
  sen_status: ColumnType<string, string | undefined, string>;
  eal: ColumnType<boolean, boolean | undefined, boolean>;
  service_child: ColumnType<boolean, boolean | undefined, boolean>;
  other_intervention: ColumnType<boolean, boolean | undefined, boolean>;
  left_on: string | null;
  version: ColumnType<number, number | undefined, number>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface MeasuresTable {
  id: Generated<string>;
  school_id: string;
  key: string;
  name: string;
  kind: string;
  scale: string;
  min: number;
  max: number;
  expected: number | null;
  higher_is_better: boolean;
  levels: ColumnType<
    Array<{ value: number; code: string; label: string; descriptor?: string }>,
    string | undefined,
    string
  >;
  subject: string | null;
  core: boolean;
  decimals: number;
  built_in: ColumnType<boolean, boolean | undefined, boolean>;
  national_disadvantaged_pct: number | null;
  national_other_pct: number | null;
  position: ColumnType<number, number | undefined, number>;
  archived_at: Timestamp | null;
  version: ColumnType<number, number | undefined, number>;
  created_at: DefaultedTimestamp;
}

export interface AssessmentPointsTable {
  id: Generated<string>;
  school_id: string;
  academic_year: string;
  name: string;
  starts_on: DateString;
  ends_on: DateString;
  created_at: DefaultedTimestamp;
  opened_early_at: Timestamp | null;
  opened_early_by: string | null;
}

export interface ImportsTable {
  id: Generated<string>;
  seq: Generated<number>;
  school_id: string;
  kind: "pupils" | "observations";
  file_name: string;
  rows: number;
  created: ColumnType<number, number | undefined, number>;
  updated: ColumnType<number, number | undefined, number>;
  unchanged: ColumnType<number, number | undefined, number>;
  /** Pupils on roll the file left out that the import marked as left, when asked to. */
  marked_left: ColumnType<number, number | undefined, number>;
  created_by: string | null;
  created_at: Timestamp;
  undone_at: Timestamp | null;
  undone_by: string | null;
}

export interface ObservationsTable {
  id: Generated<string>;
  pupil_id: string;
  measure_id: string;
  assessment_point_id: string;
  value: number;
  recorded_by: string | null;
  recorded_at: Timestamp;
  import_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_import_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ImportChangesTable {
  id: Generated<number>;
  import_id: string;
  entity: "pupil" | "observation";
  entity_id: string;
  before: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  after: ColumnType<Record<string, unknown>, string, string>;
}

export interface ImportMappingsTable {
  school_id: string;
  kind: "pupils" | "observations";
  mapping: ColumnType<Record<string, string | null>, string, string>;
  updated_at: Timestamp;
}

export interface CohortMembersTable {
  id: Generated<string>;
  enrolment_id: string;
  pupil_id: string;
  joined_on: DateString;
  left_on: string | null;
  reason: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface PseudonymsTable {
  pupil_id: string;
  programme_year_id: string;
  code: string;
  created_at: Timestamp;
}

/** The code of an erased pupil: never given again in its programme year. */
export interface RetiredPseudonymsTable {
  programme_year_id: string;
  code: string;
  retired_at: Timestamp;
}

/** Rectification history: one changed field of a pupil's record, or one corrected observation. */
export interface RecordChangesTable {
  id: Generated<string | number>;
  pupil_id: string;
  entity: "pupil" | "observation";
  field: string;
  measure_id: string | null;
  assessment_point_id: string | null;
  old_value: string | null;
  new_value: string | null;
  source: "edit" | "import" | "undo";
  changed_by: string | null;
  changed_at: Timestamp;
}

export interface MatrixSettingsTable {
  scope_type: "school" | "cluster";
  scope_id: string;
  x_axis: string;
  y_axis: string;
  updated_by: string | null;
  updated_at: Timestamp;
}

/** A token per school or cluster, changed by triggers in every write to what its matrix shows. */
export interface DataVersionsTable {
  scope_kind: "school" | "cluster";
  scope_id: string;
  version: string;
}

export interface EefStrandsTable {
  id: Generated<string>;
  key: string;
  name: string;
  months: number | null;
  cost: number | null;
  evidence: number | null;
  source: string;
  taken_on: DateString;
  note: ColumnType<string, string | undefined, string>;
  updated_by: string | null;
  updated_at: Timestamp;
  status: ColumnType<
    "verified" | "secondary" | "check" | "retired",
    "verified" | "secondary" | "check" | "retired" | undefined,
    "verified" | "secondary" | "check" | "retired"
  >;
  status_note: ColumnType<string, string | undefined, string>;
  source_url: ColumnType<string, string | undefined, string>;
  /** An administrator changed the figures: compare them with the shipped reference. */
  edited: ColumnType<boolean, boolean | undefined, boolean>;
  confirmed_by: string | null;
  confirmed_at: Timestamp | null;
}

export interface NationalMeasuresTable {
  key: string;
  name: string;
  key_stage: "ks2" | "ks4";
  kind: "attainment" | "gap_index";
  unit: "percent" | "points" | "index";
  position: number;
}

export interface NationalFiguresTable {
  id: Generated<string>;
  measure_key: string;
  academic_year: string;
  disadvantaged: number | null;
  other: number | null;
  all_pupils: number | null;
  gap: number | null;
  status: "provisional" | "revised" | "final";
  source: string;
  source_url: ColumnType<string, string | undefined, string>;
  read_on: DateString;
  created_by: string | null;
  created_at: Timestamp;
}

export interface MeasureNationalLinksTable {
  measure_id: string;
  school_id: string;
  national_measure_key: string;
  mapped_by: string | null;
  mapped_at: Timestamp;
}

export interface StrategiesTable {
  id: Generated<string>;
  school_id: string;
  programme_year_id: string | null;
  title: string;
  description: ColumnType<string, string | undefined, string>;
  theme_id: string | null;
  eef_strand_id: string | null;
  evidence_references: ColumnType<string, string | undefined, string>;
  owner_user_id: string | null;
  starts_on: string | null;
  ends_on: string | null;
  sessions_per_week: number | null;
  minutes_per_session: number | null;
  cost_pounds: number | null;
  staff_hours: number | null;
  success_measure_id: string | null;
  success_change: number | null;
  status: ColumnType<string, string | undefined, string>;
  cascade_stage: ColumnType<CascadeStage, CascadeStage | undefined, CascadeStage>;
  version: ColumnType<number, number | undefined, number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface StrategyParticipantsTable {
  strategy_id: string;
  pupil_id: string;
  added_on: DateString;
}

export interface StrategyReviewsTable {
  id: Generated<string>;
  strategy_id: string;
  reviewed_on: DateString;
  done: string;
  data_shows: string;
  decision: string;
  author_id: string | null;
  created_at: Timestamp;
}

export interface StrategyStageChangesTable {
  id: Generated<string>;
  strategy_id: string;
  from_stage: string;
  to_stage: string;
  evidence: string;
  decided_by: string | null;
  decided_at: Timestamp;
}

export interface SharedResultsTable {
  id: Generated<string>;
  strategy_id: string;
  school_id: string;
  strand_key: string | null;
  theme_key: string | null;
  title: string;
  measure_name: string;
  from_label: string;
  to_label: string;
  comparison: string;
  n_t: number;
  mean_before_t: number | null;
  sd_before_t: number | null;
  mean_after_t: number | null;
  sd_after_t: number | null;
  n_c: number | null;
  mean_before_c: number | null;
  sd_before_c: number | null;
  mean_after_c: number | null;
  sd_after_c: number | null;
  g: number;
  v: number;
  ci_low: number;
  ci_high: number;
  months: number | null;
  measure_kind: ColumnType<string, string | undefined, string>;
  period_ends_on: ColumnType<string | null, string | null | undefined, string | null>;
  named: ColumnType<boolean, boolean | undefined, boolean>;
  shared_by: string | null;
  shared_at: Timestamp;
  withdrawn_at: Timestamp | null;
}

export interface WorkshopsTable {
  id: Generated<string>;
  cluster_id: string;
  plan_workshop_id: string | null;
  title: string;
  focus: ColumnType<string, string | undefined, string>;
  theme_id: string | null;
  starts_at: Timestamp;
  ends_at: Timestamp;
  venue: ColumnType<string, string | undefined, string>;
  online_link: ColumnType<string, string | undefined, string>;
  summary: string | null;
  summary_by: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WorkshopMaterialsTable {
  id: Generated<string>;
  workshop_id: string;
  title: string;
  url: string | null;
  file_name: string | null;
  content_type: string | null;
  size_bytes: number | null;
  content: Buffer | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface WorkshopTasksTable {
  id: Generated<string>;
  workshop_id: string;
  kind: "pre_work" | "follow_up";
  title: string;
  description: ColumnType<string, string | undefined, string>;
  due_on: string | null;
  position: ColumnType<number, number | undefined, number>;
}

export interface WorkshopAttendanceTable {
  workshop_id: string;
  user_id: string;
  enrolment_id: string;
  status: "present" | "absent" | "apologies";
  recorded_by: string | null;
  recorded_at: Timestamp;
}

export interface SchoolVisitsTable {
  id: Generated<string>;
  enrolment_id: string;
  visit_on: DateString;
  strengths: ColumnType<string, string | undefined, string>;
  challenges: ColumnType<string, string | undefined, string>;
  questions: ColumnType<string, string | undefined, string>;
  leader_response: string | null;
  response_by: string | null;
  response_at: Timestamp | null;
  booked_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ActionsTable {
  id: Generated<string>;
  enrolment_id: string;
  title: string;
  notes: ColumnType<string, string | undefined, string>;
  owner_user_id: string | null;
  due_on: string | null;
  status: ColumnType<
    "open" | "in_progress" | "done",
    "open" | "in_progress" | "done" | undefined,
    "open" | "in_progress" | "done"
  >;
  workshop_task_id: string | null;
  visit_id: string | null;
  strategy_id: string | null;
  pupil_group: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  completed_at: Timestamp | null;
}

export interface OutboxTable {
  id: Generated<string>;
  to_email: string;
  subject: string;
  body: string;
  created_at: Timestamp;
  sent_at: Timestamp | null;
  error: string | null;
  /** What the message is: workshop-week, action-overdue (or other, for older rows). */
  kind: ColumnType<string, string | undefined, string>;
  /** The user it is addressed to, when it went to one. */
  user_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** The message's HTML part, when it has one (the newsletter). */
  html: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface PpStatementsTable {
  id: Generated<string>;
  school_id: string;
  academic_year: string;
  /** What the team entered (the contract's ppEnteredSchema), as JSON. */
  entered: ColumnType<unknown, string, string>;
  published_at: Timestamp | null;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface RemindersSentTable {
  kind: string;
  ref_id: string;
  user_id: string;
  sent_at: Timestamp;
}

export type CaseStudyStatus =
  | "draft"
  | "submitted"
  | "changes_requested"
  | "published"
  | "withdrawn";

/** A story of change drafted from an evaluated strategy (issue 16): no pupil-level data. */
export interface CaseStudiesTable {
  id: Generated<string>;
  school_id: string;
  strategy_id: string | null;
  cluster_id: string | null;
  status: ColumnType<CaseStudyStatus, CaseStudyStatus | undefined, CaseStudyStatus>;
  audience: "cluster" | "network" | null;
  show_school_name: ColumnType<boolean, boolean | undefined, boolean>;
  title: string;
  /** The strategy's aggregate facts as drafted; `searchText` feeds the text search. */
  facts: Json;
  learned: ColumnType<string, string | undefined, string>;
  differently: ColumnType<string, string | undefined, string>;
  advice: ColumnType<string, string | undefined, string>;
  quote: ColumnType<string, string | undefined, string>;
  theme_id: string | null;
  eef_strand_id: string | null;
  phase: string | null;
  year_groups: ColumnType<string[], string[] | undefined, string[]>;
  cost_band: string | null;
  effect_size: number | null;
  design: string | null;
  pupils: number | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  submitted_at: Timestamp | null;
  published_at: Timestamp | null;
  published_by: string | null;
  withdrawn_at: Timestamp | null;
  search_vector: ColumnType<string, never, never>;
}

export interface CaseStudyEventsTable {
  id: Generated<string>;
  case_study_id: string;
  kind: "created" | "submitted" | "comment" | "changes_requested" | "published" | "withdrawn";
  body: ColumnType<string, string | undefined, string>;
  author_id: string | null;
  created_at: Timestamp;
  /** The order the steps happened in (migration h16a). */
  seq: Generated<number>;
}

export type ResourceKind =
  | "planning_tool"
  | "data_tracking_tool"
  | "reading"
  | "research_summary"
  | "template";

/** A file or link in the network's resource library (issue 16). */
export interface ResourcesTable {
  id: Generated<string>;
  title: string;
  summary: ColumnType<string, string | undefined, string>;
  kind: ResourceKind;
  url: string | null;
  file_name: string | null;
  content_type: string | null;
  size_bytes: number | null;
  content: Buffer | null;
  workshop_id: string | null;
  /** Set when the resource is a workshop's material linked into the library. */
  workshop_material_id: string | null;
  audience: ColumnType<string[], string[] | undefined, string[]>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  archived_at: Timestamp | null;
  search_vector: ColumnType<string, never, never>;
}

export interface ResourceThemesTable {
  resource_id: string;
  theme_id: string;
}

export interface ReadingListsTable {
  id: Generated<string>;
  title: string;
  summary: ColumnType<string, string | undefined, string>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ReadingListItemsTable {
  reading_list_id: string;
  resource_id: string;
  position: number;
  note: ColumnType<string, string | undefined, string>;
}

export interface SchoolShelfTable {
  school_id: string;
  resource_id: string;
  saved_by: string | null;
  saved_at: Timestamp;
}

export type NewsletterStatus = "draft" | "sending" | "sent";
export type NewsletterDeliveryStatus = "pending" | "sending" | "sent" | "failed";

/** A termly newsletter: its chosen items (jsonb) and, once sent, the evidence it reported. */
export interface NewslettersTable {
  id: Generated<string>;
  title: string;
  term_label: string;
  introduction: ColumnType<string, string | undefined, string>;
  items: ColumnType<unknown, string | undefined, string>;
  status: ColumnType<NewsletterStatus, NewsletterStatus | undefined, NewsletterStatus>;
  evidence_snapshot: ColumnType<unknown | null, string | null | undefined, string | null>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  sending_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  sent_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** One recipient of one issue: claimed before it is sent, so no one is mailed twice. */
export interface NewsletterDeliveriesTable {
  id: Generated<string>;
  newsletter_id: string;
  user_id: string;
  email: string;
  status: ColumnType<
    NewsletterDeliveryStatus,
    NewsletterDeliveryStatus | undefined,
    NewsletterDeliveryStatus
  >;
  attempts: ColumnType<number, number | undefined, number>;
  error: ColumnType<string | null, string | null | undefined, string | null>;
  claimed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  sent_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}
