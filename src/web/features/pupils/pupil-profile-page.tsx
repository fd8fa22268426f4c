import { Button, Card, Loader, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { SEN_LABELS } from "../../../contracts/pupil-data.ts";
import { useCurrentSchool } from "../../app/current-school.ts";
import { MySchoolNav } from "../../app/my-school-nav.tsx";
import { AnchorLink } from "../../components/anchor-link.tsx";
import { EmptyNote } from "../../components/empty-note.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { yearLabel } from "../../components/year-options.tsx";
import { type PupilProfile, usePupil } from "../../lib/api/pupils.ts";
import { formatDate } from "../../lib/format.ts";
import { offersDataRights, PupilDataRights } from "./pupil-data-rights.tsx";
import { PupilEditModal } from "./pupil-edit-modal.tsx";
import { FLAGS, pupilName } from "./pupil-flags.tsx";
import { PupilMeasureCharts } from "./pupil-measure-charts.tsx";

const GENDERS = { F: "Female", M: "Male", X: "Other or not stated" } as const;

/** One pupil: their details and flags, and every measure over time. */
export function PupilProfilePage({ pupilId }: { pupilId: string }) {
  const profile = usePupil(pupilId);
  const { school } = useCurrentSchool();
  const [editing, setEditing] = useState(false);
  if (profile.isPending) return <Loader role="status" size="sm" aria-label="Loading the pupil" />;
  if (profile.error) {
    return (
      <>
        <MySchoolNav />
        <PageHeader title="Pupil" />
        <ProblemAlert error={profile.error} title="This pupil cannot be shown" />
      </>
    );
  }
  const { pupil } = profile.data;
  return (
    <>
      <MySchoolNav />
      <AnchorLink to="/my-school/pupils" size="sm" className="no-print">
        ← All pupils
      </AnchorLink>
      <PageHeader
        title={pupilName(pupil)}
        intro={`${yearLabel(pupil.yearGroup)} · UPN ${pupil.upn}${pupil.upnTemporary ? " (temporary)" : ""} · born ${formatDate(pupil.dateOfBirth)}`}
        actions={
          school?.abilities.editPupils ? (
            <Button variant="default" onClick={() => setEditing(true)} className="no-print">
              Edit details
            </Button>
          ) : null
        }
      />
      <Stack gap="xl">
        <Details profile={profile.data} />
        <Stack gap="sm">
          <Title order={2} size="h3">
            Data over time
          </Title>
          <PupilMeasureCharts series={profile.data.measures} />
        </Stack>
        <History profile={profile.data} />
        {school && offersDataRights(school.abilities) ? (
          <PupilDataRights pupil={pupil} abilities={school.abilities} />
        ) : null}
      </Stack>
      {school?.abilities.editPupils ? (
        <PupilEditModal pupil={pupil} opened={editing} onClose={() => setEditing(false)} />
      ) : null}
    </>
  );
}

function Details({ profile }: { profile: PupilProfile }) {
  const { pupil } = profile;
  const flags = FLAGS.filter((f) => pupil[f.key] === true);
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      <Card withBorder padding="md">
        <Title order={2} size="h4" mb="sm">
          Disadvantage and needs
        </Title>
        <dl className="fact-list">
          <dt>Disadvantaged</dt>
          <dd>
            {pupil.disadvantaged === null
              ? "Not shown to para-professionals (nor pupil premium or free school meals) unless the school's leaders allow it"
              : `${pupil.disadvantaged ? "Yes" : "No"}, under the school's rule for who counts as disadvantaged`}
          </dd>
          <dt>Flags</dt>
          <dd>
            {flags.length > 0 ? flags.map((f) => `${f.label} (${f.short})`).join("; ") : "None"}
          </dd>
          <dt>SEN</dt>
          <dd>
            {pupil.senStatus} · {SEN_LABELS[pupil.senStatus]}
          </dd>
        </dl>
      </Card>
      <Card withBorder padding="md">
        <Title order={2} size="h4" mb="sm">
          On roll
        </Title>
        <dl className="fact-list">
          <dt>Legal name</dt>
          <dd>
            {pupil.legalFirstName} {pupil.lastName}
          </dd>
          <dt>Gender</dt>
          <dd>{pupil.gender ? GENDERS[pupil.gender] : "Not recorded"}</dd>
          <dt>Status</dt>
          <dd>{pupil.leftOn ? `Left on ${formatDate(pupil.leftOn)}` : "On roll"}</dd>
        </dl>
      </Card>
    </SimpleGrid>
  );
}

function History({ profile }: { profile: PupilProfile }) {
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      <Stack gap="xs">
        <Title order={2} size="h4">
          Target cohort
        </Title>
        {profile.cohortHistory.length === 0 ? (
          <EmptyNote>
            Not in the target cohort. When the school chooses its cohort, the pupil's time in it
            shows here.
          </EmptyNote>
        ) : (
          profile.cohortHistory.map((c) => (
            <Text key={c.joinedOn} size="sm">
              Joined {formatDate(c.joinedOn)}
              {c.leftOn ? `, left ${formatDate(c.leftOn)}` : ", still in the cohort"}
              {c.reason ? ` — ${c.reason}` : ""}
            </Text>
          ))
        )}
      </Stack>
      <Stack gap="xs">
        <Title order={2} size="h4">
          Strategies
        </Title>
        {profile.strategies.length === 0 ? (
          <EmptyNote>
            No strategies yet. The strategies the team trials with this pupil will show here as the
            school uses them.
          </EmptyNote>
        ) : (
          profile.strategies.map((s) => (
            <Text key={s.id} size="sm">
              {s.title}
            </Text>
          ))
        )}
      </Stack>
    </SimpleGrid>
  );
}
