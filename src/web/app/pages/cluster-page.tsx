import { Card, Group, Loader, Stack, Title } from "@mantine/core";
import { AnchorLink } from "../../components/anchor-link.tsx";
import { EmptyNote } from "../../components/empty-note.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { ClusterSummaryCard } from "../../features/clusters/cluster-summary.tsx";
import { EnrolSchoolForm } from "../../features/clusters/enrol-school-form.tsx";
import { EnrolledSchools } from "../../features/clusters/enrolled-schools.tsx";
import { FormTrioForm } from "../../features/clusters/form-trio-form.tsx";
import { ProgressTable } from "../../features/clusters/progress-table.tsx";
import { TriosList } from "../../features/clusters/trios-section.tsx";
import { ClusterVisits } from "../../features/visits/cluster-visits.tsx";
import { ClusterWorkshops } from "../../features/workshops/cluster-workshops.tsx";
import { useCluster } from "../../lib/api/clusters.ts";
import { useMe } from "../get-me.ts";

/** One cluster: its year's progress, workshops and visits, its schools and teams, and its trios. */
export function ClusterPage({ clusterId }: { clusterId: string }) {
  const { data: me } = useMe();
  const cluster = useCluster(clusterId);
  // What this person may do here, from the server's abilities: an administrator manages
  // the cluster's schools and trios; its lead runs workshops and visits and opens its matrix.
  const formsTrios = me?.abilities.manageClusters ?? false;
  const enrols = me?.abilities.enrolSchools ?? false;
  const led = me?.clusters.find((c) => c.id === clusterId)?.abilities;
  const opensMatrix = led?.openMatrix ?? false;
  const readsReport = (led?.readClusterReport || me?.abilities.readClusterReports) ?? false;

  if (cluster.isPending) return <Loader role="status" size="sm" aria-label="Loading the cluster" />;
  if (cluster.error) {
    return (
      <>
        <PageHeader title="Cluster" />
        <ProblemAlert error={cluster.error} title="This cluster cannot be shown" />
      </>
    );
  }
  const data = cluster.data;
  return (
    <>
      <PageHeader
        title={data.name}
        intro={`${data.programmeName} ${data.academicYear} · facilitated by ${data.facilitationSchool.name}`}
        actions={
          <Group gap="md">
            {opensMatrix && data.enrolments.length > 0 ? (
              <AnchorLink to="/matrix" search={{ view: "cluster", clusterId }} fw={600}>
                Open the cluster's matrix
              </AnchorLink>
            ) : null}
            {readsReport ? (
              <AnchorLink to="/clusters/$clusterId/impact-report" params={{ clusterId }} fw={600}>
                Impact report
              </AnchorLink>
            ) : null}
          </Group>
        }
      />
      <Stack gap="xl">
        <ClusterSummaryCard cluster={data} />
        {data.enrolments.length > 0 ? <ProgressTable clusterId={clusterId} /> : null}
        <ClusterWorkshops clusterId={clusterId} canSchedule={led?.scheduleWorkshops ?? false} />
        {led?.bookVisits ? (
          <ClusterVisits
            schools={data.enrolments.map((e) => ({ enrolmentId: e.id, schoolName: e.school.name }))}
          />
        ) : null}

        <Stack gap="sm">
          <Title order={2} size="h3">
            Schools
          </Title>
          {enrols ? <EnrolSchoolForm cluster={data} /> : null}
          {data.enrolments.length === 0 ? (
            <EmptyNote>
              No schools are enrolled yet.{" "}
              {enrols
                ? "Choose one above to enrol it."
                : "A network administrator enrols them; ask them when."}
            </EmptyNote>
          ) : (
            <EnrolledSchools cluster={data} isAdmin={enrols} />
          )}
        </Stack>

        <Stack gap="sm">
          <Title order={2} size="h3">
            Trios
          </Title>
          <TriosList cluster={data} isAdmin={formsTrios} withMatrix={opensMatrix} />
          {formsTrios && data.enrolments.length > 0 ? (
            <Card withBorder padding="md">
              <FormTrioForm cluster={data} />
            </Card>
          ) : null}
        </Stack>
      </Stack>
    </>
  );
}
