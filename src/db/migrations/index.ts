import type { Migration } from "kysely";
import * as accounts from "./20261123-0001-accounts.ts";
import * as networkStructure from "./20261123-0002-network-structure.ts";
import * as pupilData from "./20261123-0003-pupil-data.ts";
import * as cohortAndMatrix from "./20261123-0004-cohort-and-matrix.ts";
import * as strategies from "./20261123-0005-strategies.ts";
import * as programmeYear from "./20261123-0006-programme-year.ts";
import * as pointsOpenedEarly from "./20261201-0001-h12-a-points-opened-early.ts";
import * as auditChain from "./20261201-1505-h10-audit-chain.ts";
import * as h10AuthThrottle from "./20261201-1510-h10-auth-throttle-and-sign-in-links.ts";
import * as eefStrandFigures from "./20261201-1510-h11-data-eef-strand-figures.ts";
import * as h11StatsEvidencePools from "./20261201-1511-h11-stats-evidence-pools.ts";
import * as outboxKind from "./20261201-1520-h10-ops-outbox-kind.ts";
import * as nationalFigures from "./20261201-1520-h11-data-national-figures.ts";
import * as pendingMemberships from "./20261201-1640-h10-approve-pending-memberships.ts";
import * as staffHourlyRate from "./20261201-1800-h12-cost-staff-hourly-rate.ts";
import * as leaversOnImport from "./20261201-1800-h12-leavers-on-import.ts";
import * as paraPupilAccess from "./20261201-1800-h12-para-pupil-access.ts";
import * as sessionMethod from "./20261202-0100-session-method.ts";
import * as totp from "./20261202-0110-totp.ts";
import * as passwordReset from "./20261202-0120-password-reset.ts";
import * as reauthenticatedAt from "./20261202-0730-reauthenticated-at.ts";
import * as gdprDataRights from "./20261202-0800-gdpr-data-rights.ts";
import * as retention from "./20261202-0800-retention.ts";
import * as passkeys from "./20261202-0900-passkeys.ts";
import * as erasure from "./20261202-1500-erasure.ts";
import * as singleSignOn from "./20261202-1500-single-sign-on.ts";
import * as impactWhatNext from "./20261203-1110-impact-what-next.ts";
import * as ppStatement from "./20261203-1120-pp-statement.ts";
import * as dataVersions from "./20261203-1140-data-versions.ts";
import * as h16Library from "./20261203-1400-h16-library.ts";
import * as h16aCaseStudyEventOrder from "./20261203-1500-h16a-case-study-event-order.ts";
import * as h16cNewsletters from "./20261203-1500-h16c-newsletters.ts";

/**
 * Every migration, in the order it runs (Kysely runs them sorted by name). Names are timestamped and never change
 * once landed; a new change is a new file added at the end.
 */
export const migrations: Record<string, Migration> = {
  "20261123-0001-accounts": accounts,
  "20261123-0002-network-structure": networkStructure,
  "20261123-0003-pupil-data": pupilData,
  "20261123-0004-cohort-and-matrix": cohortAndMatrix,
  "20261123-0005-strategies": strategies,
  "20261123-0006-programme-year": programmeYear,
  "20261201-0001-h12-a-points-opened-early": pointsOpenedEarly,
  "20261201-1505-h10-audit-chain": auditChain,
  "20261201-1510-h10-auth-throttle-and-sign-in-links": h10AuthThrottle,
  "20261201-1510-h11-data-eef-strand-figures": eefStrandFigures,
  "20261201-1511-h11-stats-evidence-pools": h11StatsEvidencePools,
  "20261201-1520-h10-ops-outbox-kind": outboxKind,
  "20261201-1520-h11-data-national-figures": nationalFigures,
  "20261201-1640-h10-approve-pending-memberships": pendingMemberships,
  "20261201-1800-h12-cost-staff-hourly-rate": staffHourlyRate,
  "20261201-1800-h12-leavers-on-import": leaversOnImport,
  "20261201-1800-h12-para-pupil-access": paraPupilAccess,
  "20261202-0100-session-method": sessionMethod,
  "20261202-0110-totp": totp,
  "20261202-0120-password-reset": passwordReset,
  "20261202-0730-reauthenticated-at": reauthenticatedAt,
  "20261202-0800-gdpr-data-rights": gdprDataRights,
  "20261202-0800-retention": retention,
  "20261202-0900-passkeys": passkeys,
  "20261202-1500-erasure": erasure,
  "20261202-1500-single-sign-on": singleSignOn,
  "20261203-1110-impact-what-next": impactWhatNext,
  "20261203-1120-pp-statement": ppStatement,
  "20261203-1140-data-versions": dataVersions,
  "20261203-1400-h16-library": h16Library,
  "20261203-1500-h16a-case-study-event-order": h16aCaseStudyEventOrder,
  "20261203-1500-h16c-newsletters": h16cNewsletters,
};
