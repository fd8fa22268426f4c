import { Badge, Group, List, Text } from "@mantine/core";

export interface TrioSchool {
  id: string;
  name: string;
  trioRole: "lead" | "accelerator";
}

export const TRIO_ROLE_LABELS = { lead: "Lead", accelerator: "Accelerator" } as const;

/** A trio's schools by name, lead first, each marked lead or accelerator in words. */
export function TrioSchools({
  schools,
  currentSchoolId,
}: {
  schools: TrioSchool[];
  currentSchoolId?: string;
}) {
  const ordered = [...schools].sort(
    (a, b) => Number(b.trioRole === "lead") - Number(a.trioRole === "lead"),
  );
  return (
    <List spacing={4} listStyleType="none">
      {ordered.map((school) => (
        <List.Item key={school.id}>
          <Group gap={6} wrap="wrap">
            <Text size="sm" fw={school.id === currentSchoolId ? 600 : 400}>
              {school.name}
              {school.id === currentSchoolId ? " (this school)" : ""}
            </Text>
            <Badge size="sm" variant="light" color={school.trioRole === "lead" ? "teal" : "gray"}>
              {TRIO_ROLE_LABELS[school.trioRole]}
            </Badge>
          </Group>
        </List.Item>
      ))}
    </List>
  );
}
