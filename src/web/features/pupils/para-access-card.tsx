import { Button, Group, Modal, Paper, Radio, Stack, Text } from "@mantine/core";
import { useState } from "react";
import type { ParaAccess } from "../../../contracts/pupil-data.ts";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { useChangeParaAccess } from "./api/para-access.ts";

/**
 * What the school's para-professionals see. A para-professional reads why their
 * list is short and has no pupil premium or FSM; a leader can widen it.
 */
export function ParaAccessCard({ schoolId, access }: { schoolId: string; access: ParaAccess }) {
  const [open, setOpen] = useState(false);
  const current = access.options.find((o) => o.setting === access.setting);
  if (!access.reader.allPupils || !access.reader.povertyFlags) {
    return (
      <Paper withBorder p="sm" radius="md" className="no-print" data-testid="para-access-note">
        <Text size="sm">
          <strong>You see the pupils you work with:</strong> the target cohort if you are on the
          programme team, and the pupils of strategies you deliver. Pupil premium and free school
          meals are not shown to para-professionals; the school's leaders can change this.
        </Text>
      </Paper>
    );
  }
  if (!access.canChange) return null;
  return (
    <Paper withBorder p="sm" radius="md" className="no-print">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text size="sm">
          <strong>Para-professionals see:</strong> {current?.label ?? access.setting}.
        </Text>
        <Button variant="default" size="xs" onClick={() => setOpen(true)}>
          Change what para-professionals see
        </Button>
      </Group>
      <ChangeParaAccessModal
        opened={open}
        onClose={() => setOpen(false)}
        schoolId={schoolId}
        access={access}
      />
    </Paper>
  );
}

function ChangeParaAccessModal({
  opened,
  onClose,
  schoolId,
  access,
}: {
  opened: boolean;
  onClose: () => void;
  schoolId: string;
  access: ParaAccess;
}) {
  const [choice, setChoice] = useState<string>(access.setting);
  const change = useChangeParaAccess(schoolId);
  const close = () => {
    change.reset();
    setChoice(access.setting);
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title="What para-professionals see">
      <Stack>
        <Text size="sm">
          Para-professionals deliver support to the pupils they work with, which needs SEN,
          looked-after and EAL but not whose family is poor. Widening lets them see every pupil of
          the school with every flag, as teachers do. The change is recorded in the access history.
        </Text>
        <Radio.Group
          value={choice}
          onChange={setChoice}
          label="Para-professionals see"
          withAsterisk
        >
          <Stack gap="xs" mt="xs">
            {access.options.map((o) => (
              <Radio key={o.setting} value={o.setting} label={o.label} />
            ))}
          </Stack>
        </Radio.Group>
        <ProblemAlert error={change.error} title="The setting was not changed" />
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button
            loading={change.isPending}
            disabled={choice === access.setting}
            onClick={() =>
              change.mutate(choice as ParaAccess["setting"], { onSuccess: () => onClose() })
            }
          >
            Save
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
