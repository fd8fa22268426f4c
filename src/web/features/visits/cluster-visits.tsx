import {
  Button,
  Group,
  Loader,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { AnchorLink } from "../../components/anchor-link.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { formatDate } from "../../lib/format.ts";
import { fieldErrorsOf } from "../../lib/forms.ts";
import { useBookVisit, useVisitsOf } from "./api/visits.ts";
import { VisitStage } from "./visits-table.tsx";

interface School {
  enrolmentId: string;
  schoolName: string;
}

/** The programme lead's visits, school by school, and booking the next one. */
export function ClusterVisits({ schools }: { schools: School[] }) {
  const results = useVisitsOf(schools.map((s) => s.enrolmentId));
  const [booking, setBooking] = useState<string | null>(null);
  return (
    <Stack gap="sm" component="section" aria-labelledby="cluster-visits-title">
      <Group justify="space-between" wrap="wrap">
        <Title order={2} size="h3" id="cluster-visits-title">
          School visits
        </Title>
        <Button onClick={() => setBooking("")} disabled={schools.length === 0}>
          Book a visit
        </Button>
      </Group>
      {schools.length === 0 ? (
        <Text size="sm">No schools are enrolled yet, so there is no one to visit.</Text>
      ) : (
        <div className="wide-table-region">
          <Table striped verticalSpacing="sm" miw={720} aria-label="Visits, school by school">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>School</Table.Th>
                <Table.Th>Visits</Table.Th>
                <Table.Th>
                  <span className="visually-hidden">Book</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {schools.map((school, i) => {
                const result = results[i];
                const visits = result?.data ?? [];
                return (
                  <Table.Tr key={school.enrolmentId}>
                    <Table.Td fw={600}>{school.schoolName}</Table.Td>
                    <Table.Td>
                      {result?.isPending ? (
                        <Loader
                          role="status"
                          size="xs"
                          aria-label={`Loading visits to ${school.schoolName}`}
                        />
                      ) : null}
                      <ProblemAlert error={result?.error} title="The visits could not be loaded" />
                      {result?.isSuccess && visits.length === 0 ? (
                        <Text size="sm" c="dimmed">
                          No visits yet
                        </Text>
                      ) : null}
                      <Stack gap={4}>
                        {visits.map((v) => (
                          <Group key={v.id} gap="xs" wrap="nowrap">
                            <AnchorLink
                              to="/visits/$visitId"
                              params={{ visitId: v.id }}
                              size="sm"
                              fw={600}
                              miw={100}
                            >
                              {formatDate(v.visitOn)}
                              <span className="visually-hidden"> visit to {school.schoolName}</span>
                            </AnchorLink>
                            <VisitStage visit={v} />
                          </Group>
                        ))}
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="light"
                        onClick={() => setBooking(school.enrolmentId)}
                        aria-label={`Book a visit to ${school.schoolName}`}
                      >
                        Book a visit
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </div>
      )}
      {booking !== null ? (
        <BookVisitModal schools={schools} enrolmentId={booking} onClose={() => setBooking(null)} />
      ) : null}
    </Stack>
  );
}

function BookVisitModal({
  schools,
  enrolmentId,
  onClose,
}: {
  schools: School[];
  enrolmentId: string;
  onClose: () => void;
}) {
  const book = useBookVisit();
  const navigate = useNavigate();
  const form = useForm({
    initialValues: { enrolmentId: enrolmentId || null, visitOn: "" } as {
      enrolmentId: string | null;
      visitOn: string;
    },
    validate: {
      enrolmentId: (v) => (v ? null : "Choose the school."),
      visitOn: (v) => (v ? null : "Choose the day of the visit."),
    },
  });
  return (
    <Modal opened onClose={onClose} title="Book a visit">
      <form
        noValidate
        onSubmit={form.onSubmit((v) =>
          book.mutate(
            { enrolmentId: v.enrolmentId ?? "", visitOn: v.visitOn },
            {
              onSuccess: (visit) =>
                void navigate({ to: "/visits/$visitId", params: { visitId: visit.id } }),
              onError: (error) => form.setErrors(fieldErrorsOf(error)),
            },
          ),
        )}
      >
        <Stack gap="sm">
          <Select
            label="School"
            data={schools.map((s) => ({ value: s.enrolmentId, label: s.schoolName }))}
            allowDeselect={false}
            {...form.getInputProps("enrolmentId")}
          />
          <TextInput type="date" label="Day of the visit" {...form.getInputProps("visitOn")} />
          <Text size="sm" c="dimmed">
            The visit goes on the school team's calendar. Afterwards, record what you saw and the
            actions you agreed with the school's leader.
          </Text>
          <ProblemAlert
            error={book.error}
            title="The visit was not booked"
            shownFields={["enrolmentId", "visitOn"]}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={book.isPending}>
              Book visit
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
