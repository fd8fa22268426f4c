import {
  Button,
  Card,
  Group,
  Loader,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useState } from "react";
import { ConfirmModal } from "../../components/confirm-modal.tsx";
import { EmptyNote } from "../../components/empty-note.tsx";
import { NumberField } from "../../components/number-field.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { formatDate, formatDateTime } from "../../lib/format.ts";
import { readNumberText } from "../../lib/number-text.ts";
import {
  type RetentionReport,
  type RetentionSettingsView,
  useHoldChoices,
  useLegalHolds,
  usePlaceHold,
  useReleaseHold,
  useRetentionSettings,
  useRunRetention,
  useSaveRetentionSettings,
} from "./api/retention.ts";

/** The network's retention: how long data is kept, legal holds, and what the daily job deleted. */
export function RetentionPage() {
  const settings = useRetentionSettings();
  return (
    <>
      <PageHeader
        title="Retention"
        intro="How long Cascade keeps pupil-level data and the audit log. A daily job deletes what is past retention, except what a legal hold keeps, and reports what it deleted."
      />
      <ProblemAlert error={settings.error} title="The retention settings could not be loaded" />
      {settings.isPending ? (
        <Loader role="status" size="sm" aria-label="Loading the retention settings" />
      ) : null}
      {settings.data ? (
        <Stack gap="lg" maw={960}>
          <SettingsCard settings={settings.data} />
          <LastRunCard settings={settings.data} />
          <HoldsCard />
        </Stack>
      ) : null}
    </>
  );
}

function SettingsCard({ settings }: { settings: RetentionSettingsView }) {
  const save = useSaveRetentionSettings();
  const [pupil, setPupil] = useState<string>(String(settings.pupilDataYears));
  const [audit, setAudit] = useState<string>(String(settings.auditLogYears));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { limits } = settings;
  const check = (value: string, min: number, max: number): string | null => {
    const n = readNumberText(value);
    if (n === null || Number.isNaN(n) || !Number.isInteger(n) || n < min || n > max)
      return `Type a whole number of years from ${min} to ${max}.`;
    return null;
  };
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const next: Record<string, string> = {};
    const p = check(pupil, limits.pupilDataYears.min, limits.pupilDataYears.max);
    const a = check(audit, limits.auditLogYears.min, limits.auditLogYears.max);
    if (p) next.pupilDataYears = p;
    if (a) next.auditLogYears = a;
    setErrors(next);
    if (p || a) return;
    save.mutate({
      pupilDataYears: readNumberText(pupil) as number,
      auditLogYears: readNumberText(audit) as number,
    });
  };
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="retention-rules-title">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h3" id="retention-rules-title">
            Retention rules
          </Title>
          <Group align="flex-start" grow>
            <NumberField
              label="Pupil-level data: years after the programme year ends"
              description="Observations, cohort places and strategy places; a pupil's record once nothing else of theirs is kept."
              value={pupil}
              onChange={(e) => setPupil(e.currentTarget.value)}
              error={errors.pupilDataYears}
            />
            <NumberField
              label="Audit log: years kept"
              description="Older rows are pruned; the hash chain stays verifiable."
              value={audit}
              onChange={(e) => setAudit(e.currentTarget.value)}
              error={errors.auditLogYears}
            />
          </Group>
          <ProblemAlert error={save.error} title="The rules were not changed" />
          <Group>
            <Button type="submit" loading={save.isPending}>
              Save the rules
            </Button>
            <Text size="sm" role="status">
              {save.isSuccess ? "Saved." : `Last changed ${formatDateTime(settings.updatedAt)}.`}
            </Text>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

const CATEGORIES: [keyof RetentionReport["deleted"], string][] = [
  ["observations", "Observations"],
  ["cohortPlaces", "Cohort places"],
  ["strategyParticipants", "Strategy places"],
  ["importHistory", "Import and correction history rows"],
  ["pupilsErased", "Pupils erased"],
  ["auditRows", "Audit rows"],
];

function ReportTable({ report, caption }: { report: RetentionReport; caption: string }) {
  return (
    <Table withTableBorder striped maw={520}>
      <caption>{caption}</caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Category</Table.Th>
          <Table.Th scope="col">{report.dryRun ? "Would delete" : "Deleted"}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {CATEGORIES.map(([key, label]) => (
          <Table.Tr key={key}>
            <Table.Th scope="row" fw={400}>
              {label}
            </Table.Th>
            <Table.Td>{report.deleted[key]}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function LastRunCard({ settings }: { settings: RetentionSettingsView }) {
  const run = useRunRetention();
  const [confirming, setConfirming] = useState(false);
  const last = settings.lastRun;
  const preview = run.data?.dryRun ? run.data : null;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="last-run-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="last-run-title">
          The daily run
        </Title>
        {last ? (
          <>
            <Text size="sm">
              Last run {formatDateTime(last.ranAt)} ({last.trigger}): pupil-level data of programme
              years that ended before {formatDate(last.report.pupilCutoff)}, and audit rows written
              before {formatDateTime(last.report.auditCutoff)}. Legal holds kept{" "}
              {last.report.kept.heldSchools} school(s) and {last.report.kept.heldProgrammeYears}{" "}
              programme year(s).
            </Text>
            <ReportTable report={last.report} caption="What the last run deleted" />
          </>
        ) : (
          <EmptyNote>Retention has not run yet. It runs once a day.</EmptyNote>
        )}
        {preview ? <ReportTable report={preview} caption="What a run now would delete" /> : null}
        <ProblemAlert error={run.error} title="Retention did not run" />
        <Group>
          <Button
            variant="default"
            loading={run.isPending && run.variables}
            onClick={() => run.mutate(true)}
          >
            Preview a run
          </Button>
          <Button color="red" variant="light" onClick={() => setConfirming(true)}>
            Run now
          </Button>
        </Group>
      </Stack>
      <ConfirmModal
        opened={confirming}
        title="Delete what is past retention now?"
        confirmLabel="Run now"
        pending={run.isPending}
        error={run.error}
        onClose={() => setConfirming(false)}
        onConfirm={() => run.mutate(false, { onSuccess: () => setConfirming(false) })}
      >
        The deletion cannot be undone. What a legal hold keeps is not deleted.
      </ConfirmModal>
    </Card>
  );
}

function HoldsCard() {
  const holds = useLegalHolds();
  const choices = useHoldChoices();
  const place = usePlaceHold();
  const release = useReleaseHold();
  const [scope, setScope] = useState<"school" | "programme_year">("school");
  const [target, setTarget] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const options =
    scope === "school"
      ? (choices.data?.schools ?? []).map((s) => ({ value: s.id, label: s.name }))
      : (choices.data?.years ?? []).map((y) => ({
          value: y.id,
          label: `${y.programmeName} ${y.academicYear}`,
        }));
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!target)
      return setError(scope === "school" ? "Choose a school." : "Choose a programme year.");
    setError(null);
    const body =
      scope === "school"
        ? { scope, schoolId: target, reason }
        : { scope, programmeYearId: target, reason };
    place.mutate(body, {
      onSuccess: () => {
        setTarget(null);
        setReason("");
      },
    });
  };
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="holds-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="holds-title">
          Legal holds
        </Title>
        <Text size="sm">
          A hold stops retention deleting a school's or a programme year's pupil data, for a claim,
          an investigation or a subject access request in progress.
        </Text>
        <ProblemAlert error={holds.error} title="The holds could not be loaded" />
        {holds.data && holds.data.items.length === 0 ? (
          <EmptyNote>No legal holds are in force.</EmptyNote>
        ) : null}
        {holds.data && holds.data.items.length > 0 ? (
          <Table withTableBorder>
            <caption>Legal holds in force</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">On</Table.Th>
                <Table.Th scope="col">Reason</Table.Th>
                <Table.Th scope="col">Placed</Table.Th>
                <Table.Th scope="col">
                  <span className="visually-hidden">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {holds.data.items.map((hold) => (
                <Table.Tr key={hold.id}>
                  <Table.Td>
                    {hold.label} ({hold.scope === "school" ? "school" : "programme year"})
                  </Table.Td>
                  <Table.Td>{hold.reason}</Table.Td>
                  <Table.Td>
                    {formatDateTime(hold.placedAt)}
                    {hold.placedBy ? ` by ${hold.placedBy}` : ""}
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="default"
                      loading={release.isPending && release.variables === hold.id}
                      onClick={() => release.mutate(hold.id)}
                      aria-label={`Release the hold on ${hold.label}`}
                    >
                      Release
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : null}
        <ProblemAlert error={release.error} title="The hold was not released" />
        <form onSubmit={submit} noValidate aria-label="Place a legal hold">
          <Stack gap="sm">
            <Title order={3} size="h4">
              Place a hold
            </Title>
            <Group align="flex-start" grow>
              <Select
                label="Hold"
                data={[
                  { value: "school", label: "A school" },
                  { value: "programme_year", label: "A programme year" },
                ]}
                value={scope}
                allowDeselect={false}
                onChange={(value) => {
                  setScope(value === "programme_year" ? "programme_year" : "school");
                  setTarget(null);
                }}
              />
              <Select
                label={scope === "school" ? "School" : "Programme year"}
                data={options}
                value={target}
                searchable
                onChange={setTarget}
                error={error}
                nothingFoundMessage="Nothing matches"
              />
            </Group>
            <TextInput
              label="Reason"
              description="Why the data must be kept: it is recorded in the audit log."
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              maxLength={500}
            />
            <ProblemAlert error={place.error} title="The hold was not placed" />
            <Group>
              <Button type="submit" loading={place.isPending}>
                Place the hold
              </Button>
              {place.isSuccess ? (
                <Text size="sm" role="status">
                  Hold placed.
                </Text>
              ) : null}
            </Group>
          </Stack>
        </form>
      </Stack>
    </Card>
  );
}
