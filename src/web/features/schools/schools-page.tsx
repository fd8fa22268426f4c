import { Button, Card, Grid, Stack } from "@mantine/core";
import { useState } from "react";
import type { School } from "../../../contracts/network.ts";
import { PageHeader } from "../../components/page-header.tsx";
import { GiasImportPanel } from "./gias-import-panel.tsx";
import { HubsPanel } from "./hubs-panel.tsx";
import { SchoolFormModal } from "./school-form-modal.tsx";
import { SchoolsTable } from "./schools-table.tsx";

/** Admin · Schools and hubs. */
export function SchoolsPage() {
  const [editing, setEditing] = useState<School | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const add = () => {
    setEditing(null);
    setFormOpen(true);
  };
  return (
    <>
      <PageHeader
        title="Schools and hubs"
        intro="The network's schools by DfE URN, grouped in regional hubs."
        actions={<Button onClick={add}>Add a school</Button>}
      />
      <Stack gap="xl">
        <SchoolsTable
          onAdd={add}
          onEdit={(school) => {
            setEditing(school);
            setFormOpen(true);
          }}
        />
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, xl: 5 }}>
            <Card withBorder padding="lg">
              <HubsPanel />
            </Card>
          </Grid.Col>
          <Grid.Col span={{ base: 12, xl: 7 }}>
            <Card withBorder padding="lg">
              <GiasImportPanel />
            </Card>
          </Grid.Col>
        </Grid>
      </Stack>
      <SchoolFormModal opened={formOpen} school={editing} onClose={() => setFormOpen(false)} />
    </>
  );
}
