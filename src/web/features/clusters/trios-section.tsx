import { Button, Card, Group, SimpleGrid, Stack, Text } from "@mantine/core";
import { useState } from "react";
import type { ClusterDetail } from "../../../contracts/network.ts";
import { AnchorLink } from "../../components/anchor-link.tsx";
import { ConfirmModal } from "../../components/confirm-modal.tsx";
import { EmptyNote } from "../../components/empty-note.tsx";
import { TrioSchools } from "../../components/trio-schools.tsx";
import { useDissolveTrio } from "./api/cluster-changes.ts";

type Trio = ClusterDetail["trios"][number];

/** The cluster's trios, each with its lead and accelerator schools. */
export function TriosList({
  cluster,
  isAdmin,
  withMatrix = false,
}: {
  cluster: ClusterDetail;
  isAdmin: boolean;
  /** For the cluster's programme lead: a link to each trio's matrix. */
  withMatrix?: boolean;
}) {
  const dissolve = useDissolveTrio();
  const [dissolving, setDissolving] = useState<Trio | null>(null);
  if (cluster.trios.length === 0) {
    return (
      <EmptyNote>
        No trios yet.{" "}
        {isAdmin
          ? cluster.enrolments.length > 0
            ? "Form one below from the schools not yet in a trio."
            : "Enrol schools first, then form trios from them."
          : "A network administrator forms them from the cluster's schools."}
      </EmptyNote>
    );
  }
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
        {cluster.trios.map((trio) => (
          <Card key={trio.id} withBorder padding="md">
            <Stack gap="xs">
              <Group justify="space-between" wrap="nowrap">
                <Text fw={700}>{trio.name}</Text>
                {isAdmin ? (
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    onClick={() => setDissolving(trio)}
                    aria-label={`Dissolve ${trio.name}`}
                  >
                    Dissolve
                  </Button>
                ) : null}
              </Group>
              <TrioSchools schools={trio.schools} />
              {withMatrix ? (
                <AnchorLink
                  to="/matrix"
                  search={{ view: "trio", trioId: trio.id }}
                  size="sm"
                  fw={600}
                >
                  Open the matrix for {trio.name}
                </AnchorLink>
              ) : null}
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
      <ConfirmModal
        opened={dissolving !== null}
        title="Dissolve this trio?"
        confirmLabel="Dissolve trio"
        pending={dissolve.isPending}
        error={dissolve.error}
        onClose={() => setDissolving(null)}
        onConfirm={() =>
          dissolving && dissolve.mutate(dissolving.id, { onSuccess: () => setDissolving(null) })
        }
      >
        {`${dissolving?.name ?? "The trio"} ends: its ${dissolving?.schools.length ?? 0} schools stay enrolled in ${cluster.name}, with their teams, and can be put in a new trio.`}
      </ConfirmModal>
    </>
  );
}
