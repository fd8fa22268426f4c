import { Button, Group, Loader, Stack, Text } from "@mantine/core";
import { useNavigate } from "@tanstack/react-router";
import { SchoolDataPage } from "../../app/my-school-nav.tsx";
import { AnchorLink } from "../../components/anchor-link.tsx";
import { EmptyNote } from "../../components/empty-note.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { isProblem } from "../../lib/api-client.ts";
import { fieldErrorsOf } from "../../lib/forms.ts";
import { useCreateStrategy, useStrategy, useUpdateStrategy } from "./api/strategies.ts";
import { StrategyForm } from "./strategy-form.tsx";

const toList = (
  <AnchorLink to="/my-school/strategies" size="sm" fw={600}>
    Back to the strategies
  </AnchorLink>
);

/** Plans a new strategy; the school's leaders only (the server says so too). */
export function NewStrategyPage() {
  return (
    <SchoolDataPage
      title="New strategy"
      intro="Plan it first: the rest of its story — participants, reviews, evaluation — follows on its page."
    >
      {(school) =>
        school.abilities.planStrategy ? (
          <NewStrategy key={school.id} schoolId={school.id} />
        ) : (
          <EmptyNote action={toList}>
            Only the school's leaders plan new strategies. You can add reviews to the school's
            strategies from their pages.
          </EmptyNote>
        )
      }
    </SchoolDataPage>
  );
}

function NewStrategy({ schoolId }: { schoolId: string }) {
  const create = useCreateStrategy(schoolId);
  const navigate = useNavigate();
  return (
    <StrategyForm
      schoolId={schoolId}
      submitLabel="Create strategy"
      pending={create.isPending}
      error={create.error}
      onCancel={() => void navigate({ to: "/my-school/strategies" })}
      onSubmit={(input, setErrors) =>
        create.mutate(input, {
          onSuccess: (strategy) =>
            void navigate({
              to: "/my-school/strategies/$strategyId",
              params: { strategyId: strategy.id },
            }),
          onError: (error) => setErrors(fieldErrorsOf(error)),
        })
      }
    />
  );
}

/** Edits a strategy's plan, guarded by the version read. */
export function EditStrategyPage({ strategyId }: { strategyId: string }) {
  const strategy = useStrategy(strategyId);
  const update = useUpdateStrategy(strategyId);
  const navigate = useNavigate();
  const back = () =>
    void navigate({ to: "/my-school/strategies/$strategyId", params: { strategyId } });
  const data = strategy.data;
  return (
    <SchoolDataPage title={data ? `Edit: ${data.title}` : "Edit strategy"}>
      {() => (
        <Stack gap="md">
          <ProblemAlert error={strategy.error} title="The strategy could not be loaded" />
          {strategy.isPending ? (
            <Loader role="status" size="sm" aria-label="Loading the strategy" />
          ) : null}
          {data && !data.abilities.edit ? (
            <EmptyNote action={toList}>
              Only the school's leaders change a strategy's plan.
            </EmptyNote>
          ) : null}
          {data?.abilities.edit ? (
            <>
              {isProblem(update.error, 409) ? (
                <Group gap="sm">
                  <Text size="sm">Someone else saved a change first.</Text>
                  <Button
                    variant="default"
                    size="xs"
                    onClick={() => {
                      update.reset();
                      void strategy.refetch();
                    }}
                  >
                    Load their change
                  </Button>
                </Group>
              ) : null}
              <StrategyForm
                key={data.version}
                schoolId={data.schoolId}
                strategy={data}
                submitLabel="Save changes"
                pending={update.isPending}
                error={update.error}
                onCancel={back}
                onSubmit={(input, setErrors) =>
                  update.mutate(
                    { ...input, version: data.version },
                    { onSuccess: back, onError: (error) => setErrors(fieldErrorsOf(error)) },
                  )
                }
              />
            </>
          ) : null}
        </Stack>
      )}
    </SchoolDataPage>
  );
}
