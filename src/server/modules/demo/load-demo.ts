import { randomBytes } from "node:crypto";
import { type Kysely, sql } from "kysely";
import type { Role } from "../../../contracts/roles.ts";
import type { DB } from "../../../db/schema.ts";
import { type DemoNetwork, generateNetwork } from "../../../demo/network.ts";
import { academicYearOf, parseAcademicYear } from "../../../domain/academic-year.ts";
import { today as londonToday } from "../../../domain/calendar.ts";
import { findTemplate } from "../../../domain/programme-templates.ts";
import { SCHOOL_ROLE_FOR } from "../../../domain/team-composition.ts";
import { recordAudit } from "../../audit/store.ts";
import { Conflict } from "../../errors.ts";
import { hashPassword } from "../auth/passwords.ts";
import { setSecondFactorRequired } from "../mfa/store.ts";
import { insertProgramme } from "../programmes/store.ts";
import { insertSchool, takenShortCodes } from "../schools/store.ts";
import { addMembership, countUsers, insertUser } from "../users/store.ts";
import { chooseDemoCohorts, loadDemoPupilData } from "./load-demo-pupils.ts";
import { loadDemoStrategies } from "./load-demo-strategies.ts";
import { loadDemoYear } from "./load-demo-year.ts";

export interface LoadedDemo {
  network: DemoNetwork;
  programmeYearId: string;
  hubIds: Record<string, string>;
  schoolIds: Record<string, string>;
  clusterIds: Record<string, string>;
  enrolmentIds: Record<string, string>;
  userIds: Record<string, string>;
  /** The accounts to sign in with, one per role; they share `password`. */
  credentials: Array<{ role: Role; name: string; email: string }>;
  password: string;
}

/** A password for the demo accounts: random, shown once, long enough for the policy. */
export function newDemoPassword(): string {
  return `demo-${randomBytes(9).toString("base64url")}`;
}

/**
 * Loads the generated demo network in the caller's transaction, only into an
 * empty database: fiction is never mixed into real data.
 */
export async function loadDemoNetwork(
  trx: Kysely<DB>,
  options: { now: Date; password: string; seed?: number },
): Promise<LoadedDemo> {
  const network = generateNetwork(options.seed);
  const now = options.now;
  await sql`lock table users in share row exclusive mode`.execute(trx);
  if ((await countUsers(trx)) > 0) {
    throw new Conflict("Demo data goes only into an empty Cascade: this one already has accounts.");
  }

  // The demo's accounts are signed in with the one password shown at set-up, by
  // whoever is trying Cascade out: no second factor is required of them.
  await setSecondFactorRequired(trx, false, null, now);

  const template = findTemplate("excellence-for-everyone");
  if (!template) throw new Error("the built-in programme template is missing");
  const programmeId = await insertProgramme(
    trx,
    {
      ...template,
      templateKey: template.key,
      themes: [...template.themes],
      workshops: [...template.workshops],
    },
    now,
  );
  const year = parseAcademicYear(academicYearOf(londonToday({ now: () => now })));
  if (!year.ok) throw new Error(year.reason);
  const programmeYear = await trx
    .insertInto("programme_years")
    .values({
      programme_id: programmeId,
      academic_year: year.label,
      starts_on: year.startsOn,
      ends_on: year.endsOn,
      created_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();

  const hubIds: Record<string, string> = {};
  for (const hub of network.hubs) {
    const row = await trx
      .insertInto("hubs")
      .values({ name: hub.name, created_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    hubIds[hub.key] = row.id;
  }

  const taken = await takenShortCodes(trx);
  const schoolIds: Record<string, string> = {};
  for (const school of network.schools) {
    schoolIds[school.key] = await insertSchool(
      trx,
      { ...school, hubId: hubIds[school.hubKey] ?? null },
      now,
      taken,
    );
  }

  const userPassword = await hashPassword(options.password);
  // Staff who are not demo accounts get a password nobody knows.
  const unusable = await hashPassword(randomBytes(24).toString("base64url"));
  const demoKeys = new Set(network.demoUsers.map((u) => u.personKey));
  const userIds: Record<string, string> = {};
  for (const person of network.people) {
    userIds[person.key] = await insertUser(trx, {
      email: person.email,
      name: person.name,
      passwordHash: demoKeys.has(person.key) ? userPassword : unusable,
      createdAt: now,
    });
  }
  const adminId = userIds.admin;
  if (adminId)
    await addMembership(trx, {
      userId: adminId,
      role: "network_admin",
      scopeType: "network",
      scopeId: null,
    });

  const clusterIds: Record<string, string> = {};
  const enrolmentIds: Record<string, string> = {};
  for (const cluster of network.clusters) {
    const clusterRow = await trx
      .insertInto("clusters")
      .values({
        programme_year_id: programmeYear.id,
        name: cluster.name,
        facilitation_school_id: schoolIds[cluster.facilitationSchoolKey] ?? "",
        created_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    clusterIds[cluster.key] = clusterRow.id;
    const leadId = userIds[cluster.programmeLeadKey];
    if (leadId)
      await addMembership(trx, {
        userId: leadId,
        role: "programme_lead",
        scopeType: "cluster",
        scopeId: clusterRow.id,
      });
    const trio = await trx
      .insertInto("trios")
      .values({ cluster_id: clusterRow.id, name: cluster.trio.name, created_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const schoolKey of cluster.schoolKeys) {
      const trioRole =
        cluster.trio.leadKey === schoolKey
          ? "lead"
          : cluster.trio.acceleratorKeys.includes(schoolKey)
            ? "accelerator"
            : null;
      const enrolment = await trx
        .insertInto("enrolments")
        .values({
          school_id: schoolIds[schoolKey] ?? "",
          programme_year_id: programmeYear.id,
          cluster_id: clusterRow.id,
          trio_id: trioRole ? trio.id : null,
          trio_role: trioRole,
          created_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      enrolmentIds[schoolKey] = enrolment.id;
      for (const member of network.teams[schoolKey] ?? []) {
        const userId = userIds[member.personKey] ?? "";
        await addMembership(trx, {
          userId,
          role: SCHOOL_ROLE_FOR[member.teamRole],
          scopeType: "school",
          scopeId: schoolIds[schoolKey] ?? "",
        });
        await trx
          .insertInto("team_members")
          .values({
            enrolment_id: enrolment.id,
            user_id: userId,
            team_role: member.teamRole,
            subject: member.subject,
            created_at: now,
          })
          .execute();
      }
    }
  }

  const pointsBegun = await loadDemoPupilData(trx, {
    network,
    schoolIds,
    now,
    seed: options.seed ?? 2026,
  });
  await chooseDemoCohorts(trx, { schoolIds: Object.values(schoolIds), now });
  await loadDemoYear(trx, {
    clusterIds: Object.values(clusterIds),
    firstSchoolId: schoolIds["school-1"] ?? "",
    now,
  });
  await loadDemoStrategies(trx, {
    network,
    schoolIds,
    firstSchoolKey: "school-1",
    now,
    seed: options.seed ?? 2026,
  });

  await recordAudit(trx, now, {
    action: "demo.loaded",
    actorUserId: null,
    details: {
      schools: network.schools.length,
      people: network.people.length,
      pointsWithData: pointsBegun,
    },
  });

  return {
    network,
    programmeYearId: programmeYear.id,
    hubIds,
    schoolIds,
    clusterIds,
    enrolmentIds,
    userIds,
    credentials: await Promise.all(
      network.demoUsers.map(async (u) => {
        const row = await trx
          .selectFrom("users")
          .select(["name", "email"])
          .where("id", "=", userIds[u.personKey] ?? "")
          .executeTakeFirstOrThrow();
        return { role: u.role, name: row.name, email: row.email };
      }),
    ),
    password: options.password,
  };
}
