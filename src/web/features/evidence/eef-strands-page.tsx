import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useState } from "react";
import { STRAND_STATUS_LABELS, updateEefStrandSchema } from "../../../contracts/strategies.ts";
import "./evidence.css";
import { NumberField } from "../../components/number-field.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { londonToday } from "../../lib/assessment-points.ts";
import {
  costText,
  type EefStrand,
  type EefStrandChanges,
  evidenceText,
  monthsText,
  NEEDS_CHECKING,
  useConfirmEefStrand,
  useEefStrands,
  useUpdateEefStrand,
} from "../../lib/eef-strands.ts";
import { formatDate } from "../../lib/format.ts";
import { fieldErrorsOf, validateWith } from "../../lib/forms.ts";
import { readNumberText, withNumberFields } from "../../lib/number-text.ts";

function StatusCell({ strand }: { strand: EefStrand }) {
  if (strand.retired)
    return (
      <Badge color="gray" variant="light">
        Retired
      </Badge>
    );
  return (
    <Stack gap={2}>
      {strand.needsChecking ? (
        <Text size="xs" fw={700} c="red.9" data-testid="needs-checking">
          {NEEDS_CHECKING}
        </Text>
      ) : strand.confirmedAt ? (
        <Text size="xs" data-testid="confirmed">
          Checked against the live Toolkit by {strand.confirmedByName ?? "an administrator"} on{" "}
          {formatDate(strand.confirmedAt)}
        </Text>
      ) : (
        <Text size="xs">{STRAND_STATUS_LABELS[strand.status]}</Text>
      )}
      {strand.needsChecking && strand.statusNote ? (
        <Text size="xs" c="dimmed">
          {strand.statusNote}
        </Text>
      ) : null}
      {strand.differsFromReference ? (
        <Text size="xs" fw={600} data-testid="differs">
          Your edit differs from the Toolkit reference: {strand.differsFromReference}
        </Text>
      ) : null}
    </Stack>
  );
}

/** The EEF Toolkit reference list strategies draw on, kept right by the network's administrators. */
export function EefStrandsPage() {
  const strands = useEefStrands();
  const [editing, setEditing] = useState<EefStrand | null>(null);
  const [confirming, setConfirming] = useState<EefStrand | null>(null);
  const items = strands.data ?? [];
  const toCheck = items.filter((s) => s.needsChecking).length;
  return (
    <>
      <PageHeader
        title="EEF Toolkit strands"
        intro="The reference list a strategy's evidence is chosen from: each strand's headline months' progress, cost and evidence strength."
      />
      <Stack gap="md">
        <Alert
          color={toCheck > 0 ? "orange" : "gray"}
          variant="light"
          title={
            toCheck > 0
              ? `${toCheck} ${toCheck === 1 ? "strand needs" : "strands need"} checking against the live Toolkit`
              : "Figures as published by the EEF"
          }
          className="verify-note"
          data-testid="verify-note"
        >
          <Text size="sm">
            Figures as published by the EEF Teaching and Learning Toolkit, each read on the date
            shown. The Toolkit is a living review and its sources do not always agree: where they
            differ a strand is marked as needing checking until you read its live page and confirm
            it (or correct it). Months show as "–" where the EEF gives none.
          </Text>
        </Alert>
        <ProblemAlert error={strands.error} title="The strands could not be loaded" />
        {strands.isPending ? (
          <Loader role="status" size="sm" aria-label="Loading the strands" />
        ) : null}
        {items.length > 0 ? (
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
          <section className="data-table-region" aria-label="EEF Toolkit strands" tabIndex={0}>
            <Table striped stickyHeader verticalSpacing="xs" miw={1000}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Strand</Table.Th>
                  <Table.Th scope="col" className="num">
                    Months' progress
                  </Table.Th>
                  <Table.Th scope="col">Cost</Table.Th>
                  <Table.Th scope="col">Evidence</Table.Th>
                  <Table.Th scope="col">Status</Table.Th>
                  <Table.Th scope="col">Figures read</Table.Th>
                  <Table.Th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((s) => (
                  <Table.Tr key={s.id} data-testid="strand-row">
                    <Table.Th scope="row" fw={600}>
                      <a href={s.sourceUrl} rel="noreferrer">
                        {s.name}
                      </a>
                    </Table.Th>
                    <Table.Td className="num">{monthsText(s.months)}</Table.Td>
                    <Table.Td>{costText(s.cost)}</Table.Td>
                    <Table.Td>
                      {s.evidence === null ? "–" : `${evidenceText(s.evidence)} padlocks`}
                    </Table.Td>
                    <Table.Td>
                      <StatusCell strand={s} />
                    </Table.Td>
                    <Table.Td>{formatDate(s.takenOn)}</Table.Td>
                    <Table.Td>
                      {s.retired ? null : (
                        <Group gap="xs" wrap="nowrap">
                          <Button
                            size="xs"
                            variant="default"
                            onClick={() => setEditing(s)}
                            aria-label={`Correct ${s.name}`}
                          >
                            Correct
                          </Button>
                          <Button
                            size="xs"
                            variant={s.needsChecking ? "filled" : "default"}
                            onClick={() => setConfirming(s)}
                            aria-label={`Confirm ${s.name}`}
                          >
                            Confirm
                          </Button>
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </section>
        ) : null}
        {items[0] ? (
          <Text size="sm" c="dimmed">
            Source: {items[0].source}.
          </Text>
        ) : null}
      </Stack>
      {editing ? <EditStrandModal strand={editing} onClose={() => setEditing(null)} /> : null}
      {confirming ? (
        <ConfirmStrandModal strand={confirming} onClose={() => setConfirming(null)} />
      ) : null}
    </>
  );
}

function ConfirmStrandModal({ strand, onClose }: { strand: EefStrand; onClose: () => void }) {
  const confirm = useConfirmEefStrand();
  const [checkedOn, setCheckedOn] = useState(londonToday());
  return (
    <Modal opened onClose={onClose} title={`Confirm ${strand.name}`}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          confirm.mutate({ id: strand.id, checkedOn }, { onSuccess: onClose });
        }}
      >
        <Stack gap="sm">
          <Text size="sm">
            Confirm that the live Toolkit page shows {monthsText(strand.months)} months, cost{" "}
            {costText(strand.cost)} and {evidenceText(strand.evidence)} padlocks. If it shows
            something else, cancel and correct the figures instead. Your name and the date are
            recorded.
          </Text>
          <a href={strand.sourceUrl} rel="noreferrer">
            Open the strand's Toolkit page
          </a>
          <TextInput
            type="date"
            label="Checked on"
            value={checkedOn}
            onChange={(e) => setCheckedOn(e.currentTarget.value)}
          />
          <ProblemAlert error={confirm.error} title="Not confirmed" shownFields={["checkedOn"]} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={confirm.isPending}>
              Confirm figures
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

interface Values {
  months: number | string;
  cost: string;
  evidence: string;
  takenOn: string;
  note: string;
}

const check = validateWith(updateEefStrandSchema);
const toChanges = (v: Values): EefStrandChanges => ({
  // Empty months means "no months figure", which only 0 padlocks allows.
  months: readNumberText(v.months),
  cost: Number(v.cost),
  evidence: Number(v.evidence),
  takenOn: v.takenOn,
  note: v.note.trim(),
});

function EditStrandModal({ strand, onClose }: { strand: EefStrand; onClose: () => void }) {
  const update = useUpdateEefStrand();
  const form = useForm<Values>({
    initialValues: {
      months: strand.months ?? "",
      cost: String(strand.cost ?? 1),
      evidence: String(strand.evidence ?? 0),
      takenOn: londonToday(),
      note: strand.note,
    },
    validate: withNumberFields<Values>({ months: "5 or -1" }, (values) => {
      const errors = check(toChanges(values));
      const months = readNumberText(values.months);
      if (months === null && values.evidence !== "0")
        errors.months = "Enter the months, from −12 to 12.";
      if (months !== null && values.evidence === "0")
        errors.months = "With 0 padlocks the EEF gives no months figure: leave it empty.";
      return errors;
    }),
  });
  return (
    <Modal opened onClose={onClose} title={`Correct ${strand.name}`}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) =>
          update.mutate(
            { id: strand.id, ...toChanges(values) },
            { onSuccess: onClose, onError: (error) => form.setErrors(fieldErrorsOf(error)) },
          ),
        )}
      >
        <Stack gap="sm">
          <NumberField
            allowNegative
            label="Months' additional progress"
            description="The Toolkit's headline, from −12 to 12; empty when the evidence is insufficient (0 padlocks)."
            {...form.getInputProps("months")}
          />
          <Select
            label="Cost rating"
            data={[1, 2, 3, 4, 5].map((c) => ({ value: String(c), label: costText(c) }))}
            allowDeselect={false}
            {...form.getInputProps("cost")}
          />
          <Select
            label="Evidence strength"
            data={[0, 1, 2, 3, 4, 5].map((e) => ({
              value: String(e),
              label: `${evidenceText(e)} padlocks`,
            }))}
            allowDeselect={false}
            {...form.getInputProps("evidence")}
          />
          <TextInput
            type="date"
            label="Figures read on"
            description="The day you checked them against the Toolkit."
            {...form.getInputProps("takenOn")}
          />
          <Textarea label="Note" autosize minRows={2} {...form.getInputProps("note")} />
          <ProblemAlert
            error={update.error}
            title="Not saved"
            shownFields={["months", "cost", "evidence", "takenOn", "note"]}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={update.isPending}>
              Save figures
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
