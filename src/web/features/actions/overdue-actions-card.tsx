import { Card, Group, List, Loader, Stack, Text, Title } from "@mantine/core";
import { useQueries } from "@tanstack/react-query";
import { AnchorLink } from "../../components/anchor-link.tsx";
import { StatusMark } from "../../components/composition.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { formatDate } from "../../lib/format.ts";
import { actionsQueryOptions } from "./api/actions.ts";

/** School staff's home page: what their teams have let slip, one school at a time. */
export function OverdueActionsCard({
  enrolments,
}: {
  enrolments: Array<{ id: string; schoolName: string }>;
}) {
  const results = useQueries({
    queries: enrolments.map((e) => actionsQueryOptions(e.id)),
  });
  const several = enrolments.length > 1;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="overdue-title">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h3" id="overdue-title">
            Overdue actions
          </Title>
          <AnchorLink to="/my-school/actions" search={{ status: "overdue" }} size="sm" fw={600}>
            Open the team's actions
          </AnchorLink>
        </Group>
        {enrolments.map((enrolment, i) => {
          const result = results[i];
          if (!result) return null;
          const overdue = (result.data?.items ?? []).filter((a) => a.overdue);
          return (
            <Stack key={enrolment.id} gap={4}>
              {several ? (
                <Text size="sm" fw={600}>
                  {enrolment.schoolName}
                </Text>
              ) : null}
              <ProblemAlert error={result.error} title="The actions could not be loaded" />
              {result.isPending ? (
                <Loader role="status" size="xs" aria-label="Loading actions" />
              ) : null}
              {result.isSuccess && overdue.length === 0 ? (
                <Text size="sm">
                  <StatusMark ok label={null} />
                  Nothing is overdue.
                </Text>
              ) : null}
              {overdue.length > 0 ? (
                <List
                  spacing={4}
                  listStyleType="none"
                  aria-label={`Overdue actions of ${enrolment.schoolName}`}
                >
                  {overdue.map((action) => (
                    <List.Item key={action.id}>
                      <Text size="sm">
                        <span aria-hidden="true" className="mark mark-warn">
                          ⚠
                        </span>
                        <strong>{action.title}</strong> — due {formatDate(action.dueOn ?? "")}
                        {action.owner ? ` · ${action.owner.name}` : " · no owner yet"}
                      </Text>
                    </List.Item>
                  ))}
                </List>
              ) : null}
            </Stack>
          );
        })}
      </Stack>
    </Card>
  );
}
