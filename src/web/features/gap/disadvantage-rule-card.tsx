import { Button, Group, Modal, Paper, Radio, Stack, Text } from "@mantine/core";
import { useState } from "react";
import type { DisadvantageSettings } from "../../../contracts/pupil-data.ts";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { useChangeDisadvantageRule, useDisadvantageRule } from "./api/disadvantage-rule.ts";

const share = (pupils: number, onRoll: number) =>
  `${pupils} of ${onRoll} pupil${onRoll === 1 ? "" : "s"} on roll`;

/** Says who counts as disadvantaged at this school, and lets its leaders change the rule. */
export function DisadvantageRuleCard({ schoolId }: { schoolId: string }) {
  const settings = useDisadvantageRule(schoolId);
  const [open, setOpen] = useState(false);
  if (settings.error)
    return <ProblemAlert error={settings.error} title="The school's rule could not be read" />;
  if (!settings.data) return null;
  const { rule, options, onRoll, canChange } = settings.data;
  const current = options.find((o) => o.rule === rule);
  return (
    <Paper withBorder p="sm" radius="md" className="no-print">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text size="sm">
          <strong>Disadvantaged here means:</strong> {current?.label ?? rule}
          {current ? ` (${share(current.pupils, onRoll)})` : ""}.
        </Text>
        {canChange ? (
          <Button variant="default" size="xs" onClick={() => setOpen(true)}>
            Change who counts
          </Button>
        ) : null}
      </Group>
      {canChange ? (
        <ChangeRuleModal
          opened={open}
          onClose={() => setOpen(false)}
          schoolId={schoolId}
          settings={settings.data}
        />
      ) : null}
    </Paper>
  );
}

function ChangeRuleModal({
  opened,
  onClose,
  schoolId,
  settings,
}: {
  opened: boolean;
  onClose: () => void;
  schoolId: string;
  settings: DisadvantageSettings;
}) {
  const [choice, setChoice] = useState<string>(settings.rule);
  const change = useChangeDisadvantageRule(schoolId);
  const close = () => {
    change.reset();
    setChoice(settings.rule);
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title="Who counts as disadvantaged at this school">
      <Stack>
        <Text size="sm">
          The gap, the cohort finder's proposals and strategy evaluations all follow this rule.
          Pupils already in the target cohort stay in it.
        </Text>
        <Radio.Group value={choice} onChange={setChoice} label="Rule" withAsterisk>
          <Stack gap="xs" mt="xs">
            {settings.options.map((o) => (
              <Radio
                key={o.rule}
                value={o.rule}
                label={o.label}
                description={share(o.pupils, settings.onRoll)}
              />
            ))}
          </Stack>
        </Radio.Group>
        <ProblemAlert error={change.error} title="The rule was not changed" />
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button
            loading={change.isPending}
            disabled={choice === settings.rule}
            onClick={() =>
              change.mutate(choice as DisadvantageSettings["rule"], { onSuccess: () => onClose() })
            }
          >
            Use this rule
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
