import { Button, Group, Modal, Paper, Radio, Stack, Text } from "@mantine/core";
import { type ReactNode, useState } from "react";
import { ProblemAlert } from "./problem-alert.tsx";

/** One choice of a school's setting. */
export interface SettingOption<V extends string> {
  value: V;
  label: string;
  description?: string;
}

/** The mutation that saves a setting, as TanStack Query's `useMutation` gives it. */
interface SaveSetting<V extends string> {
  mutate: (value: V, options: { onSuccess: () => void }) => void;
  reset: () => void;
  isPending: boolean;
  error: unknown;
}

/**
 * A school's setting in one line ("Para-professionals see: …"), with a button for
 * those who may change it that opens a dialog of the choices, what the change
 * means, and the server's refusal if it refuses.
 */
export function SettingCard<V extends string>({
  summary,
  changeLabel,
  canChange,
  title,
  explanation,
  choiceLabel,
  options,
  current,
  saveLabel,
  errorTitle,
  save,
}: {
  summary: ReactNode;
  changeLabel: string;
  canChange: boolean;
  title: string;
  explanation: ReactNode;
  choiceLabel: string;
  options: ReadonlyArray<SettingOption<V>>;
  current: V;
  saveLabel: string;
  errorTitle: string;
  save: SaveSetting<V>;
}) {
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState<string>(current);
  const close = () => {
    save.reset();
    setChoice(current);
    setOpen(false);
  };
  return (
    <Paper withBorder p="sm" radius="md" className="no-print">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text size="sm">{summary}</Text>
        {canChange ? (
          <Button variant="default" size="xs" onClick={() => setOpen(true)}>
            {changeLabel}
          </Button>
        ) : null}
      </Group>
      {canChange ? (
        <Modal opened={open} onClose={close} title={title}>
          <Stack>
            <Text size="sm">{explanation}</Text>
            <Radio.Group value={choice} onChange={setChoice} label={choiceLabel} withAsterisk>
              <Stack gap="xs" mt="xs">
                {options.map((o) => (
                  <Radio
                    key={o.value}
                    value={o.value}
                    label={o.label}
                    description={o.description}
                  />
                ))}
              </Stack>
            </Radio.Group>
            <ProblemAlert error={save.error} title={errorTitle} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button
                loading={save.isPending}
                disabled={choice === current}
                onClick={() => save.mutate(choice as V, { onSuccess: () => setOpen(false) })}
              >
                {saveLabel}
              </Button>
            </Group>
          </Stack>
        </Modal>
      ) : null}
    </Paper>
  );
}
