import { Stack } from "@mantine/core";
import { useNavigate } from "@tanstack/react-router";
import { PageHeader } from "../../components/page-header.tsx";
import { ResourceForm } from "./resource-form.tsx";

export function AddResourcePage() {
  const navigate = useNavigate();
  return (
    <Stack gap="md">
      <PageHeader
        title="Add a resource"
        intro="A file (up to 20 MB) or a link, with what it is and who it is for. Never put pupils' names or data in a resource."
      />
      <ResourceForm
        onDone={(r) =>
          void navigate({ to: "/resources/$resourceId", params: { resourceId: r.id } })
        }
      />
    </Stack>
  );
}
