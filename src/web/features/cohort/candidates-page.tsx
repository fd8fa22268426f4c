import {
  Button,
  Card,
  Group,
  Loader,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { useNavigate } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import type { Candidates } from "../../../contracts/cohort.ts";
import { cohortSizeWarning } from "../../../domain/cohort.ts";
import type { CurrentSchool } from "../../app/current-school.ts";
import { SchoolDataPage } from "../../app/my-school-nav.tsx";
import { AnchorLink } from "../../components/anchor-link.tsx";
import { ConfirmModal } from "../../components/confirm-modal.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { YearGroupFilter } from "../../components/year-options.tsx";
import { useCandidates, useConfirmCohort } from "../../lib/api/cohort.ts";
import { CandidatesTable } from "./candidates-table.tsx";
import { PointPicker } from "./point-picker.tsx";
import { SizeWarning } from "./size-warning.tsx";
import { WeightsCard } from "./weights-card.tsx";

type StatusFilter = "all" | "proposed" | "held-back";

/** The candidate finder: the school's pupils ranked against the programme's criteria. */
export function CandidatesPage() {
  return (
    <SchoolDataPage
      title="Candidate finder"
      intro="Choose about 15 pupils for the target cohort: the finder ranks the school's pupils and says why."
      actions={
        <AnchorLink to="/my-school/cohort" fw={600} className="no-print">
          Back to the cohort
        </AnchorLink>
      }
    >
      {(school) => <Finder key={school.id} school={school} />}
    </SchoolDataPage>
  );
}

function Finder({ school }: { school: CurrentSchool }) {
  const [pointId, setPointId] = useState<string | null>(null);
  const candidates = useCandidates(school.id, pointId);
  return (
    <Stack gap="lg">
      <ProblemAlert error={candidates.error} title="The candidates could not be loaded" />
      {candidates.isPending ? (
        <Loader role="status" size="sm" aria-label="Loading the candidates" />
      ) : null}
      {candidates.data ? (
        <FinderBody school={school} data={candidates.data} onPoint={setPointId} />
      ) : null}
    </Stack>
  );
}

function FinderBody({
  school,
  data,
  onPoint,
}: {
  school: CurrentSchool;
  data: Candidates;
  onPoint: (pointId: string | null) => void;
}) {
  const navigate = useNavigate();
  const confirm = useConfirmCohort(school.id);
  const [status, setStatus] = useState<StatusFilter>("all");
  const [yearGroup, setYearGroup] = useState<string | null>(null);
  const [chosen, setChosen] = useState(
    () => new Set(data.candidates.filter((c) => c.inCohort).map((c) => c.pupilId)),
  );
  const [reason, setReason] = useState("");
  const [asking, setAsking] = useState(false);

  const rank = useMemo(
    () => new Map(data.candidates.map((c, i) => [c.pupilId, i + 1])),
    [data.candidates],
  );
  const yearGroups = [...new Set(data.candidates.map((c) => c.yearGroup))].sort(
    (a, b) => (Number.parseInt(a, 10) || 0) - (Number.parseInt(b, 10) || 0) || a.localeCompare(b),
  );
  const rows = data.candidates.filter(
    (c) => (status === "all" || c.status === status) && (!yearGroup || c.yearGroup === yearGroup),
  );
  const joining = data.candidates.filter((c) => chosen.has(c.pupilId) && !c.inCohort);
  const leaving = data.candidates.filter((c) => !chosen.has(c.pupilId) && c.inCohort);
  const warning = cohortSizeWarning(chosen.size);
  const changed = joining.length + leaving.length > 0;

  const toggle = (pupilId: string) =>
    setChosen((current) => {
      const next = new Set(current);
      if (next.has(pupilId)) next.delete(pupilId);
      else next.add(pupilId);
      return next;
    });

  const names = (list: typeof joining) => list.map((c) => c.name).join(", ");

  return (
    <>
      <PointPicker data={data} onChange={onPoint} />
      <WeightsCard data={data} />
      <Group gap="lg" align="flex-end" wrap="wrap" className="no-print">
        <Stack gap={4}>
          <Text size="sm" fw={500} id="status-filter-label">
            Show
          </Text>
          <SegmentedControl
            aria-labelledby="status-filter-label"
            value={status}
            onChange={(value) => setStatus(value as StatusFilter)}
            data={[
              { value: "all", label: "All" },
              { value: "proposed", label: "Proposed" },
              { value: "held-back", label: "Held back" },
            ]}
          />
        </Stack>
        <YearGroupFilter
          value={yearGroup}
          onChange={setYearGroup}
          yearGroups={yearGroups}
          w={200}
        />
        <Text size="sm" aria-live="polite">
          Showing {rows.length} of {data.candidates.length} pupils
        </Text>
      </Group>

      <Card withBorder padding="md" className="cohort-choice">
        <Stack gap="xs">
          <Title order={2} size="h4">
            {school.abilities.confirmCohort ? "Your choice" : "The cohort"}
          </Title>
          <Stack gap="xs" role="status">
            <Text fw={700} size="lg" data-testid="chosen-count">
              {chosen.size} {chosen.size === 1 ? "pupil" : "pupils"} chosen
              {changed
                ? ` · ${joining.length} joining, ${leaving.length} leaving`
                : " · no changes"}
            </Text>
            {warning ? <SizeWarning>{warning}</SizeWarning> : null}
          </Stack>
          {school.abilities.confirmCohort ? (
            <>
              <Textarea
                label="Reason (optional)"
                description="Kept in the cohort's history beside each pupil who joins or leaves."
                value={reason}
                maxLength={500}
                onChange={(e) => setReason(e.currentTarget.value)}
                autosize
                minRows={2}
              />
              <Group>
                <Button disabled={!changed} onClick={() => setAsking(true)}>
                  Confirm the cohort
                </Button>
              </Group>
            </>
          ) : (
            <Text size="sm">
              The school's leaders choose and confirm the cohort; you can see the ranking and the
              reasons.
            </Text>
          )}
        </Stack>
      </Card>

      <CandidatesTable
        rows={rows}
        rank={rank}
        chosen={chosen}
        canChoose={school.abilities.confirmCohort}
        onToggle={toggle}
      />

      <ConfirmModal
        opened={asking}
        title="Confirm the cohort?"
        confirmLabel="Confirm the cohort"
        color="teal"
        pending={confirm.isPending}
        error={confirm.error}
        onClose={() => setAsking(false)}
        onConfirm={() =>
          confirm.mutate(
            {
              pupilIds: [...chosen],
              ...(reason.trim() ? { reason: reason.trim() } : {}),
            },
            {
              onSuccess: () => void navigate({ to: "/my-school/cohort" }),
            },
          )
        }
      >
        <Stack gap="xs">
          <Text>The cohort will have {chosen.size} pupils.</Text>
          {joining.length > 0 ? <Text>Joining today: {names(joining)}.</Text> : null}
          {leaving.length > 0 ? (
            <Text>
              Leaving today: {names(leaving)}. Their time in the cohort stays in its history, and
              they can be chosen again.
            </Text>
          ) : null}
          {warning ? <Text c="orange.9">{warning}</Text> : null}
        </Stack>
      </ConfirmModal>
    </>
  );
}
