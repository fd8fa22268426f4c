import {
  Alert,
  Button,
  Group,
  Loader,
  Modal,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useState } from "react";
import { updateEefStrandSchema } from "../../../contracts/strategies.ts";
import "./evidence.css";
import { PageHeader } from "../../components/page-header.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { formatDate } from "../../lib/format.ts";
import { fieldErrorsOf, validateWith } from "../../lib/forms.ts";
import { londonToday } from "../measures/api/assessment-points.ts";
import {
  costText,
  type EefStrand,
  type EefStrandChanges,
  evidenceText,
  monthsText,
  useEefStrands,
  useUpdateEefStrand,
} from "./api/eef-strands.ts";

/** The EEF Toolkit reference list strategies draw on, kept right by the network's administrators. */
export function EefStrandsPage() {
  const strands = useEefStrands();
  const [editing, setEditing] = useState<EefStrand | null>(null);
  const items = strands.data ?? [];
  return (
    <>
      <PageHeader
        title="EEF Toolkit strands"
        intro="The reference list a strategy's evidence is chosen from: each strand's headline months' progress, cost and evidence strength."
      />
      <Stack gap="md">
        <Alert
          color="orange"
          variant="light"
          title="Check these figures against the Toolkit"
          className="verify-note"
          data-testid="verify-note"
        >
          <Text size="sm">
            The figures shipped with Cascade must be verified against the live EEF Teaching and
            Learning Toolkit (educationendowmentfoundation.org.uk) before schools rely on them. The
            EEF revises them; correct any that differ here, with the date you read them.
          </Text>
        </Alert>
        <ProblemAlert error={strands.error} title="The strands could not be loaded" />
        {strands.isPending ? <Loader size="sm" aria-label="Loading the strands" /> : null}
        {items.length > 0 ? (
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
          <section className="data-table-region" aria-label="EEF Toolkit strands" tabIndex={0}>
            <Table striped stickyHeader verticalSpacing="xs" miw={900}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Strand</Table.Th>
                  <Table.Th scope="col" className="num">
                    Months' progress
                  </Table.Th>
                  <Table.Th scope="col">Cost</Table.Th>
                  <Table.Th scope="col">Evidence</Table.Th>
                  <Table.Th scope="col">Figures taken</Table.Th>
                  <Table.Th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((s) => (
                  <Table.Tr key={s.id} data-testid="strand-row">
                    <Table.Th scope="row" fw={600}>
                      {s.name}
                    </Table.Th>
                    <Table.Td className="num">{monthsText(s.months)}</Table.Td>
                    <Table.Td>{costText(s.cost)}</Table.Td>
                    <Table.Td>{evidenceText(s.evidence)} padlocks</Table.Td>
                    <Table.Td>{formatDate(s.takenOn)}</Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => setEditing(s)}
                        aria-label={`Correct ${s.name}`}
                      >
                        Correct
                      </Button>
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
    </>
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
  months: v.months === "" ? Number.NaN : Number(v.months),
  cost: Number(v.cost),
  evidence: Number(v.evidence),
  takenOn: v.takenOn,
  note: v.note.trim(),
});

function EditStrandModal({ strand, onClose }: { strand: EefStrand; onClose: () => void }) {
  const update = useUpdateEefStrand();
  const form = useForm<Values>({
    initialValues: {
      months: strand.months,
      cost: String(strand.cost),
      evidence: String(strand.evidence),
      takenOn: londonToday(),
      note: strand.note,
    },
    validate: (values) => {
      const errors = check(toChanges(values));
      if (values.months === "") errors.months = "Enter the months, from −12 to 12.";
      return errors;
    },
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
          <NumberInput
            label="Months' additional progress"
            description="The Toolkit's headline, from −12 to 12."
            min={-12}
            max={12}
            allowDecimal={false}
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
