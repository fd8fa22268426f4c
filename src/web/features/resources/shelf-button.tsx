import { Button, Group, Text } from "@mantine/core";
import type { Resource } from "../../../contracts/resources.ts";
import { useMe } from "../../app/get-me.ts";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { useShelfChange } from "./api/resources.ts";

/** "Save to our shelf" (or take it off) for each of the person's schools that keep one. */
export function ShelfButtons({ resource }: { resource: Resource }) {
  const schools = (useMe().data?.schools ?? []).filter((s) => s.abilities.keepShelf);
  if (schools.length === 0) return null;
  return (
    <Group gap="xs" wrap="wrap">
      {schools.map((s) => (
        <ShelfButton
          key={s.id}
          schoolId={s.id}
          schoolName={schools.length > 1 ? s.name : null}
          resource={resource}
        />
      ))}
    </Group>
  );
}

function ShelfButton({
  schoolId,
  schoolName,
  resource,
}: {
  schoolId: string;
  schoolName: string | null;
  resource: Resource;
}) {
  const change = useShelfChange(schoolId);
  const saved = resource.onShelfOf.includes(schoolId);
  const where = schoolName ? ` (${schoolName})` : "";
  return (
    <>
      <Button
        size="xs"
        variant={saved ? "default" : "light"}
        loading={change.isPending}
        onClick={() => change.mutate({ resourceId: resource.id, save: !saved })}
      >
        {saved ? `Remove from our shelf${where}` : `Save to our shelf${where}`}
      </Button>
      {saved ? (
        <Text size="xs" c="dimmed" role="status">
          On your school's shelf{where}.
        </Text>
      ) : null}
      <ProblemAlert error={change.error} title="The shelf was not changed" />
    </>
  );
}
